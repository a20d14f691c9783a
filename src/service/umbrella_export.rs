//! The umbrella-wide export (every public event's public data as one
//! `hackday-umbrella` document) and its import into an empty installation,
//! in one transaction: a refused or failed import changes nothing. The
//! umbrella's saved defaults for new events travel with it.

use super::{Claim, ServiceResult, require_admin};
use crate::domain::audit::AuditAction;
use crate::domain::ids::PrizeId;
use crate::domain::judging::Prize;
use crate::domain::template::TemplateDoc;
use crate::domain::umbrella::event_is_public;
use crate::domain::umbrella_doc::{self as doc, CheckedEvent, CheckedProject, Document};
use crate::domain::{Event, EventSettings, PersonId, Role, SecretToken, SkillSet};
use crate::store::people::NewPerson;
use crate::store::projects::Pitch;
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store, audit};
use std::collections::HashMap;

/// The whole installation's public data, for an admin to download.
pub async fn export(store: &Store, claim: Claim) -> ServiceResult<Document> {
    store
        .run(move |conn| {
            require_admin(conn, claim)?;
            let u = store::umbrella::get(conn)?;
            let mut events = Vec::new();
            for event in store::events::list_all(conn)? {
                if event_is_public(&event) {
                    events.push(export_event(conn, &event)?);
                }
            }
            Ok(Document {
                format: doc::FORMAT.into(),
                version: doc::VERSION,
                exported_at: chrono::Utc::now().naive_utc(),
                umbrella: doc::UmbrellaDoc {
                    name: u.name,
                    description: u.description,
                    principles: u.principles,
                    code_of_conduct: u.code_of_conduct,
                    brand_colour: u.brand_colour.as_str().to_string(),
                },
                defaults: store::templates::saved_defaults(conn)?
                    .as_ref()
                    .map(TemplateDoc::from_template),
                events,
            })
        })
        .await
}

/// Times to the microsecond, which both databases keep (SQLite would
/// keep nanoseconds that PostgreSQL drops): a round trip changes nothing.
fn micros(at: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::SubsecRound;
    at.trunc_subsecs(6)
}

fn skill_names(set: SkillSet) -> Vec<String> {
    set.iter().map(|s| s.as_str().to_string()).collect()
}

fn export_event(conn: &mut DbConn, event: &Event) -> ServiceResult<doc::EventDoc> {
    let projects = export_projects(conn, event)?;
    let revealed: HashMap<i64, i64> = store::awards::awards(conn, event.id)?
        .into_iter()
        .filter(|a| a.revealed_at.is_some())
        .filter(|a| projects.iter().any(|p| p.id == a.project_id))
        .map(|a| (a.prize_id.0, a.project_id))
        .collect();
    Ok(doc::EventDoc {
        slug: event.slug.clone(),
        name: event.name.clone(),
        venue: event.venue.clone(),
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        time_zone: Some(event.zone.name().to_string()),
        phase: event.phase.as_str().to_string(),
        team_size_cap: event.team_size_cap,
        schedule: store::events::schedule(conn, event.id)?
            .into_iter()
            .map(|s| doc::ScheduleDoc {
                kind: s.kind.as_str().to_string(),
                label: s.label,
                at: micros(s.at),
            })
            .collect(),
        prizes: store::judging::prizes(conn, event.id)?
            .into_iter()
            .map(|p| doc::PrizeDoc {
                winner: revealed.get(&p.id.0).copied(),
                name: p.name,
                description: p.description,
                kind: p.kind.as_str().to_string(),
            })
            .collect(),
        projects,
    })
}

/// The event's open projects, each with its team and submission.
fn export_projects(conn: &mut DbConn, event: &Event) -> ServiceResult<Vec<doc::ProjectDoc>> {
    let mut teams: HashMap<i64, Vec<doc::MemberDoc>> = HashMap::new();
    for m in store::projects::members_of_event(conn, event.id)? {
        teams
            .entry(m.project_id.0)
            .or_default()
            .push(doc::MemberDoc {
                name: m.name,
                skills: skill_names(m.skills),
            });
    }
    let mut submissions: HashMap<i64, doc::SubmissionDoc> =
        store::submissions::list_for_event(conn, event.id)?
            .into_iter()
            .map(|s| (s.project_id.0, submission_doc(s)))
            .collect();
    Ok(store::projects::list_open(conn, event.id)?
        .into_iter()
        .map(|p| doc::ProjectDoc {
            id: p.id.0,
            title: p.title,
            problem: p.problem,
            skills_needed: skill_names(p.skills_needed),
            pitcher: p.pitcher_name,
            team: teams.remove(&p.id.0).unwrap_or_default(),
            submission: submissions.remove(&p.id.0),
        })
        .collect())
}

fn submission_doc(s: Submission) -> doc::SubmissionDoc {
    let link = |l: Option<crate::domain::submission::Link>| l.map(|l| l.as_str().to_string());
    doc::SubmissionDoc {
        repo_url: s.repo_url.as_str().to_string(),
        demo_url: link(s.demo_url),
        slides_url: link(s.slides_url),
        video_url: link(s.video_url),
        built: s.built,
        licence: s.licence,
        keep_working: s.keep_working,
        late: s.late,
        submitted_at: micros(s.submitted_at),
    }
}

/// What an import loaded.
#[derive(Debug)]
pub struct Imported {
    pub events: usize,
    pub projects: usize,
    /// Whether the document carried the umbrella's defaults for new events.
    pub defaults: bool,
}

/// Loads a document into an installation with no events yet. `Ok(Err(..))`
/// is a refusal (the reasons, in words); nothing is written then.
pub async fn import(
    store: &Store,
    claim: Claim,
    text: String,
) -> ServiceResult<Result<Imported, Vec<String>>> {
    store
        .run(move |conn| require_admin(conn, claim).map(|_| ()))
        .await?;
    let checked = match doc::parse(&text) {
        Ok(checked) => checked,
        Err(refusal) => return Ok(Err(refusal.0)),
    };
    let imported = store
        .write(move |conn| {
            let admin = require_admin(conn, claim)?;
            let existing = store::umbrella::event_count(conn)?;
            if existing > 0 {
                return Ok(Err(vec![format!(
                    "This installation already has {existing} event(s): an import goes only \
                     into an empty installation (no events yet), so nothing was changed"
                )]));
            }
            store::umbrella::put(conn, &checked.umbrella)?;
            if let Some(defaults) = &checked.defaults {
                store::templates::put_defaults(conn, defaults)?;
            }
            let mut projects = 0;
            for event in &checked.events {
                projects += load_event(conn, event)?;
            }
            let mut detail = format!("{} events, {projects} projects", checked.events.len());
            if checked.defaults.is_some() {
                detail.push_str(" and the defaults for new events");
            }
            audit::record_by_admin(conn, &admin, AuditAction::UmbrellaImported, &detail)?;
            Ok(Ok(Imported {
                events: checked.events.len(),
                projects,
                defaults: checked.defaults.is_some(),
            }))
        })
        .await;
    store.memo().forget(store::umbrella::MEMO_KEY);
    imported
}

/// A person of an imported event: nobody holds their sign-in link.
fn person(
    conn: &mut DbConn,
    event: crate::domain::EventId,
    name: &str,
    skills: SkillSet,
) -> ServiceResult<PersonId> {
    let token = SecretToken::generate();
    let new = NewPerson {
        event_id: event,
        name,
        skills,
        role: Role::Attendee,
        token_hash: &token.hash(),
    };
    Ok(store::people::insert(conn, new)?.id)
}

fn load_event(conn: &mut DbConn, e: &CheckedEvent) -> ServiceResult<usize> {
    let id = store::events::insert(conn, e.slug.as_str(), e.name.as_str())?;
    let settings = EventSettings {
        name: e.name.clone(),
        venue: e.venue.clone(),
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        team_size_cap: e.team_size_cap,
        join_code: None,
        show_join_code: false,
        late_pitches: false,
        zone: Some(e.zone),
    };
    store::events::update_settings(conn, id, &settings)?;
    store::events::set_phase(conn, id, e.phase)?;
    for (kind, label, at) in &e.schedule {
        store::events::add_schedule_item(conn, id, *kind, label.as_str(), *at)?;
    }
    let mut project_ids = Vec::new();
    for p in &e.projects {
        project_ids.push(load_project(conn, id, p)?);
    }
    for (name, description, kind, _) in &e.prizes {
        let prize = Prize {
            id: PrizeId(0),
            name: name.clone(),
            description: description.clone(),
            kind: *kind,
            criteria: vec![],
        };
        store::judging::add_prize(conn, id, &prize)?;
    }
    let stored = store::judging::prizes(conn, id)?;
    let now = chrono::Utc::now().naive_utc();
    for (prize, (_, _, _, winner)) in stored.iter().zip(&e.prizes) {
        if let Some(index) = winner {
            store::awards::set_winner(conn, prize.id, Some(project_ids[*index]))?;
            store::awards::reveal(conn, prize.id, Some(now))?;
        }
    }
    Ok(project_ids.len())
}

fn load_project(
    conn: &mut DbConn,
    event: crate::domain::EventId,
    p: &CheckedProject,
) -> ServiceResult<crate::domain::ProjectId> {
    let mut team = Vec::new();
    for (name, skills) in &p.team {
        team.push((name.as_str(), person(conn, event, name.as_str(), *skills)?));
    }
    let pitcher = match team.iter().find(|(name, _)| *name == p.pitcher.as_str()) {
        Some((_, id)) => *id,
        None => person(conn, event, p.pitcher.as_str(), SkillSet::empty())?,
    };
    let pitch = Pitch {
        title: &p.title,
        problem: &p.problem,
        skills_needed: p.skills_needed,
    };
    let project = store::projects::insert(conn, event, pitcher, pitch)?;
    for (_, person) in &team {
        store::projects::put_in_team(conn, event, project, *person)?;
    }
    if let Some((draft, late, at)) = &p.submission {
        store::submissions::save(conn, project, None, draft, *late, *at)?;
    }
    Ok(project)
}
