//! Team forming: joining, leaving, organisers moving people, and the board
//! snapshot. Every rule is checked inside one write transaction that holds
//! the event's lock, so the cap and "one team each" hold under any load.

use super::{Claim, ServiceError, ServiceResult, event_and_viewer, pitches};
use crate::domain::{Event, PersonId, ProjectCard, ProjectId, ProjectStatus};
use crate::live::protocol::{EventInfo, Progress, RevealedPrize, TeamView, TimerInfo};
use crate::live::{Change, Live};
use crate::store::{self, DbConn, Store, audit};

/// The board as a snapshot: the event and every open team, at a version.
pub struct Board {
    pub version: i64,
    pub event: EventInfo,
    pub teams: Vec<TeamView>,
}

/// Reads the board consistently: one read transaction, repeatable read on
/// PostgreSQL so the version matches the teams.
pub async fn board(store: &Store, event: &Event) -> ServiceResult<Board> {
    let event = event.clone();
    store
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                if let DbConn::Pg(_) = conn {
                    use diesel::RunQueryDsl;
                    diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                        .execute(conn)?;
                }
                let event = store::events::find(conn, event.id)?.ok_or(ServiceError::NotFound)?;
                let cards = pitches::cards(conn, &event)?;
                Ok(Board {
                    version: event.version,
                    event: event_info(conn, &event)?,
                    teams: cards
                        .iter()
                        .map(|c| TeamView::new(c, event.team_size_cap))
                        .collect(),
                })
            })
        })
        .await
}

/// The event as live pages show it, with submissions and the running order.
pub fn event_info(conn: &mut DbConn, event: &Event) -> ServiceResult<EventInfo> {
    let (judging_open, voting_open) = store::judging::flags(conn, event.id)?;
    let (judged, to_judge) = super::judging::progress(conn, event)?;
    let revealed = super::results::revealed(conn, event)?
        .into_iter()
        .map(|(prize, project, title)| {
            let team = store::projects::members_of(conn, ProjectId(project))?;
            Ok(RevealedPrize {
                prize,
                project,
                title,
                team: team.into_iter().map(|m| m.name).collect(),
            })
        })
        .collect::<ServiceResult<_>>()?;
    let progress = Progress {
        submitted: store::submissions::count_for_event(conn, event.id)?,
        running_order: store::submissions::running_order(conn, event.id)?
            .into_iter()
            .map(|p| p.0)
            .collect(),
        now_presenting: store::submissions::now_presenting(conn, event.id)?.map(|p| p.0),
        judging_open,
        voting_open,
        judged,
        to_judge,
        revealed,
        scene: store::events::display_scene(conn, event.id)?,
        timer: timer_info(store::events::timer(conn, event.id)?),
        deadline_ms: super::submissions::deadline(conn, event)?.and_then(local_to_epoch_ms),
    };
    Ok(EventInfo::new(event, progress))
}

fn epoch_ms(at: chrono::NaiveDateTime) -> i64 {
    at.and_utc().timestamp_millis()
}

/// Schedule times are the event's wall-clock times (the server's local zone).
fn local_to_epoch_ms(at: chrono::NaiveDateTime) -> Option<i64> {
    use chrono::TimeZone;
    chrono::Local
        .from_local_datetime(&at)
        .earliest()
        .map(|t| t.timestamp_millis())
}

fn timer_info(t: crate::domain::timer::Timer) -> TimerInfo {
    TimerInfo {
        duration_ms: t.duration_ms,
        remaining_ms: t.remaining_ms,
        ends_at_ms: t.ends_at.map(epoch_ms),
    }
}

/// The current state of several teams in three queries (projects, members,
/// submissions), whatever their number: this runs under the event's lock.
fn team_views(
    conn: &mut DbConn,
    event: &Event,
    ids: &[ProjectId],
) -> ServiceResult<std::collections::HashMap<ProjectId, TeamView>> {
    let mut views = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(views);
    }
    let projects = store::projects::find_many(conn, event.id, ids)?;
    let mut members: std::collections::HashMap<ProjectId, Vec<crate::domain::Member>> =
        std::collections::HashMap::new();
    for m in store::projects::members_of_many(conn, ids)? {
        members.entry(m.project_id).or_default().push(m);
    }
    let submitted = store::submissions::submitted_among(conn, ids)?;
    for project in projects
        .into_iter()
        .filter(|p| p.status == ProjectStatus::Open)
    {
        let id = project.id;
        let mut card = ProjectCard::new(project, members.remove(&id).unwrap_or_default());
        card.submitted = submitted.contains(&id);
        views.insert(id, TeamView::new(&card, event.team_size_cap));
    }
    Ok(views)
}

/// Bumps the version and builds the change for the teams touched, then
/// stages it on the bus. Call last in a write transaction.
pub fn record_change(
    conn: &mut DbConn,
    live: &Live,
    event: &Event,
    touched: &[ProjectId],
    with_event_info: bool,
) -> ServiceResult<Change> {
    let version = store::events::bump_version(conn, event.id)?;
    let mut change = Change::new(event.id.0, version);
    let mut views = team_views(conn, event, touched)?;
    for id in touched {
        match views.remove(id) {
            Some(view) => change.teams.push(view),
            None => change.removed.push(id.0),
        }
    }
    if with_event_info {
        let fresh = store::events::find(conn, event.id)?.ok_or(ServiceError::NotFound)?;
        change.event = Some(event_info(conn, &fresh)?);
    }
    live.stage(conn, &change)?;
    Ok(change)
}

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

/// Runs a team change in one write transaction under the event's lock and
/// publishes it after commit. `act` returns the teams it touched.
async fn team_change<F>(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    act: F,
) -> ServiceResult<i64>
where
    F: FnOnce(&mut DbConn, &Event, &super::Viewer) -> ServiceResult<Vec<ProjectId>>
        + Send
        + 'static,
{
    let slug = slug.to_string();
    let live_in_tx = live.clone();
    let change = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            // Read again under the lock: the phase or cap may just have changed.
            let event =
                store::events::lock_and_find(conn, event.id)?.ok_or(ServiceError::NotFound)?;
            let touched = act(conn, &event, &viewer)?;
            record_change(conn, &live_in_tx, &event, &touched, false)
        })
        .await?;
    let version = change.version;
    live.committed(change);
    Ok(version)
}

/// Joins a team (leaving any other). Returns the event's new version.
pub async fn join(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    project: ProjectId,
) -> ServiceResult<i64> {
    team_change(store, live, slug, claim, move |conn, event, viewer| {
        let person = viewer.require_person()?;
        if !event.phase.teams_open() {
            return Err(ServiceError::Conflict("Teams are locked now".into()));
        }
        let previous = move_into(conn, event, person.id, project)?;
        Ok(previous.into_iter().chain([project]).collect())
    })
    .await
}

pub async fn leave(store: &Store, live: &Live, slug: &str, claim: Claim) -> ServiceResult<i64> {
    team_change(store, live, slug, claim, move |conn, event, viewer| {
        let person = viewer.require_person()?;
        if !event.phase.teams_open() {
            return Err(ServiceError::Conflict("Teams are locked now".into()));
        }
        let current = store::projects::team_of(conn, person.id)?
            .ok_or_else(|| ServiceError::Conflict("You are not in a team".into()))?;
        store::projects::leave_team(conn, person.id)?;
        Ok(vec![current])
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
    team_change(store, live, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        let target = store::people::find(conn, event.id, person)?.ok_or(ServiceError::NotFound)?;
        let touched = match to {
            Some(project) => {
                let previous = move_into(conn, event, target.id, project)?;
                previous.into_iter().chain([project]).collect()
            }
            None => {
                let current = store::projects::team_of(conn, target.id)?;
                store::projects::leave_team(conn, target.id)?;
                current.into_iter().collect()
            }
        };
        audit::record(
            conn,
            audit::Entry {
                event_id: Some(event.id),
                actor_id: viewer.person_id(),
                actor: &viewer.actor_label(),
                action: "person_moved",
                detail: &format!(
                    "{} (person {}) to {}",
                    target.name,
                    target.id,
                    to.map(|p| format!("project {p}"))
                        .unwrap_or_else(|| "no team".into())
                ),
            },
        )?;
        Ok(touched)
    })
    .await
}

/// Opens the live channel for a viewer: the event (visible to them) and who
/// they are.
pub async fn open_live(
    store: &Store,
    slug: &str,
    claim: Claim,
) -> ServiceResult<(Event, super::Viewer)> {
    let slug = slug.to_string();
    store
        .run(move |conn| event_and_viewer(conn, &slug, claim))
        .await
}
