//! The umbrella-wide export format (`hackday-umbrella`, version 1): the
//! document's shape, and its parsing into checked values for an import.
//! The README documents the format; change both together.

use super::judging::PrizeKind;
use super::submission::{SubmissionDraft, SubmissionForm};
use super::text::ScheduleLabel;
use super::timezone::EventZone;
use super::umbrella::Umbrella;
use super::{EventName, Invalid, PersonName, Phase, Problem, ScheduleKind, Skill, SkillSet, Slug};
use super::{TeamSizeCap, Title, Venue};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const FORMAT: &str = "hackday-umbrella";
pub const VERSION: i64 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: i64,
    pub exported_at: NaiveDateTime,
    pub umbrella: UmbrellaDoc,
    pub events: Vec<EventDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct UmbrellaDoc {
    pub name: String,
    pub description: String,
    pub principles: Vec<String>,
    pub code_of_conduct: String,
    pub brand_colour: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct EventDoc {
    pub slug: String,
    pub name: String,
    pub venue: String,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    /// The event's IANA time zone; the times above are wall-clock times
    /// there. Optional in version 1: absent means Europe/London.
    #[serde(default)]
    pub time_zone: Option<String>,
    pub phase: String,
    pub team_size_cap: i32,
    pub schedule: Vec<ScheduleDoc>,
    pub prizes: Vec<PrizeDoc>,
    pub projects: Vec<ProjectDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ScheduleDoc {
    pub kind: String,
    pub label: String,
    pub at: NaiveDateTime,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PrizeDoc {
    pub name: String,
    pub description: String,
    pub kind: String,
    /// The `id` of the winning project in this event, once revealed.
    pub winner: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectDoc {
    /// Unique within its event in this document (links prize winners).
    pub id: i64,
    pub title: String,
    pub problem: String,
    pub skills_needed: Vec<String>,
    pub pitcher: String,
    pub team: Vec<MemberDoc>,
    pub submission: Option<SubmissionDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct MemberDoc {
    pub name: String,
    pub skills: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SubmissionDoc {
    pub repo_url: String,
    pub demo_url: Option<String>,
    pub slides_url: Option<String>,
    pub video_url: Option<String>,
    pub built: String,
    pub licence: String,
    pub keep_working: bool,
    pub late: bool,
    pub submitted_at: NaiveDateTime,
}

/// A document checked from top to bottom, ready to load.
pub struct Checked {
    pub umbrella: Umbrella,
    pub events: Vec<CheckedEvent>,
}

pub struct CheckedEvent {
    pub slug: Slug,
    pub name: EventName,
    pub venue: Venue,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    pub zone: EventZone,
    pub phase: Phase,
    pub team_size_cap: TeamSizeCap,
    pub schedule: Vec<(ScheduleKind, ScheduleLabel, NaiveDateTime)>,
    /// Name, description, kind, and the index of the winner in `projects`.
    pub prizes: Vec<(String, String, PrizeKind, Option<usize>)>,
    pub projects: Vec<CheckedProject>,
}

pub struct CheckedProject {
    pub title: Title,
    pub problem: Problem,
    pub skills_needed: SkillSet,
    pub pitcher: PersonName,
    pub team: Vec<(PersonName, SkillSet)>,
    pub submission: Option<(SubmissionDraft, bool, NaiveDateTime)>,
}

/// Why a document was refused, in words for the admin.
#[derive(Debug)]
pub struct Refusal(pub Vec<String>);

/// The most problems a refusal lists.
const MAX_PROBLEMS: usize = 20;

/// Reads a document: first what it says it is (format and version), then
/// its shape, then every value. Nothing is half-accepted.
pub fn parse(text: &str) -> Result<Checked, Refusal> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Refusal(vec![format!("This is not a JSON document ({e})")]))?;
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(FORMAT) {
        return Err(Refusal(vec![format!(
            "This is not a hackday umbrella export: its \"format\" should be \"{FORMAT}\", not {}",
            value
                .get("format")
                .map_or("missing".into(), |f| f.to_string())
        )]));
    }
    let version = value.get("version").and_then(|v| v.as_i64());
    if version != Some(VERSION) {
        return Err(Refusal(vec![format!(
            "This server reads version {VERSION} of the format; the document says {}",
            value
                .get("version")
                .map_or("nothing".into(), |v| v.to_string())
        )]));
    }
    let doc: Document = serde_json::from_str(text).map_err(|e| {
        Refusal(vec![format!(
            "The document does not have the shape of version {VERSION}: {e}"
        )])
    })?;
    check(doc)
}

fn check(doc: Document) -> Result<Checked, Refusal> {
    let mut problems = Vec::new();
    let u = &doc.umbrella;
    let umbrella = Umbrella::parse(
        &u.name,
        &u.description,
        &u.principles.join("\n"),
        &u.code_of_conduct,
        &u.brand_colour,
    )
    .map_err(|errors| {
        for (field, message) in errors.messages() {
            problems.push(format!("umbrella.{field}: {message}"));
        }
    })
    .ok();
    let mut slugs = HashSet::new();
    let mut events = Vec::new();
    for (i, event) in doc.events.iter().enumerate() {
        let at = format!("events[{i}]");
        if !slugs.insert(event.slug.trim().to_ascii_lowercase()) {
            problems.push(format!("{at}.slug: “{}” appears twice", event.slug));
        }
        let mut here = Vec::new();
        let checked = check_event(event, &mut |p: String| here.push(format!("{at}.{p}")));
        problems.extend(here);
        events.extend(checked);
    }
    match umbrella {
        Some(umbrella) if problems.is_empty() => Ok(Checked { umbrella, events }),
        _ => {
            problems.truncate(MAX_PROBLEMS);
            Err(Refusal(problems))
        }
    }
}

/// Takes a parsed value, or reports why not (as `path: message`).
fn take<T>(report: &mut dyn FnMut(String), path: &str, r: Result<T, Invalid>) -> Option<T> {
    r.map_err(|e| report(format!("{path}: {}", e.message))).ok()
}

fn skills(report: &mut dyn FnMut(String), path: &str, raw: &[String]) -> Option<SkillSet> {
    let parsed: Result<Vec<Skill>, Invalid> = raw.iter().map(|s| Skill::parse(s)).collect();
    take(report, path, parsed.map(SkillSet::from_skills))
}

fn check_event(e: &EventDoc, report: &mut dyn FnMut(String)) -> Option<CheckedEvent> {
    let slug = take(report, "slug", Slug::parse(&e.slug));
    let name = take(report, "name", EventName::parse(&e.name));
    let venue = take(report, "venue", Venue::parse(&e.venue));
    let phase = take(report, "phase", Phase::parse(&e.phase));
    let cap = take(report, "team_size_cap", TeamSizeCap::new(e.team_size_cap));
    let zone = match &e.time_zone {
        Some(raw) => take(report, "time_zone", EventZone::parse(raw)),
        None => Some(EventZone::default()),
    };
    let mut schedule = Vec::new();
    for (i, s) in e.schedule.iter().enumerate() {
        let kind = ScheduleKind::parse(&s.kind);
        if kind.is_none() {
            report(format!(
                "schedule[{i}].kind: “{}” is not a kind of entry",
                s.kind
            ));
        }
        let label = take(
            report,
            &format!("schedule[{i}].label"),
            ScheduleLabel::parse(&s.label),
        );
        if let (Some(kind), Some(label)) = (kind, label) {
            schedule.push((kind, label, s.at));
        }
    }
    let mut ids = Vec::new();
    let mut projects = Vec::new();
    for (i, p) in e.projects.iter().enumerate() {
        if ids.contains(&p.id) {
            report(format!(
                "projects[{i}].id: {} appears twice in this event",
                p.id
            ));
        }
        ids.push(p.id);
        let mut here = |m: String| report(format!("projects[{i}].{m}"));
        projects.extend(check_project(p, &mut here));
    }
    let mut prizes = Vec::new();
    for (i, p) in e.prizes.iter().enumerate() {
        let draft = super::judging::PrizeDraft::parse(&p.name, &p.description, &p.kind, &[]);
        let winner = p.winner.map(|w| (w, ids.iter().position(|id| *id == w)));
        if let Some((w, None)) = winner {
            report(format!(
                "prizes[{i}].winner: no project has the id {w} in this event"
            ));
        }
        match draft {
            Ok(d) => prizes.push((d.name, d.description, d.kind, winner.and_then(|w| w.1))),
            Err(errors) => errors
                .messages()
                .for_each(|(f, m)| report(format!("prizes[{i}].{f}: {m}"))),
        }
    }
    Some(CheckedEvent {
        slug: slug?,
        name: name?,
        venue: venue?,
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        zone: zone?,
        phase: phase?,
        team_size_cap: cap?,
        schedule,
        prizes,
        projects,
    })
}

fn check_project(p: &ProjectDoc, report: &mut dyn FnMut(String)) -> Option<CheckedProject> {
    let title = take(report, "title", Title::parse(&p.title));
    let problem = take(report, "problem", Problem::parse(&p.problem));
    let needed = skills(report, "skills_needed", &p.skills_needed);
    let pitcher = take(report, "pitcher", PersonName::parse(&p.pitcher));
    let mut team = Vec::new();
    for (i, m) in p.team.iter().enumerate() {
        let name = take(
            report,
            &format!("team[{i}].name"),
            PersonName::parse(&m.name),
        );
        let set = skills(report, &format!("team[{i}].skills"), &m.skills);
        team.extend(name.zip(set));
    }
    let submission = match &p.submission {
        None => Some(None),
        Some(s) => {
            let form = SubmissionForm {
                repo_url: s.repo_url.clone(),
                demo_url: s.demo_url.clone().unwrap_or_default(),
                slides_url: s.slides_url.clone().unwrap_or_default(),
                video_url: s.video_url.clone().unwrap_or_default(),
                built: s.built.clone(),
                licence: s.licence.clone(),
                keep_working: s.keep_working.then(String::new),
            };
            match SubmissionDraft::parse(&form) {
                Ok(draft) => Some(Some((draft, s.late, s.submitted_at))),
                Err(errors) => {
                    errors
                        .messages()
                        .for_each(|(f, m)| report(format!("submission.{f}: {m}")));
                    None
                }
            }
        }
    };
    Some(CheckedProject {
        title: title?,
        problem: problem?,
        skills_needed: needed?,
        pitcher: pitcher?,
        team,
        submission: submission?,
    })
}
