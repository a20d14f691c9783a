//! Pitching: the event page's list of projects, a project's page (with its
//! submission section), and submitting, editing, withdrawing and hiding a
//! pitch.

use super::change::{self, Effects, Needs, Scope};
use super::{Claim, ServiceError, ServiceResult, Viewer, read};
use crate::domain::audit::AuditAction;
use crate::domain::{Event, PitchDraft, Project, ProjectId, ProjectStatus};
use crate::live::Live;
use crate::store::{self, DbConn, Store, projects::Pitch};

mod pages;
pub use pages::{
    EventPage, ProjectPage, SubmissionView, event_page, project_page, shared_project_page,
};

/// Whether this viewer may change this pitch now: its pitcher while
/// pitches are accepted, or an organiser at any time.
fn may_edit(event: &Event, viewer: &Viewer, project: &Project) -> bool {
    viewer.can_organise()
        || (viewer.person_id() == Some(project.pitcher_id) && event.accepts_pitches())
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
