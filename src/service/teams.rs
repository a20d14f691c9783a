//! Team forming: joining, leaving and organisers moving people. Every rule
//! is checked through `change::run`, under the event's lock, so the cap and
//! "one team each" hold under any load.

use super::change::{self, Needs};
use super::{Claim, ServiceError, ServiceResult};
use crate::domain::audit::AuditAction;
use crate::domain::{Event, PersonId, ProjectId, ProjectStatus};
use crate::live::Live;
use crate::store::{self, DbConn, Store};

/// Puts `person` in `project`, checking the cap under the event's lock.
fn move_into(
    conn: &mut DbConn,
    event: &Event,
    person: PersonId,
    project: ProjectId,
) -> ServiceResult<Option<ProjectId>> {
    let target = store::projects::find(conn, event.id, project)?
        .filter(|p| p.status == ProjectStatus::Open)
        .ok_or_else(|| ServiceError::Conflict("There is no such team".into()))?;
    let current = store::projects::team_of(conn, person)?;
    if current == Some(target.id) {
        return Err(ServiceError::Conflict(
            "You are already in this team".into(),
        ));
    }
    let size = store::projects::member_count(conn, target.id)?;
    if size >= i64::from(event.team_size_cap) {
        return Err(ServiceError::Conflict(format!(
            "This team is full ({} of {})",
            size, event.team_size_cap
        )));
    }
    store::projects::put_in_team(conn, event.id, target.id, person)?;
    Ok(current)
}

/// Runs a team change and answers the event's new version.
async fn team_change<F>(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    needs: Needs,
    act: F,
) -> ServiceResult<i64>
where
    F: FnOnce(&mut DbConn, &change::Scope, &mut change::Effects) -> ServiceResult<()>
        + Send
        + 'static,
{
    let ((), version) = change::run_versioned(store, live, slug, claim, needs, act).await?;
    Ok(version.unwrap_or_default())
}

fn require_teams_open(event: &Event) -> ServiceResult<()> {
    if event.phase.teams_open() {
        Ok(())
    } else {
        Err(ServiceError::Conflict("Teams are locked now".into()))
    }
}

/// Joins a team (leaving any other). Returns the event's new version.
pub async fn join(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    project: ProjectId,
) -> ServiceResult<i64> {
    team_change(
        store,
        live,
        slug,
        claim,
        Needs::Person,
        move |conn, cx, fx| {
            require_teams_open(&cx.event)?;
            let previous = move_into(conn, &cx.event, cx.person()?.id, project)?;
            fx.touch(previous.into_iter().chain([project]));
            Ok(())
        },
    )
    .await
}

pub async fn leave(store: &Store, live: &Live, slug: &str, claim: Claim) -> ServiceResult<i64> {
    team_change(
        store,
        live,
        slug,
        claim,
        Needs::Person,
        move |conn, cx, fx| {
            require_teams_open(&cx.event)?;
            let person = cx.person()?.id;
            let current = store::projects::team_of(conn, person)?
                .ok_or_else(|| ServiceError::Conflict("You are not in a team".into()))?;
            store::projects::leave_team(conn, person)?;
            fx.touch([current]);
            Ok(())
        },
    )
    .await
}

/// An organiser moves someone into a team, or out of every team (`None`),
/// in any phase. The cap still holds.
pub async fn organiser_move(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    person: PersonId,
    to: Option<ProjectId>,
) -> ServiceResult<i64> {
    team_change(
        store,
        live,
        slug,
        claim,
        Needs::Organiser,
        move |conn, cx, fx| {
            let event = &cx.event;
            let target =
                store::people::find(conn, event.id, person)?.ok_or(ServiceError::NotFound)?;
            let detail = match to {
                Some(project) => {
                    let previous = move_into(conn, event, target.id, project)?;
                    fx.touch(previous.into_iter().chain([project]));
                    let title = store::projects::find(conn, event.id, project)?
                        .map(|p| p.title)
                        .unwrap_or_default();
                    format!("{} into “{title}”", target.name)
                }
                None => {
                    let current = store::projects::team_of(conn, target.id)?;
                    store::projects::leave_team(conn, target.id)?;
                    fx.touch(current);
                    format!("{} out of every team", target.name)
                }
            };
            fx.audit(AuditAction::PersonMoved, detail);
            Ok(())
        },
    )
    .await
}
