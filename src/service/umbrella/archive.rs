//! The umbrella's public archive across events: every project of every
//! closed public event with its team, submission and prizes, searched by
//! words, skill and year, and kept in memory while no closed event changes.

use super::{current, every_event};
use crate::domain::umbrella::{Umbrella, event_is_public};
use crate::domain::{Event, Member, Phase, ProjectId, Skill, SkillSet};
use crate::service::live_view::built_once::BuiltOnce;
use crate::service::{ServiceError, ServiceResult};
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store};
use chrono::{Datelike, NaiveDateTime};
use std::collections::HashMap;
use std::sync::Arc;

/// One project of a closed event, as the cross-event archive shows it.
pub struct ArchivedProject {
    pub event_slug: String,
    pub event_name: String,
    pub year: i32,
    pub id: ProjectId,
    pub title: String,
    pub problem: String,
    pub skills_needed: SkillSet,
    pub members: Vec<Member>,
    pub submission: Option<Submission>,
    /// The prizes it won (revealed ones only).
    pub prizes: Vec<String>,
}

/// What the archive is searched for; empty finds everything.
#[derive(Debug, Default, Clone)]
pub struct ArchiveQuery {
    pub words: Vec<String>,
    pub skill: Option<Skill>,
    pub year: Option<i32>,
}

impl ArchiveQuery {
    /// From the search form's fields; values that mean nothing are ignored
    /// (a search never fails).
    pub fn parse(words: &str, skill: &str, year: &str) -> Self {
        Self {
            words: words
                .split_whitespace()
                .take(10)
                .map(str::to_lowercase)
                .collect(),
            skill: Skill::parse(skill.trim()).ok(),
            year: year.trim().parse().ok(),
        }
    }

    pub fn matches(&self, p: &ArchivedProject) -> bool {
        let skills = p
            .members
            .iter()
            .fold(p.skills_needed, |acc, m| acc.union(m.skills));
        let text = || {
            let mut all = vec![p.title.as_str(), p.problem.as_str(), p.event_name.as_str()];
            all.extend(p.members.iter().map(|m| m.name.as_str()));
            all.extend(p.submission.as_ref().map(|s| s.built.as_str()));
            all.extend(p.prizes.iter().map(String::as_str));
            all.join("\n").to_lowercase()
        };
        self.skill.is_none_or(|s| skills.contains(s))
            && self.year.is_none_or(|y| y == p.year)
            && (self.words.is_empty() || {
                let text = text();
                self.words.iter().all(|w| text.contains(w.as_str()))
            })
    }
}

/// The archive: matching projects, newest event first, and every year the
/// archive has (for the search form).
pub struct CrossArchive {
    pub umbrella: Umbrella,
    all: Arc<Archived>,
    matching: Vec<usize>,
}

impl CrossArchive {
    /// The projects the query matched, newest event first.
    pub fn projects(&self) -> impl Iterator<Item = &ArchivedProject> {
        self.matching.iter().map(|&i| &self.all.projects[i])
    }

    /// How many projects the archive holds, matched or not.
    pub fn total(&self) -> usize {
        self.all.projects.len()
    }

    /// Every year the archive has, newest first.
    pub fn years(&self) -> &[i32] {
        &self.all.years
    }

    /// Pages rendered from this read of the archive, kept until it changes.
    pub fn pages(&self) -> &BuiltOnce {
        &self.all.pages
    }
}

/// Every closed event's projects, sorted, as read at `closed_events`: the
/// public closed events' ids and versions. Every committed change to an
/// event bumps its version, and an event closing, opening or going out of
/// public view changes the set, so while it stands still the archive needs
/// at most the list of events (`every_event`), not five queries per closed
/// event.
struct Archived {
    closed_events: Vec<(i64, i64)>,
    projects: Vec<ArchivedProject>,
    years: Vec<i32>,
    pages: BuiltOnce,
}

/// Searches kept rendered per read of the archive (each one is the size of
/// the page, and what people type is endless).
const MAX_PAGES: usize = 32;

const ARCHIVE_MEMO_KEY: &str = "umbrella-archive";

pub async fn archive(store: &Store, query: ArchiveQuery) -> ServiceResult<CrossArchive> {
    let umbrella = current(store).await?;
    let events = every_event(store).await?;
    let closed = || {
        events
            .iter()
            .filter(|e| event_is_public(e) && e.phase == Phase::Closed)
    };
    let key: Vec<(i64, i64)> = closed().map(|e| (e.id.0, e.version)).collect();
    let all = match store.memo().get::<Archived>(ARCHIVE_MEMO_KEY, None) {
        Some(hit) if hit.closed_events == key => hit,
        _ => {
            // Copied only to be read: the list itself is shared.
            let read = read_archive(store, closed().cloned().collect(), key);
            let read = Arc::new(read.await?);
            store.memo().put(ARCHIVE_MEMO_KEY, read.clone());
            read
        }
    };
    let matching = (0..all.projects.len())
        .filter(|&i| query.matches(&all.projects[i]))
        .collect();
    Ok(CrossArchive {
        umbrella,
        all,
        matching,
    })
}

async fn read_archive(
    store: &Store,
    closed: Vec<Event>,
    key: Vec<(i64, i64)>,
) -> ServiceResult<Archived> {
    let mut projects = store
        .run(move |conn| {
            let mut all = Vec::new();
            for event in &closed {
                all.extend(archived_projects(conn, event)?);
            }
            Ok::<_, ServiceError>(all)
        })
        .await?;
    projects.sort_by(|a, b| b.year.cmp(&a.year).then(a.event_slug.cmp(&b.event_slug)));
    let mut years: Vec<i32> = projects.iter().map(|p| p.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(Archived {
        closed_events: key,
        projects,
        years,
        pages: BuiltOnce::new(MAX_PAGES),
    })
}

/// Every open project of one event with its team, submission and prizes.
fn archived_projects(conn: &mut DbConn, event: &Event) -> ServiceResult<Vec<ArchivedProject>> {
    let mut members: HashMap<ProjectId, Vec<Member>> = HashMap::new();
    for m in store::projects::members_of_event(conn, event.id)? {
        members.entry(m.project_id).or_default().push(m);
    }
    let mut submissions: HashMap<ProjectId, Submission> =
        store::submissions::list_for_event(conn, event.id)?
            .into_iter()
            .map(|s| (s.project_id, s))
            .collect();
    let prize_names: HashMap<i64, String> = store::judging::prizes(conn, event.id)?
        .into_iter()
        .map(|p| (p.id.0, p.name))
        .collect();
    let mut prizes: HashMap<i64, Vec<String>> = HashMap::new();
    for award in store::awards::awards(conn, event.id)? {
        if award.revealed_at.is_some()
            && let Some(name) = prize_names.get(&award.prize_id.0)
        {
            prizes
                .entry(award.project_id)
                .or_default()
                .push(name.clone());
        }
    }
    let year = |created: NaiveDateTime| event.starts_at.unwrap_or(created).year();
    Ok(store::projects::list_open(conn, event.id)?
        .into_iter()
        .map(|p| ArchivedProject {
            event_slug: event.slug.clone(),
            event_name: event.name.clone(),
            year: year(p.created_at),
            members: members.remove(&p.id).unwrap_or_default(),
            submission: submissions.remove(&p.id),
            prizes: prizes.remove(&p.id.0).unwrap_or_default(),
            id: p.id,
            title: p.title,
            problem: p.problem,
            skills_needed: p.skills_needed,
        })
        .collect())
}
