//! Demo submissions, the running order of presentations, the public archive
//! and the organisers' exports.

use super::teams::record_change;
use super::{Claim, ServiceError, ServiceResult, Viewer, event_and_viewer, pitches};
use crate::domain::submission::SubmissionDraft;
use crate::domain::{Event, Phase, ProjectCard, ProjectId, ProjectStatus};
use crate::live::Live;
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store, audit};
use chrono::NaiveDateTime;
use rand::seq::SliceRandom;
use std::collections::HashMap;

/// The submission deadline: the earliest schedule entry of that kind.
pub fn deadline(conn: &mut DbConn, event: &Event) -> ServiceResult<Option<NaiveDateTime>> {
    Ok(store::events::schedule(conn, event.id)?
        .into_iter()
        .filter(|s| s.kind == "submission_deadline")
        .map(|s| s.at)
        .min())
}

/// Schedule times are the event's wall-clock times, compared with the
/// server's local time (set TZ for the server to the event's zone).
pub fn local_now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Whether this viewer may submit for this project: its members and the
/// organisers.
pub fn may_submit(conn: &mut DbConn, viewer: &Viewer, project: ProjectId) -> ServiceResult<bool> {
    if viewer.can_organise() {
        return Ok(true);
    }
    Ok(match viewer.person_id() {
        Some(person) => store::projects::team_of(conn, person)? == Some(project),
        None => false,
    })
}

fn phase_takes_submissions(phase: Phase) -> bool {
    matches!(phase, Phase::TeamForming | Phase::Hacking | Phase::Judging)
}

/// Saves the team's submission. After the deadline it is still kept, and
/// marked late for the organisers to decide. Every save is in the audit log.
pub async fn save(
    store: &Store,
    live: &Live,
    slug: &str,
    id: ProjectId,
    claim: Claim,
    draft: SubmissionDraft,
) -> ServiceResult<()> {
    let slug = slug.to_string();
    let staging = live.clone();
    let change = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            let project = store::projects::find(conn, event.id, id)?
                .filter(|p| p.status == ProjectStatus::Open)
                .ok_or(ServiceError::NotFound)?;
            if !may_submit(conn, &viewer, project.id)? {
                return Err(ServiceError::Forbidden(
                    "Only the team's members and the organisers can submit its demo".into(),
                ));
            }
            if !phase_takes_submissions(event.phase) && !viewer.can_organise() {
                return Err(ServiceError::Conflict(format!(
                    "Submissions are closed while the event is in {}",
                    event.phase.label()
                )));
            }
            store::events::lock(conn, event.id)?;
            let now = local_now();
            let late = deadline(conn, &event)?.is_some_and(|d| now > d);
            store::submissions::save(
                conn,
                project.id,
                viewer.person_id(),
                &draft,
                late,
                chrono::Utc::now().naive_utc(),
            )?;
            let detail = serde_json::json!({
                "repo_url": draft.repo_url.as_str(),
                "demo_url": draft.demo_url.as_ref().map(|l| l.as_str()),
                "slides_url": draft.slides_url.as_ref().map(|l| l.as_str()),
                "video_url": draft.video_url.as_ref().map(|l| l.as_str()),
                "built": draft.built,
                "licence": draft.licence,
                "keep_working": draft.keep_working,
                "late": late,
            });
            super::audit_by(
                conn,
                &event,
                &viewer,
                "submission_saved",
                &format!("project {id}: {detail}"),
            )?;
            record_change(conn, &staging, &event, &[project.id], true)
        })
        .await?;
    live.committed(change);
    Ok(())
}

/// A project's submission and, for its members and organisers, the history
/// of changes to it.
pub struct SubmissionView {
    pub submission: Option<Submission>,
    pub can_submit: bool,
    pub deadline: Option<NaiveDateTime>,
    pub history: Vec<(NaiveDateTime, String, String)>,
}

pub fn submission_view(
    conn: &mut DbConn,
    event: &Event,
    viewer: &Viewer,
    project: ProjectId,
) -> ServiceResult<SubmissionView> {
    let can_submit = may_submit(conn, viewer, project)?;
    let history = if can_submit {
        audit::for_project(conn, event.id, project.0)?
            .into_iter()
            .map(|(at, actor, action, _)| (at, actor, action))
            .collect()
    } else {
        vec![]
    };
    Ok(SubmissionView {
        submission: store::submissions::find(conn, project)?,
        can_submit,
        deadline: deadline(conn, event)?,
        history,
    })
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
    let slug = slug.to_string();
    let staging = live.clone();
    let change = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            viewer.require_organiser()?;
            store::events::lock(conn, event.id)?;
            let mut order = store::submissions::running_order(conn, event.id)?;
            let label = match op {
                OrderChange::Shuffle => {
                    order.shuffle(&mut rand::thread_rng());
                    "shuffled".to_string()
                }
                OrderChange::Up(id) | OrderChange::Down(id) => {
                    let at = order
                        .iter()
                        .position(|p| *p == id)
                        .ok_or(ServiceError::NotFound)?;
                    let to = if matches!(op, OrderChange::Up(_)) {
                        at.checked_sub(1)
                    } else {
                        Some(at + 1).filter(|t| *t < order.len())
                    };
                    if let Some(to) = to {
                        order.swap(at, to);
                    }
                    format!("project {id} moved to place {}", to.unwrap_or(at) + 1)
                }
            };
            store::submissions::set_running_order(conn, &order)?;
            super::audit_by(conn, &event, &viewer, "running_order", &label)?;
            record_change(conn, &staging, &event, &[], true)
        })
        .await?;
    live.committed(change);
    Ok(())
}

/// Who presents: start from the top, move on, go back, stop, or pick one.
pub enum Presenting {
    Next,
    Previous,
    Stop,
    Project(ProjectId),
}

pub async fn present(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    op: Presenting,
) -> ServiceResult<Option<ProjectId>> {
    let slug = slug.to_string();
    let staging = live.clone();
    let (now, change) = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            viewer.require_organiser()?;
            store::events::lock(conn, event.id)?;
            let order = store::submissions::running_order(conn, event.id)?;
            let current = store::submissions::now_presenting(conn, event.id)?;
            let at = current.and_then(|c| order.iter().position(|p| *p == c));
            let now = match op {
                Presenting::Next => match at {
                    Some(i) => order.get(i + 1).copied(),
                    None => order.first().copied(),
                },
                Presenting::Previous => at
                    .and_then(|i| i.checked_sub(1))
                    .and_then(|i| order.get(i).copied()),
                Presenting::Stop => None,
                Presenting::Project(id) => Some(
                    *order
                        .iter()
                        .find(|p| **p == id)
                        .ok_or(ServiceError::NotFound)?,
                ),
            };
            store::submissions::set_now_presenting(conn, event.id, now)?;
            let detail = now
                .map(|p| format!("project {p}"))
                .unwrap_or_else(|| "nobody".into());
            super::audit_by(conn, &event, &viewer, "now_presenting", &detail)?;
            Ok::<_, ServiceError>((now, record_change(conn, &staging, &event, &[], true)?))
        })
        .await?;
    live.committed(change);
    Ok(now)
}

/// The running order page: teams in order, who presents now, submissions.
pub struct OrderPage {
    pub event: Event,
    pub viewer: Viewer,
    pub teams: Vec<ProjectCard>,
    pub now_presenting: Option<ProjectId>,
}

pub async fn order_page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<OrderPage> {
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            viewer.require_organiser()?;
            let order = store::submissions::running_order(conn, event.id)?;
            let mut cards: HashMap<ProjectId, ProjectCard> = pitches::cards(conn, &event)?
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
    let mut cards: HashMap<ProjectId, ProjectCard> = pitches::cards(conn, &event)?
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
    for (prize, project, _) in super::results::revealed(conn, &event)? {
        prizes.entry(project).or_default().push(prize);
    }
    Ok(Archive {
        event,
        viewer,
        projects,
        prizes,
    })
}

pub async fn archive(store: &Store, slug: &str, claim: Claim) -> ServiceResult<Archive> {
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            archive_in(conn, event, viewer)
        })
        .await
}

/// Everything the organisers may download, checked for their role.
pub async fn export(store: &Store, slug: &str, claim: Claim) -> ServiceResult<Archive> {
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            viewer.require_organiser()?;
            archive_in(conn, event, viewer)
        })
        .await
}
