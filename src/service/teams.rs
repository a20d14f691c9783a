//! Team forming: joining, leaving, organisers moving people, and a pitcher
//! handing their project over. Every rule is checked through `change::run`,
//! under the event's lock, so the cap, "one team each" and "a pitcher stays
//! with their project" hold under any load.

use super::change::{self, Needs};
use super::{Claim, ServiceError, ServiceResult};
use crate::domain::audit::AuditAction;
use crate::domain::{Event, PersonId, ProjectId, ProjectStatus};
use crate::live::Live;
use crate::store::{self, DbConn, Store};

/// Who is asking to move a pitcher: themselves, or an organiser.
#[derive(Clone, Copy)]
enum Mover<'a> {
    Themselves,
    Organiser(&'a str),
}

/// A pitcher stays with their project while it is theirs: they hand it over
/// to a member of the team (the pitcher changes), or withdraw it, before
/// they leave or move to another team.
fn require_not_pitcher_of(
    conn: &mut DbConn,
    event: &Event,
    person: PersonId,
    team: Option<ProjectId>,
    who: Mover<'_>,
) -> ServiceResult<()> {
    let Some(team) = team else { return Ok(()) };
    let Some(project) = store::projects::find(conn, event.id, team)?
        .filter(|p| p.pitcher_id == person && p.status != ProjectStatus::Withdrawn)
    else {
        return Ok(());
    };
    let title = project.title;
    Err(ServiceError::Conflict(match who {
        Mover::Themselves => format!(
            "You pitched “{title}”, so you stay in its team while it is yours. \
             To leave, first hand it over to another member on the project page, or withdraw it."
        ),
        Mover::Organiser(name) => format!(
            "{name} pitched “{title}” and stays in its team while it is theirs. \
             First hand it over to another member (on the project page), or withdraw it."
        ),
    }))
}

/// Puts `person` in `project`, checking the cap under the event's lock.
fn move_into(
    conn: &mut DbConn,
    event: &Event,
    person: PersonId,
    project: ProjectId,
    who: Mover<'_>,
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
    require_not_pitcher_of(conn, event, person, current, who)?;
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

/// A person's change to their own team, while teams are open.
async fn own_team_change<F>(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    act: F,
) -> ServiceResult<i64>
where
    F: FnOnce(&mut DbConn, &Event, PersonId, &mut change::Effects) -> ServiceResult<()>
        + Send
        + 'static,
{
    team_change(
        store,
        live,
        slug,
        claim,
        Needs::Person,
        move |conn, cx, fx| {
            require_teams_open(&cx.event)?;
            let person = cx.person()?.id;
            act(conn, &cx.event, person, fx)
        },
    )
    .await
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
    own_team_change(store, live, slug, claim, move |conn, event, person, fx| {
        let previous = move_into(conn, event, person, project, Mover::Themselves)?;
        fx.touch(previous.into_iter().chain([project]));
        Ok(())
    })
    .await
}

pub async fn leave(store: &Store, live: &Live, slug: &str, claim: Claim) -> ServiceResult<i64> {
    own_team_change(store, live, slug, claim, move |conn, event, person, fx| {
        let current = store::projects::team_of(conn, person)?
            .ok_or_else(|| ServiceError::Conflict("You are not in a team".into()))?;
        require_not_pitcher_of(conn, event, person, Some(current), Mover::Themselves)?;
        store::projects::leave_team(conn, person)?;
        fx.touch([current]);
        Ok(())
    })
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
                    let who = Mover::Organiser(&target.name);
                    let previous = move_into(conn, event, target.id, project, who)?;
                    fx.touch(previous.into_iter().chain([project]));
                    let title = store::projects::find(conn, event.id, project)?
                        .map(|p| p.title)
                        .unwrap_or_default();
                    format!("{} into “{title}”", target.name)
                }
                None => {
                    let current = store::projects::team_of(conn, target.id)?;
                    let who = Mover::Organiser(&target.name);
                    require_not_pitcher_of(conn, event, target.id, current, who)?;
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

/// The pitcher (or an organiser) hands the project over to another member of
/// its team, who becomes its pitcher; the old pitcher may then leave.
pub async fn hand_over(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    project: ProjectId,
    to: PersonId,
) -> ServiceResult<i64> {
    team_change(
        store,
        live,
        slug,
        claim,
        Needs::Person,
        move |conn, cx, fx| {
            let found = store::projects::find(conn, cx.event.id, project)?
                .filter(|p| p.status != ProjectStatus::Withdrawn)
                .ok_or(ServiceError::NotFound)?;
            if cx.viewer.person_id() != Some(found.pitcher_id) && !cx.viewer.can_organise() {
                return Err(ServiceError::Forbidden(
                    "Only the pitcher or an organiser can hand a project over".into(),
                ));
            }
            let members = store::projects::members_of(conn, project)?;
            let next = members
                .iter()
                .find(|m| m.person_id == to && to != found.pitcher_id)
                .ok_or_else(|| {
                    ServiceError::Conflict(
                        "Hand the project over to someone else who is in its team".into(),
                    )
                })?;
            store::projects::set_pitcher(conn, project, to)?;
            fx.audit_project(
                AuditAction::PitchHandedOver,
                project,
                format!(
                    "“{}” from {} to {}",
                    found.title, found.pitcher_name, next.name
                ),
            );
            fx.touch([project]);
            Ok(())
        },
    )
    .await
}
