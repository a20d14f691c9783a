//! What the event page and a project's page show (with its submission
//! section): reads only.

use super::may_edit;
use crate::domain::audit::AuditAction;
use crate::domain::{Event, ProjectCard, ProjectId, ProjectStatus, ScheduleItem};
use crate::service::live_view::cache::{ReadModel, ReadModels};
use crate::service::{Claim, ServiceError, ServiceResult, Viewer, read};
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store, audit::Logged};
use chrono::NaiveDateTime;
use std::sync::Arc;

pub struct EventPage {
    pub event: Event,
    pub viewer: Viewer,
    pub projects: Arc<Vec<ProjectCard>>,
    pub schedule: Arc<Vec<ScheduleItem>>,
    pub my_team: Option<ProjectId>,
    pub my_pitch: Option<ProjectId>,
    pub people_count: i64,
    pub now_presenting: Option<ProjectId>,
    /// Once the event has closed: the prizes revealed, in reveal order.
    pub winners: Vec<crate::live::protocol::RevealedPrize>,
    /// The version of the event this page was built from.
    pub model: Arc<ReadModel>,
}

pub struct ProjectPage {
    pub event: Event,
    pub viewer: Viewer,
    pub card: ProjectCard,
    pub my_team: Option<ProjectId>,
    pub can_edit: bool,
    pub submission: SubmissionView,
}

/// A project's submission and, for its members and organisers, the history
/// of its saves (and nothing else from the audit log).
pub struct SubmissionView {
    pub submission: Option<Submission>,
    pub can_submit: bool,
    pub deadline: Option<NaiveDateTime>,
    pub history: Vec<Logged>,
}

/// The event page's content for this viewer, from the event's in-memory
/// read model (see `live_view::cache`): no query but the session check.
pub async fn event_page(
    models: &ReadModels,
    store: &Store,
    slug: &str,
    claim: Claim,
) -> ServiceResult<EventPage> {
    let (model, viewer) = models.visit(store, slug, claim).await?;
    Ok(page_of(model, viewer))
}

fn page_of(model: Arc<ReadModel>, viewer: Viewer) -> EventPage {
    let (my_team, my_pitch) = match viewer.person_id() {
        Some(id) => (model.team_of(id), model.open_pitch_of(id)),
        None => (None, None),
    };
    EventPage {
        event: model.event.clone(),
        viewer,
        projects: model.cards.clone(),
        schedule: model.schedule.clone(),
        my_team,
        my_pitch,
        people_count: model.people_count,
        now_presenting: model.now_presenting,
        winners: model.winners.clone(),
        model,
    }
}

pub async fn project_page(
    store: &Store,
    slug: &str,
    id: ProjectId,
    claim: Claim,
) -> ServiceResult<ProjectPage> {
    read(store, slug, claim, move |conn, event, viewer| {
        let project = store::projects::find(conn, event.id, id)?.ok_or(ServiceError::NotFound)?;
        if project.status != ProjectStatus::Open && !viewer.can_organise() {
            return Err(ServiceError::NotFound);
        }
        let members = store::projects::members_of(conn, project.id)?;
        let my_team = match viewer.person_id() {
            Some(pid) => store::projects::team_of(conn, pid)?,
            None => None,
        };
        let submission = submission_view(conn, &event, &viewer, my_team, project.id)?;
        Ok(ProjectPage {
            submission,
            can_edit: may_edit(&event, &viewer, &project),
            card: ProjectCard::new(project, members),
            event,
            viewer,
            my_team,
        })
    })
    .await
}

/// A project's page from the event's in-memory read model, for a viewer
/// who sees it as everyone of their kind does (no query but the session
/// check). `None` when this viewer's page needs the database: organisers
/// and the project's own team (the submission form and its history), or a
/// project that is not open.
pub async fn shared_project_page(
    models: &ReadModels,
    store: &Store,
    slug: &str,
    id: ProjectId,
    claim: Claim,
) -> ServiceResult<Option<(ProjectPage, Arc<ReadModel>)>> {
    let (model, viewer) = models.visit(store, slug, claim).await?;
    let my_team = viewer.person_id().and_then(|p| model.team_of(p));
    let Some(card) = model.card(id) else {
        return Ok(None);
    };
    if viewer.can_organise() || viewer.may_submit(my_team, id) {
        return Ok(None);
    }
    // Lateness is for the organisers to weigh, not a mark on the team's page.
    let submission = model.submissions.get(&id).cloned().map(|mut s| {
        s.late = false;
        s
    });
    let page = ProjectPage {
        can_edit: may_edit(&model.event, &viewer, &card.project),
        card: card.clone(),
        submission: SubmissionView {
            submission,
            can_submit: false,
            deadline: model.submission_deadline,
            history: Vec::new(),
        },
        event: model.event.clone(),
        viewer,
        my_team,
    };
    Ok(Some((page, model)))
}

fn submission_view(
    conn: &mut DbConn,
    event: &Event,
    viewer: &Viewer,
    my_team: Option<ProjectId>,
    project: ProjectId,
) -> ServiceResult<SubmissionView> {
    let can_submit = viewer.may_submit(my_team, project);
    let history = if can_submit {
        store::audit::for_project(conn, project, AuditAction::SubmissionSaved)?
    } else {
        vec![]
    };
    // Lateness is for the organisers to weigh, not a mark on the team's page.
    let submission = store::submissions::find(conn, project)?.map(|mut s| {
        s.late &= viewer.can_organise();
        s
    });
    Ok(SubmissionView {
        submission,
        can_submit,
        deadline: store::events::submission_deadline(conn, event.id)?,
        history,
    })
}
