//! Demo submissions, the running order of presentations, the public archive
//! and the organisers' exports.

use super::change::{self, Needs};
use super::live_view::cache::{ReadModel, ReadModels};
use super::{Claim, ServiceError, ServiceResult, Viewer, live_view, read};
use crate::domain::audit::AuditAction;
use crate::domain::running_order::{self, Step};
use crate::domain::submission::SubmissionDraft;
use crate::domain::{Event, Phase, ProjectCard, ProjectId, ProjectStatus};
use crate::live::Live;
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store};
use rand::seq::SliceRandom;
use std::collections::HashMap;
use std::sync::Arc;

fn phase_takes_submissions(phase: Phase) -> bool {
    matches!(phase, Phase::TeamForming | Phase::Hacking | Phase::Judging)
}

/// Saves the team's submission. After the deadline it is still kept, and
/// marked late for the organisers to decide. Every save is in the audit log,
/// as the project's history.
pub async fn save(
    store: &Store,
    live: &Live,
    slug: &str,
    id: ProjectId,
    claim: Claim,
    draft: SubmissionDraft,
) -> ServiceResult<()> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Anyone,
        move |conn, cx, fx| {
            let (event, viewer) = (&cx.event, &cx.viewer);
            let project = store::projects::find(conn, event.id, id)?
                .filter(|p| p.status == ProjectStatus::Open)
                .ok_or(ServiceError::NotFound)?;
            let my_team = match viewer.person_id() {
                Some(person) => store::projects::team_of(conn, person)?,
                None => None,
            };
            if !viewer.may_submit(my_team, project.id) {
                return Err(ServiceError::Forbidden(
                    "Only the team's members and the organisers can submit its demo".into(),
                ));
            }
            // The event was read under its lock: a phase change committed a
            // moment ago is seen here.
            if !phase_takes_submissions(event.phase) && !viewer.can_organise() {
                return Err(ServiceError::Conflict(format!(
                    "Submissions are closed while the event is in {}",
                    event.phase.label()
                )));
            }
            let late = store::events::submission_deadline(conn, event.id)?
                .is_some_and(|d| event.zone.has_passed(d, chrono::Utc::now()));
            let saved_at = chrono::Utc::now().naive_utc();
            store::submissions::save(conn, project.id, viewer.person_id(), &draft, late, saved_at)?;
            fx.audit_project(
                AuditAction::SubmissionSaved,
                project.id,
                saved_detail(&draft, late),
            );
            fx.touch([project.id]);
            fx.event_changed();
            Ok(())
        },
    )
    .await
}

/// What a save records: the links and texts as saved, for the history.
fn saved_detail(draft: &SubmissionDraft, late: bool) -> String {
    serde_json::json!({
        "repo_url": draft.repo_url.as_str(),
        "demo_url": draft.demo_url.as_ref().map(|l| l.as_str()),
        "slides_url": draft.slides_url.as_ref().map(|l| l.as_str()),
        "video_url": draft.video_url.as_ref().map(|l| l.as_str()),
        "built": draft.built,
        "licence": draft.licence,
        "keep_working": draft.keep_working,
        "late": late,
    })
    .to_string()
}

/// How the organisers change the running order.
pub enum OrderChange {
    Up(ProjectId),
    Down(ProjectId),
    Shuffle,
}

pub async fn change_order(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    op: OrderChange,
) -> ServiceResult<()> {
    change::organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let mut order = store::submissions::running_order(conn, event.id)?;
        let detail = match op {
            OrderChange::Shuffle => {
                order.shuffle(&mut rand::thread_rng());
                "shuffled it".to_string()
            }
            OrderChange::Up(id) | OrderChange::Down(id) => {
                let up = matches!(op, OrderChange::Up(_));
                let place =
                    running_order::move_one(&mut order, id, up).ok_or(ServiceError::NotFound)?;
                format!("{} to place {}", title_of(conn, event, id)?, place + 1)
            }
        };
        store::submissions::set_running_order(conn, &order)?;
        fx.audit(AuditAction::RunningOrder, detail);
        Ok(())
    })
    .await
}

/// A project's title in quotes, for the audit log.
fn title_of(conn: &mut DbConn, event: &Event, id: ProjectId) -> ServiceResult<String> {
    let title = store::projects::find(conn, event.id, id)?
        .map(|p| p.title)
        .unwrap_or_default();
    Ok(format!("“{title}”"))
}

/// Who presents: start from the top, move on, go back, stop, or pick one.
pub async fn present(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    step: Step,
) -> ServiceResult<()> {
    change::organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let order = store::submissions::running_order(conn, event.id)?;
        let current = store::submissions::now_presenting(conn, event.id)?;
        let now =
            running_order::after(&order, current, step).map_err(|_| ServiceError::NotFound)?;
        store::submissions::set_now_presenting(conn, event.id, now)?;
        let detail = match now {
            Some(id) => title_of(conn, event, id)?,
            None => "nobody".into(),
        };
        fx.audit(AuditAction::NowPresenting, detail);
        Ok(())
    })
    .await
}

/// The running order page: teams in order, who presents now, submissions.
pub struct OrderPage {
    pub event: Event,
    pub viewer: Viewer,
    pub teams: Vec<ProjectCard>,
    pub now_presenting: Option<ProjectId>,
}

pub async fn order_page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<OrderPage> {
    read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        let order = store::submissions::running_order(conn, event.id)?;
        let mut cards: HashMap<ProjectId, ProjectCard> = live_view::cards(conn, &event)?
            .into_iter()
            .map(|c| (c.project.id, c))
            .collect();
        let teams = order.iter().filter_map(|id| cards.remove(id)).collect();
        Ok(OrderPage {
            now_presenting: store::submissions::now_presenting(conn, event.id)?,
            event,
            viewer,
            teams,
        })
    })
    .await
}

/// The public archive (and the exports): every open project with its team
/// and submission, in running order.
pub struct Archive {
    pub event: Event,
    pub viewer: Viewer,
    pub projects: Vec<(ProjectCard, Option<Submission>)>,
    /// Prizes revealed so far, by project id.
    pub prizes: HashMap<i64, Vec<String>>,
}

fn archive_in(conn: &mut DbConn, event: Event, viewer: Viewer) -> ServiceResult<Archive> {
    let order = store::submissions::running_order(conn, event.id)?;
    let mut cards: HashMap<ProjectId, ProjectCard> = live_view::cards(conn, &event)?
        .into_iter()
        .map(|c| (c.project.id, c))
        .collect();
    let mut subs: HashMap<ProjectId, Submission> =
        store::submissions::list_for_event(conn, event.id)?
            .into_iter()
            .map(|s| (s.project_id, s))
            .collect();
    let projects = order
        .iter()
        .filter_map(|id| cards.remove(id).map(|c| (c, subs.remove(id))))
        .collect();
    let mut prizes: HashMap<i64, Vec<String>> = HashMap::new();
    for revealed in live_view::revealed(conn, &event)? {
        prizes
            .entry(revealed.project)
            .or_default()
            .push(revealed.prize);
    }
    Ok(Archive {
        event,
        viewer,
        projects,
        prizes,
    })
}

/// The event's in-memory read model at its newest version and who is
/// asking, for the public archive (no query but the session check); the
/// archive itself is built from them by `archive_of`, only when its page
/// is not rendered yet at this version.
pub async fn archive(
    models: &ReadModels,
    store: &Store,
    slug: &str,
    claim: Claim,
) -> ServiceResult<(Arc<ReadModel>, Viewer)> {
    let (model, viewer) = models.visit(store, slug, claim).await?;
    Ok((model, viewer))
}

/// The public archive of one version of the event, for this viewer.
pub fn archive_of(model: &ReadModel, viewer: Viewer) -> Archive {
    let mut cards: HashMap<ProjectId, &ProjectCard> =
        model.cards.iter().map(|c| (c.project.id, c)).collect();
    let projects = model
        .running_order
        .iter()
        .filter_map(|id| {
            let card = cards.remove(id)?.clone();
            Some((card, model.submissions.get(id).cloned()))
        })
        .collect();
    let mut prizes: HashMap<i64, Vec<String>> = HashMap::new();
    for revealed in &model.revealed {
        prizes
            .entry(revealed.project)
            .or_default()
            .push(revealed.prize.clone());
    }
    Archive {
        event: model.event.clone(),
        viewer,
        projects,
        prizes,
    }
}

/// Everything the organisers may download, checked for their role.
pub async fn export(store: &Store, slug: &str, claim: Claim) -> ServiceResult<Archive> {
    read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        archive_in(conn, event, viewer)
    })
    .await
}
