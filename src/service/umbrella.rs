//! The umbrella: its settings (admins only), its home page (events live,
//! upcoming and past) and its public archive of every closed event's
//! projects, searchable by words, skill and year.

use super::{Claim, ServiceError, ServiceResult, require_admin};
use crate::domain::audit::AuditAction;
use crate::domain::umbrella::{Standing, Umbrella, event_is_public};
use crate::domain::{Event, Member, Phase, ProjectId, Skill, SkillSet};
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store, audit};
use chrono::{Datelike, NaiveDateTime};
use std::collections::HashMap;
use std::sync::Arc;

/// The umbrella as set (or its defaults).
pub async fn current(store: &Store) -> ServiceResult<Umbrella> {
    Ok(remembered(store).await?.umbrella.clone())
}

/// The umbrella with a fingerprint of its settings, computed once when it
/// is read: pages rendered once per event version are keyed by it, so an
/// admin's change shows without serialising the settings per request.
#[derive(Debug)]
pub struct Remembered {
    pub umbrella: Umbrella,
    pub fingerprint: u64,
    /// What the top bar and every page title say: the umbrella's name, or
    /// "hackday" (the app's own name) while no umbrella is set.
    pub brand: String,
}

/// The app's own name, for an installation whose umbrella is not set.
pub const APP_NAME: &str = "hackday";

impl Remembered {
    fn new(stored: Option<Umbrella>) -> Self {
        let brand = stored
            .as_ref()
            .map_or(APP_NAME.to_string(), |u| u.name.clone());
        let umbrella = stored.unwrap_or_default();
        Self {
            fingerprint: fingerprint(&umbrella, &brand),
            umbrella,
            brand,
        }
    }

    /// What pages show when the umbrella cannot be read (the database is
    /// out of reach): the defaults, so an error page still renders.
    pub fn unread() -> Self {
        Self::new(None)
    }
}

/// Read from the database at most once a second per instance (every event
/// page shows it): a change made on this instance is seen at once (the
/// writer forgets the remembered row), one made on another instance within
/// a second.
pub async fn remembered(store: &Store) -> ServiceResult<Arc<Remembered>> {
    let fresh_for = Some(std::time::Duration::from_secs(1));
    if let Some(hit) = store
        .memo()
        .get::<Remembered>(store::umbrella::MEMO_KEY, fresh_for)
    {
        return Ok(hit);
    }
    let stored = store
        .run(|conn| Ok::<_, ServiceError>(store::umbrella::stored(conn)?))
        .await?;
    let remembered = Arc::new(Remembered::new(stored));
    store
        .memo()
        .put(store::umbrella::MEMO_KEY, remembered.clone());
    Ok(remembered)
}

fn fingerprint(umbrella: &Umbrella, brand: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(umbrella)
        .unwrap_or_default()
        .hash(&mut hasher);
    brand.hash(&mut hasher);
    hasher.finish()
}

/// The umbrella's settings page: only for admins.
pub async fn for_admin(store: &Store, claim: Claim) -> ServiceResult<Umbrella> {
    store
        .run(move |conn| {
            require_admin(conn, claim)?;
            Ok(store::umbrella::get(conn)?)
        })
        .await
}

pub async fn update(store: &Store, claim: Claim, umbrella: Umbrella) -> ServiceResult<()> {
    store
        .write(move |conn| {
            let admin = require_admin(conn, claim)?;
            store::umbrella::put(conn, &umbrella)?;
            audit::record(
                conn,
                audit::Entry {
                    event_id: None,
                    project_id: None,
                    actor_id: None,
                    actor: &format!("{admin} (admin)"),
                    action: AuditAction::UmbrellaChanged,
                    detail: &format!("name “{}”", umbrella.name),
                },
            )?;
            Ok::<_, ServiceError>(())
        })
        .await?;
    store.memo().forget(store::umbrella::MEMO_KEY);
    Ok(())
}

/// The home page: the umbrella and its public events.
pub struct Home {
    pub umbrella: Umbrella,
    pub live: Vec<Event>,
    pub upcoming: Vec<Event>,
    pub past: Vec<Event>,
}

pub async fn home(store: &Store) -> ServiceResult<Home> {
    let (umbrella, events) = store
        .run(|conn| {
            Ok::<_, ServiceError>((store::umbrella::get(conn)?, store::events::list_all(conn)?))
        })
        .await?;
    let now = chrono::Utc::now();
    let mut home = Home {
        umbrella,
        live: vec![],
        upcoming: vec![],
        past: vec![],
    };
    for event in events.into_iter().filter(event_is_public) {
        match Standing::of(&event, now) {
            Standing::Closed => home.past.push(event),
            Standing::Upcoming => home.upcoming.push(event),
            Standing::Live => home.live.push(event),
        }
    }
    home.upcoming.sort_by_key(|e| e.starts_at);
    home.past.sort_by_key(|e| std::cmp::Reverse(e.starts_at));
    Ok(home)
}

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
    pub projects: Vec<ArchivedProject>,
    pub total: usize,
    pub years: Vec<i32>,
}

pub async fn archive(store: &Store, query: ArchiveQuery) -> ServiceResult<CrossArchive> {
    let (umbrella, all) = store
        .run(|conn| {
            let umbrella = store::umbrella::get(conn)?;
            let mut all = Vec::new();
            for event in store::events::list_all(conn)? {
                if event_is_public(&event) && event.phase == Phase::Closed {
                    all.extend(archived_projects(conn, &event)?);
                }
            }
            Ok::<_, ServiceError>((umbrella, all))
        })
        .await?;
    let mut years: Vec<i32> = all.iter().map(|p| p.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let total = all.len();
    let mut projects: Vec<ArchivedProject> = all.into_iter().filter(|p| query.matches(p)).collect();
    projects.sort_by(|a, b| b.year.cmp(&a.year).then(a.event_slug.cmp(&b.event_slug)));
    Ok(CrossArchive {
        umbrella,
        projects,
        total,
        years,
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
