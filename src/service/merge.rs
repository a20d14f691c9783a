//! Merging two pitches about the same idea into one project: the kept
//! project gains the other's title and problem (as a paragraph) and the
//! skills it needs, its members join the kept team (up to the cap, or over
//! it when the organiser says so), and the other leaves every board. Once
//! judging or voting holds the other project (scores, votes, a prize) the
//! merge is refused, so no score is silently moved or lost.

use super::change::organiser_change;
use super::{Claim, ServiceError, ServiceResult, Viewer, live_view};
use crate::domain::audit::AuditAction;
use crate::domain::{Event, FieldErrors, Project, ProjectCard, ProjectId, ProjectStatus};
use crate::live::Live;
use crate::store::{self, DbConn, Store};

/// What the organiser asked: keep one project, merge the other into it.
#[derive(Debug, Clone, Copy)]
pub struct MergeRequest {
    pub keep: ProjectId,
    pub merge: ProjectId,
    /// The organiser's say-so to go over the team size cap.
    pub over_cap: bool,
}

fn refuse(field: &'static str, message: impl Into<String>) -> ServiceError {
    ServiceError::Invalid(FieldErrors::one(field, message))
}

fn open_project(conn: &mut DbConn, event: &Event, id: ProjectId) -> ServiceResult<Project> {
    store::projects::find(conn, event.id, id)?
        .filter(|p| p.status == ProjectStatus::Open)
        .ok_or_else(|| {
            refuse(
                "merge",
                "That pitch is no longer on the board: pick another",
            )
        })
}

/// Refuses a merge that would move or lose judging: scores, votes, prizes
/// or a demo submission of the project that goes.
fn check_nothing_is_lost(conn: &mut DbConn, gone: &Project) -> ServiceResult<()> {
    let (scored, voted, awarded) = store::merge::judging_holds(conn, gone.id)?;
    let title = &gone.title;
    if scored > 0 || awarded > 0 {
        return Err(refuse(
            "merge",
            format!(
                "“{title}” already has judges' scores or a prize: merging now would lose them, so it is not possible any more"
            ),
        ));
    }
    if voted > 0 {
        return Err(refuse(
            "merge",
            format!("People have voted for “{title}”: merging now would lose their votes"),
        ));
    }
    if store::submissions::find(conn, gone.id)?.is_some() {
        return Err(refuse(
            "merge",
            format!("“{title}” has submitted its demo: keep that one and merge the other into it"),
        ));
    }
    Ok(())
}

/// The kept project's problem with the merged pitch's title and problem
/// added as a paragraph.
pub fn merged_problem(kept: &str, gone: &Project) -> String {
    let added = if gone.problem.trim().is_empty() {
        format!(
            "Merged from “{}” (pitched by {}).",
            gone.title, gone.pitcher_name
        )
    } else {
        format!(
            "Merged from “{}” (pitched by {}): {}",
            gone.title, gone.pitcher_name, gone.problem
        )
    };
    if kept.trim().is_empty() {
        added
    } else {
        format!("{kept}\n\n{added}")
    }
}

/// Merges `merge` into `keep`, under the event's lock.
pub async fn merge(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    request: MergeRequest,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        if request.keep == request.merge {
            return Err(refuse("merge", "Pick two different pitches"));
        }
        let kept = open_project(conn, event, request.keep)?;
        let gone = open_project(conn, event, request.merge)?;
        check_nothing_is_lost(conn, &gone)?;
        let members = store::projects::members_of(conn, gone.id)?;
        let together = store::projects::member_count(conn, kept.id)? + members.len() as i64;
        let cap = i64::from(event.team_size_cap);
        if together > cap && !request.over_cap {
            return Err(refuse(
                "over_cap",
                format!("Together they have {together} people, over the team size cap of {cap}: tick “go over the cap” to merge anyway"),
            ));
        }
        for member in &members {
            store::projects::put_in_team(conn, event.id, kept.id, member.person_id)?;
        }
        let problem = merged_problem(&kept.problem, &gone);
        let skills = kept.skills_needed.union(gone.skills_needed);
        store::merge::absorb(conn, kept.id, &problem, skills)?;
        store::merge::retire(conn, gone.id, kept.id)?;
        if store::submissions::now_presenting(conn, event.id)? == Some(gone.id) {
            store::submissions::set_now_presenting(conn, event.id, Some(kept.id))?;
        }
        let moved = members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>();
        let detail = format!(
            "“{}” into “{}”{}{}",
            gone.title,
            kept.title,
            if moved.is_empty() { String::new() } else { format!(", moving {}", moved.join(", ")) },
            if together > cap { format!(" (over the cap: {together} of {cap})") } else { String::new() },
        );
        fx.audit_project(AuditAction::PitchesMerged, kept.id, detail.clone());
        fx.audit_project(AuditAction::PitchesMerged, gone.id, detail);
        fx.touch([kept.id, gone.id]);
        Ok(())
    })
    .await
}

/// The merge page: the event's open pitches with their teams.
pub struct MergePage {
    pub event: Event,
    pub viewer: Viewer,
    pub cards: Vec<ProjectCard>,
}

pub async fn page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<MergePage> {
    super::read(store, slug, claim, |conn, event, viewer| {
        viewer.require_organiser()?;
        let cards = live_view::cards(conn, &event)?;
        Ok(MergePage {
            event,
            viewer,
            cards,
        })
    })
    .await
}
