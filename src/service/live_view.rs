//! What live pages and the projector show: the board of teams, the event's
//! live info (phase, running order, judging progress, revealed prizes,
//! timer, deadline), recording a change with what it touched, and keeping
//! pages rendered once beside the read they came from (`built_once`). Built
//! from store queries and domain functions only, never from a feature
//! service, so every feature can use it without leaning on another.

pub mod built_once;
pub mod cache;
pub mod checked_claims;
pub mod fence;

use super::{Claim, ServiceError, ServiceResult, Viewer, event_and_viewer};
use crate::domain::ids::PrizeId;
use crate::domain::{Event, Member, ProjectCard, ProjectId, ProjectStatus, Role};
use crate::live::protocol::{
    AnnouncementView, EventInfo, Progress, RevealedPrize, TeamView, TimerInfo,
};
use crate::live::{Change, Live};
use crate::store::{self, DbConn, Store};
use std::collections::{HashMap, HashSet};

/// The board as a snapshot: the event and every open team, at a version.
pub struct Board {
    pub version: i64,
    pub event: EventInfo,
    pub teams: Vec<TeamView>,
}

/// Reads the board consistently: one read transaction, repeatable read on
/// PostgreSQL so the version matches the teams.
pub async fn board(store: &Store, event: &Event) -> ServiceResult<Board> {
    let event_id = event.id;
    store
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                if let DbConn::Pg(_) = conn {
                    use diesel::RunQueryDsl;
                    diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                        .execute(conn)?;
                }
                let event = store::events::find(conn, event_id)?.ok_or(ServiceError::NotFound)?;
                let teams = cards(conn, &event)?
                    .iter()
                    .map(|c| TeamView::new(c, event.team_size_cap))
                    .collect();
                Ok(Board {
                    version: event.version,
                    event: event_info(conn, &event)?,
                    teams,
                })
            })
        })
        .await
}

/// Opens the live channel for a viewer: the event (visible to them) and who
/// they are.
pub async fn open(store: &Store, slug: &str, claim: Claim) -> ServiceResult<(Event, Viewer)> {
    let slug = slug.to_string();
    store
        .run(move |conn| event_and_viewer(conn, &slug, claim))
        .await
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
    let submitted: HashSet<ProjectId> = store::submissions::list_for_event(conn, event.id)?
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

/// The prizes revealed so far, in the order they were revealed.
pub fn revealed(conn: &mut DbConn, event: &Event) -> ServiceResult<Vec<RevealedPrize>> {
    let prizes: HashMap<PrizeId, String> = store::judging::prizes(conn, event.id)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut awards: Vec<_> = store::awards::awards(conn, event.id)?
        .into_iter()
        .filter(|a| a.revealed_at.is_some())
        .collect();
    awards.sort_by_key(|a| a.revealed_at);
    let mut out = Vec::new();
    for award in awards {
        let title = store::projects::find(conn, event.id, ProjectId(award.project_id))?
            .map(|p| p.title)
            .unwrap_or_default();
        let team = store::projects::members_of(conn, ProjectId(award.project_id))?;
        out.push(RevealedPrize {
            prize: prizes.get(&award.prize_id).cloned().unwrap_or_default(),
            project: award.project_id,
            title,
            team: team.into_iter().map(|m| m.name).collect(),
        });
    }
    Ok(out)
}

/// How far judging has got, for every screen (never any scores).
fn judging_progress(conn: &mut DbConn, event: &Event) -> ServiceResult<(i64, i64)> {
    let judges = store::people::list_with_role(conn, event.id, Role::Judge)?;
    let criteria = store::judging::criteria(conn, event.id)?.len();
    if judges.is_empty() || criteria == 0 {
        return Ok((0, 0));
    }
    let projects: Vec<ProjectId> = store::projects::list_open(conn, event.id)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let mut judges_and_teams = Vec::with_capacity(judges.len());
    for judge in &judges {
        judges_and_teams.push((judge.id, store::projects::team_of(conn, judge.id)?));
    }
    let scores: Vec<(i64, i64)> = store::scores::scores(conn, event.id)?
        .into_iter()
        .map(|(judge, project, _, _)| (judge, project))
        .collect();
    let conflicts = store::scores::conflicts_of_event(conn, event.id)?;
    Ok(crate::domain::coverage::progress(
        &judges_and_teams,
        &projects,
        criteria,
        &scores,
        &conflicts,
    ))
}

/// The event as live pages show it, with submissions and the running order.
pub fn event_info(conn: &mut DbConn, event: &Event) -> ServiceResult<EventInfo> {
    let (judging_open, voting_open) = store::judging::flags(conn, event.id)?;
    let (judged, to_judge) = judging_progress(conn, event)?;
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
        revealed: revealed(conn, event)?,
        scene: store::events::display_scene(conn, event.id)?,
        timer: timer_info(store::events::timer(conn, event.id)?),
        deadline_ms: store::events::submission_deadline(conn, event.id)?
            .map(|d| event.zone.instant(d).timestamp_millis()),
        announcements: announcements(conn, event)?,
    };
    Ok(EventInfo::new(event, progress))
}

/// How many announcements live pages carry (and the event page lists).
pub const ANNOUNCEMENTS_SHOWN: i64 = 5;

/// The event's latest announcements, newest first.
fn announcements(conn: &mut DbConn, event: &Event) -> ServiceResult<Vec<AnnouncementView>> {
    Ok(
        store::announcements::latest(conn, event.id, ANNOUNCEMENTS_SHOWN)?
            .into_iter()
            .map(|a| AnnouncementView {
                id: a.id,
                text: a.body,
                at_ms: epoch_ms(a.created_at),
                cleared: a.cleared_at.is_some(),
            })
            .collect(),
    )
}

fn epoch_ms(at: chrono::NaiveDateTime) -> i64 {
    at.and_utc().timestamp_millis()
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
) -> ServiceResult<HashMap<ProjectId, TeamView>> {
    let mut views = HashMap::new();
    if ids.is_empty() {
        return Ok(views);
    }
    let projects = store::projects::find_many(conn, event.id, ids)?;
    let mut members: HashMap<ProjectId, Vec<Member>> = HashMap::new();
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

/// Bumps the version and builds the change for the teams touched (and the
/// event info when it changed), then stages it on the bus. Call last in a
/// write transaction; `service::change` does.
pub(super) fn record_change(
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
