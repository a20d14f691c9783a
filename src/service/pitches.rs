//! Pitching: the event page's list of projects, a project's page (with its
//! submission section), and submitting, editing, withdrawing and hiding a
//! pitch.

use super::change::{self, Effects, Needs, Scope};
use super::live_view::cache::{ReadModel, ReadModels};
use super::{Claim, ServiceError, ServiceResult, Viewer, read};
use crate::domain::audit::AuditAction;
use crate::domain::{
    Event, PitchDraft, Project, ProjectCard, ProjectId, ProjectStatus, ScheduleItem,
};
use crate::live::Live;
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store, audit::Logged, projects::Pitch};
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
    let model = models.current(store, slug).await?;
    let viewer = models.viewer(store, &model, claim).await?;
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

/// Whether this viewer may change this pitch now: its pitcher while
/// pitches are accepted, or an organiser at any time.
fn may_edit(event: &Event, viewer: &Viewer, project: &Project) -> bool {
    viewer.can_organise()
        || (viewer.person_id() == Some(project.pitcher_id) && event.accepts_pitches())
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
    let model = models.current(store, slug).await?;
    let viewer = models.viewer(store, &model, claim).await?;
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

fn pitch_of(draft: &PitchDraft) -> Pitch<'_> {
    Pitch {
        title: &draft.title,
        problem: &draft.problem,
        skills_needed: draft.skills_needed,
    }
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

/// Submits a pitch. The pitcher becomes the first member of its team.
pub async fn submit(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    draft: PitchDraft,
) -> ServiceResult<ProjectId> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Person,
        move |conn, cx, fx| {
            let person = cx.person()?;
            // The event was read under its lock: a phase change committed a
            // moment ago is seen here.
            if !cx.event.accepts_pitches() && !cx.viewer.can_organise() {
                return Err(ServiceError::Conflict(
                    "Pitching is closed for this event".into(),
                ));
            }
            if let Some(existing) = store::projects::open_pitch_of(conn, person.id)? {
                return Err(ServiceError::Conflict(format!(
                    "You already have a pitch (number {existing}); edit that one instead"
                )));
            }
            let id = store::projects::insert(conn, cx.event.id, person.id, pitch_of(&draft))?;
            let previous = store::projects::team_of(conn, person.id)?;
            store::projects::put_in_team(conn, cx.event.id, id, person.id)?;
            fx.audit_project(
                AuditAction::PitchSubmitted,
                id,
                quoted(draft.title.as_str()),
            );
            fx.touch(previous.into_iter().chain([id]));
            Ok(id)
        },
    )
    .await
}

fn quoted(title: &str) -> String {
    format!("“{title}”")
}

/// Loads a pitch for its edit form, checking the viewer may edit it.
pub async fn for_editing(
    store: &Store,
    slug: &str,
    id: ProjectId,
    claim: Claim,
) -> ServiceResult<(Event, Project)> {
    read(store, slug, claim, move |conn, event, viewer| {
        let project = editable(conn, &event, &viewer, id)?;
        Ok((event, project))
    })
    .await
}

fn editable(
    conn: &mut DbConn,
    event: &Event,
    viewer: &Viewer,
    id: ProjectId,
) -> ServiceResult<Project> {
    let project = store::projects::find(conn, event.id, id)?.ok_or(ServiceError::NotFound)?;
    if project.status == ProjectStatus::Withdrawn && !viewer.can_organise() {
        return Err(ServiceError::NotFound);
    }
    if !may_edit(event, viewer, &project) {
        return Err(ServiceError::Forbidden(
            if viewer.person_id() == Some(project.pitcher_id) {
                "Pitching has closed, so the pitch can no longer be changed. Ask an organiser."
                    .into()
            } else {
                "Only the pitcher or an organiser can change this pitch".into()
            },
        ));
    }
    Ok(project)
}

/// A change to one pitch by its pitcher (while pitching) or an organiser.
async fn pitch_change<F>(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    id: ProjectId,
    act: F,
) -> ServiceResult<()>
where
    F: FnOnce(&mut DbConn, &Scope, &mut Effects, Project) -> ServiceResult<()> + Send + 'static,
{
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Anyone,
        move |conn, cx, fx| {
            let project = editable(conn, &cx.event, &cx.viewer, id)?;
            fx.touch([id]);
            act(conn, cx, fx, project)
        },
    )
    .await
}

pub async fn edit(
    store: &Store,
    live: &Live,
    slug: &str,
    id: ProjectId,
    claim: Claim,
    draft: PitchDraft,
) -> ServiceResult<()> {
    pitch_change(store, live, slug, claim, id, move |conn, _, fx, _| {
        store::projects::update_pitch(conn, id, pitch_of(&draft))?;
        fx.audit_project(AuditAction::PitchEdited, id, quoted(draft.title.as_str()));
        Ok(())
    })
    .await
}

/// Withdraws a pitch; its team is disbanded (members can join another).
pub async fn withdraw(
    store: &Store,
    live: &Live,
    slug: &str,
    id: ProjectId,
    claim: Claim,
) -> ServiceResult<()> {
    pitch_change(store, live, slug, claim, id, move |conn, _, fx, project| {
        store::projects::set_status(conn, id, ProjectStatus::Withdrawn)?;
        store::projects::disband(conn, id)?;
        fx.audit_project(AuditAction::PitchWithdrawn, id, quoted(&project.title));
        Ok(())
    })
    .await
}

/// Hides a pitch from every list and screen (moderation), or shows it again.
/// Organisers only; its team is kept for when it comes back.
pub async fn set_hidden(
    store: &Store,
    live: &Live,
    slug: &str,
    id: ProjectId,
    claim: Claim,
    hidden: bool,
) -> ServiceResult<()> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Organiser,
        move |conn, cx, fx| {
            let project =
                store::projects::find(conn, cx.event.id, id)?.ok_or(ServiceError::NotFound)?;
            if project.status == ProjectStatus::Withdrawn {
                return Err(ServiceError::Conflict(
                    "This pitch was withdrawn by its pitcher".into(),
                ));
            }
            let (status, action) = if hidden {
                (ProjectStatus::Hidden, AuditAction::PitchHidden)
            } else {
                (ProjectStatus::Open, AuditAction::PitchShown)
            };
            store::projects::set_status(conn, id, status)?;
            fx.audit_project(action, id, quoted(&project.title));
            fx.touch([id]);
            fx.event_changed();
            Ok(())
        },
    )
    .await
}
