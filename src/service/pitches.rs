//! Pitching: the event page's list of projects, a project's page, and
//! submitting, editing and withdrawing a pitch.

use super::teams::record_change;
use super::{Claim, ServiceError, ServiceResult, Viewer, event_and_viewer};
use crate::domain::{
    Event, Member, PitchDraft, Project, ProjectCard, ProjectId, ProjectStatus, ScheduleItem,
};
use crate::live::Live;
use crate::store::{self, DbConn, Store, audit, projects::Pitch};
use std::collections::HashMap;

pub struct EventPage {
    pub event: Event,
    pub viewer: Viewer,
    pub projects: Vec<ProjectCard>,
    pub schedule: Vec<ScheduleItem>,
    pub my_team: Option<ProjectId>,
    pub my_pitch: Option<ProjectId>,
    pub people_count: i64,
    pub now_presenting: Option<ProjectId>,
}

pub struct ProjectPage {
    pub event: Event,
    pub viewer: Viewer,
    pub card: ProjectCard,
    pub my_team: Option<ProjectId>,
    pub can_edit: bool,
    pub submission: super::submissions::SubmissionView,
}

/// Every open project of the event with its members, in pitch order.
pub fn cards(conn: &mut DbConn, event: &Event) -> ServiceResult<Vec<ProjectCard>> {
    let projects = store::projects::list_open(conn, event.id)?;
    let mut by_project: HashMap<ProjectId, Vec<Member>> = HashMap::new();
    for member in store::projects::members_of_event(conn, event.id)? {
        by_project
            .entry(member.project_id)
            .or_default()
            .push(member);
    }
    let submitted: std::collections::HashSet<ProjectId> =
        store::submissions::list_for_event(conn, event.id)?
            .into_iter()
            .map(|s| s.project_id)
            .collect();
    Ok(projects
        .into_iter()
        .map(|p| {
            let members = by_project.remove(&p.id).unwrap_or_default();
            let mut card = ProjectCard::new(p, members);
            card.submitted = submitted.contains(&card.project.id);
            card
        })
        .collect())
}

pub async fn event_page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<EventPage> {
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            let projects = cards(conn, &event)?;
            let (my_team, my_pitch) = match viewer.person_id() {
                Some(id) => (
                    store::projects::team_of(conn, id)?,
                    store::projects::open_pitch_of(conn, id)?,
                ),
                None => (None, None),
            };
            Ok(EventPage {
                schedule: store::events::schedule(conn, event.id)?,
                people_count: store::people::count_attendees(conn, event.id)?,
                now_presenting: store::submissions::now_presenting(conn, event.id)?,
                event,
                viewer,
                projects,
                my_team,
                my_pitch,
            })
        })
        .await
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
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            let project =
                store::projects::find(conn, event.id, id)?.ok_or(ServiceError::NotFound)?;
            if project.status != ProjectStatus::Open && !viewer.can_organise() {
                return Err(ServiceError::NotFound);
            }
            let members = store::projects::members_of(conn, project.id)?;
            let my_team = match viewer.person_id() {
                Some(pid) => store::projects::team_of(conn, pid)?,
                None => None,
            };
            let submission =
                super::submissions::submission_view(conn, &event, &viewer, project.id)?;
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

fn pitch_of(draft: &PitchDraft) -> Pitch<'_> {
    Pitch {
        title: &draft.title,
        problem: &draft.problem,
        skills_needed: draft.skills_needed,
    }
}

/// Submits a pitch. The pitcher becomes the first member of its team.
pub async fn submit(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    draft: PitchDraft,
) -> ServiceResult<ProjectId> {
    let slug = slug.to_string();
    let staging = live.clone();
    let (id, change) = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            let person = viewer.require_person()?.clone();
            if !event.accepts_pitches() && !viewer.can_organise() {
                return Err(ServiceError::Conflict(
                    "Pitching is closed for this event".into(),
                ));
            }
            store::events::lock(conn, event.id)?;
            if let Some(existing) = store::projects::open_pitch_of(conn, person.id)? {
                return Err(ServiceError::Conflict(format!(
                    "You already have a pitch (number {existing}); edit that one instead"
                )));
            }
            let id = store::projects::insert(conn, event.id, person.id, pitch_of(&draft))?;
            let previous = store::projects::team_of(conn, person.id)?;
            store::projects::put_in_team(conn, event.id, id, person.id)?;
            audit::record(
                conn,
                audit::Entry {
                    event_id: Some(event.id),
                    actor_id: Some(person.id),
                    actor: &viewer.actor_label(),
                    action: "pitch_submitted",
                    detail: &format!("project {id}: {}", draft.title.as_str()),
                },
            )?;
            let touched: Vec<ProjectId> = previous.into_iter().chain([id]).collect();
            let change = record_change(conn, &staging, &event, &touched, false)?;
            Ok((id, change))
        })
        .await?;
    live.committed(change);
    Ok(id)
}

/// Loads a pitch for its edit form, checking the viewer may edit it.
pub async fn for_editing(
    store: &Store,
    slug: &str,
    id: ProjectId,
    claim: Claim,
) -> ServiceResult<(Event, Project)> {
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
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

pub async fn edit(
    store: &Store,
    live: &Live,
    slug: &str,
    id: ProjectId,
    claim: Claim,
    draft: PitchDraft,
) -> ServiceResult<()> {
    let slug = slug.to_string();
    let staging = live.clone();
    let change = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            editable(conn, &event, &viewer, id)?;
            store::events::lock(conn, event.id)?;
            store::projects::update_pitch(conn, id, pitch_of(&draft))?;
            super::audit_by(
                conn,
                &event,
                &viewer,
                "pitch_edited",
                &format!("project {id}: {}", draft.title.as_str()),
            )?;
            record_change(conn, &staging, &event, &[id], false)
        })
        .await?;
    live.committed(change);
    Ok(())
}

/// Withdraws a pitch; its team is disbanded (members can join another).
pub async fn withdraw(
    store: &Store,
    live: &Live,
    slug: &str,
    id: ProjectId,
    claim: Claim,
) -> ServiceResult<()> {
    let slug = slug.to_string();
    let staging = live.clone();
    let change = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            let project = editable(conn, &event, &viewer, id)?;
            store::events::lock(conn, event.id)?;
            store::projects::set_status(conn, id, ProjectStatus::Withdrawn)?;
            store::projects::disband(conn, id)?;
            super::audit_by(
                conn,
                &event,
                &viewer,
                "pitch_withdrawn",
                &format!("project {id}: {}", project.title),
            )?;
            record_change(conn, &staging, &event, &[id], false)
        })
        .await?;
    live.committed(change);
    Ok(())
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
    let slug = slug.to_string();
    let staging = live.clone();
    let change = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            viewer.require_organiser()?;
            let project =
                store::projects::find(conn, event.id, id)?.ok_or(ServiceError::NotFound)?;
            if project.status == ProjectStatus::Withdrawn {
                return Err(ServiceError::Conflict(
                    "This pitch was withdrawn by its pitcher".into(),
                ));
            }
            store::events::lock(conn, event.id)?;
            let status = if hidden {
                ProjectStatus::Hidden
            } else {
                ProjectStatus::Open
            };
            store::projects::set_status(conn, id, status)?;
            audit::record(
                conn,
                audit::Entry {
                    event_id: Some(event.id),
                    actor_id: viewer.person_id(),
                    actor: &viewer.actor_label(),
                    action: if hidden {
                        "pitch_hidden"
                    } else {
                        "pitch_shown"
                    },
                    detail: &format!("project {id}: {}", project.title),
                },
            )?;
            record_change(conn, &staging, &event, &[id], true)
        })
        .await?;
    live.committed(change);
    Ok(())
}
