//! The public read-only API's reads: public events, an event with its
//! schedule, its projects with teams and submissions, and its prizes with
//! the winners revealed so far. Store functions only (no other feature
//! service), and only what the public pages show.

pub mod model;

use super::{Claim, ServiceError, ServiceResult, read};
use crate::domain::ids::PrizeId;
use crate::domain::submission::licence_label;
use crate::domain::{Event, Member, Phase, Project, ProjectId, SkillSet};
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store};
use chrono::NaiveDateTime;
use model::*;
use std::collections::HashMap;

pub async fn events(store: &Store) -> ServiceResult<EventList> {
    store
        .run(|conn| {
            let events = store::events::list_all(conn)?
                .iter()
                .filter(|e| e.is_public())
                .filter_map(summary)
                .collect();
            Ok(EventList { events })
        })
        .await
}

pub async fn event(store: &Store, slug: &str) -> ServiceResult<EventDetail> {
    read(store, slug, Claim::default(), |conn, event, _| {
        let phase = public_phase(event.phase).ok_or(ServiceError::NotFound)?;
        let schedule = store::events::schedule(conn, event.id)?
            .into_iter()
            .map(|item| ScheduleEntry {
                kind: item.kind.as_str().to_string(),
                label: item.label,
                at: wall_clock(item.at),
                at_with_offset: event.zone.with_offset(item.at),
            })
            .collect();
        Ok(EventDetail {
            phase,
            phase_label: event.phase.label().to_string(),
            team_size_cap: event.team_size_cap,
            schedule,
            url: format!("/e/{}", event.slug),
            projects_url: format!("/api/v1/events/{}/projects", event.slug),
            prizes_url: format!("/api/v1/events/{}/prizes", event.slug),
            starts_at: event.starts_at.map(wall_clock),
            ends_at: event.ends_at.map(wall_clock),
            time_zone: event.zone.name().to_string(),
            starts_at_with_offset: event.starts_at.map(|at| event.zone.with_offset(at)),
            ends_at_with_offset: event.ends_at.map(|at| event.zone.with_offset(at)),
            slug: event.slug,
            name: event.name,
            venue: event.venue,
        })
    })
    .await
}

pub async fn projects(store: &Store, slug: &str) -> ServiceResult<ProjectList> {
    read(store, slug, Claim::default(), |conn, event, _| {
        let projects = store::projects::list_open(conn, event.id)?;
        Ok(ProjectList {
            projects: entries(conn, &event, projects)?,
        })
    })
    .await
}

pub async fn project(store: &Store, slug: &str, id: i64) -> ServiceResult<ProjectEntry> {
    read(store, slug, Claim::default(), move |conn, event, _| {
        let project = store::projects::find(conn, event.id, ProjectId(id))?
            .filter(|p| p.status == crate::domain::ProjectStatus::Open)
            .ok_or(ServiceError::NotFound)?;
        entries(conn, &event, vec![project])?
            .pop()
            .ok_or(ServiceError::NotFound)
    })
    .await
}

pub async fn prizes(store: &Store, slug: &str) -> ServiceResult<PrizeList> {
    read(store, slug, Claim::default(), |conn, event, _| {
        let titles: HashMap<i64, String> = store::projects::list_open(conn, event.id)?
            .into_iter()
            .map(|p| (p.id.0, p.title))
            .collect();
        let revealed = revealed_awards(conn, &event)?;
        let prizes = store::judging::prizes(conn, event.id)?
            .into_iter()
            .map(|p| PrizeEntry {
                winner: revealed.get(&p.id).and_then(|project| {
                    titles.get(project).map(|title| Winner {
                        project_id: *project,
                        title: title.clone(),
                    })
                }),
                kind: prize_kind(p.kind),
                id: p.id.0,
                name: p.name,
                description: p.description,
            })
            .collect();
        Ok(PrizeList { prizes })
    })
    .await
}

fn public_phase(phase: Phase) -> Option<PublicPhase> {
    Some(match phase {
        Phase::Draft => return None,
        Phase::Pitching => PublicPhase::Pitching,
        Phase::TeamForming => PublicPhase::TeamForming,
        Phase::Hacking => PublicPhase::Hacking,
        Phase::Judging => PublicPhase::Judging,
        Phase::Results => PublicPhase::Results,
        Phase::Closed => PublicPhase::Closed,
    })
}

fn summary(event: &Event) -> Option<EventSummary> {
    Some(EventSummary {
        phase: public_phase(event.phase)?,
        slug: event.slug.clone(),
        name: event.name.clone(),
        venue: event.venue.clone(),
        starts_at: event.starts_at.map(wall_clock),
        ends_at: event.ends_at.map(wall_clock),
        time_zone: event.zone.name().to_string(),
        starts_at_with_offset: event.starts_at.map(|at| event.zone.with_offset(at)),
        ends_at_with_offset: event.ends_at.map(|at| event.zone.with_offset(at)),
        url: format!("/e/{}", event.slug),
        api_url: format!("/api/v1/events/{}", event.slug),
    })
}

fn prize_kind(kind: crate::domain::judging::PrizeKind) -> PrizeKind {
    use crate::domain::judging::PrizeKind as Stored;
    match kind {
        Stored::Judged => PrizeKind::Judged,
        Stored::PeoplesChoice => PrizeKind::PeoplesChoice,
        Stored::Special => PrizeKind::Special,
    }
}

/// Prize id → winning project id, for the awards revealed so far.
fn revealed_awards(conn: &mut DbConn, event: &Event) -> ServiceResult<HashMap<PrizeId, i64>> {
    Ok(store::awards::awards(conn, event.id)?
        .into_iter()
        .filter(|a| a.revealed_at.is_some())
        .map(|a| (a.prize_id, a.project_id))
        .collect())
}

/// The public entries of these projects: team, submission, prizes won.
fn entries(
    conn: &mut DbConn,
    event: &Event,
    projects: Vec<Project>,
) -> ServiceResult<Vec<ProjectEntry>> {
    let mut teams: HashMap<ProjectId, Vec<Member>> = HashMap::new();
    for member in store::projects::members_of_event(conn, event.id)? {
        teams.entry(member.project_id).or_default().push(member);
    }
    let mut submissions: HashMap<ProjectId, Submission> =
        store::submissions::list_for_event(conn, event.id)?
            .into_iter()
            .map(|s| (s.project_id, s))
            .collect();
    let prize_names: HashMap<PrizeId, String> = store::judging::prizes(conn, event.id)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut won: HashMap<i64, Vec<String>> = HashMap::new();
    for (prize, project) in revealed_awards(conn, event)? {
        if let Some(name) = prize_names.get(&prize) {
            won.entry(project).or_default().push(name.clone());
        }
    }
    Ok(projects
        .into_iter()
        .map(|p| {
            let mut prizes_won = won.remove(&p.id.0).unwrap_or_default();
            prizes_won.sort();
            ProjectEntry {
                team: teams
                    .remove(&p.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|m| TeamMember {
                        name: m.name,
                        skills: labels(m.skills),
                    })
                    .collect(),
                submission: submissions.remove(&p.id).map(submission),
                prizes_won,
                url: format!("/e/{}/p/{}", event.slug, p.id),
                skills_needed: labels(p.skills_needed),
                id: p.id.0,
                title: p.title,
                problem: p.problem,
                pitcher: p.pitcher_name,
            }
        })
        .collect())
}

/// A submission without what only organisers see (the late flag).
fn submission(s: Submission) -> SubmissionEntry {
    SubmissionEntry {
        repo_url: s.repo_url.as_str().to_string(),
        forge: s.forge,
        demo_url: s.demo_url.map(|l| l.as_str().to_string()),
        slides_url: s.slides_url.map(|l| l.as_str().to_string()),
        video_url: s.video_url.map(|l| l.as_str().to_string()),
        built: s.built,
        licence_label: if s.licence.is_empty() {
            String::new()
        } else {
            licence_label(&s.licence).to_string()
        },
        licence: s.licence,
        keep_working: s.keep_working,
        submitted_at: wall_clock(s.submitted_at),
        updated_at: wall_clock(s.updated_at),
        submitted_at_utc: utc(s.submitted_at),
        updated_at_utc: utc(s.updated_at),
    }
}

fn labels(set: SkillSet) -> Vec<String> {
    set.iter().map(|s| s.label().to_string()).collect()
}

fn wall_clock(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A time kept in UTC, as RFC 3339 saying so.
fn utc(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
