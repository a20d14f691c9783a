//! Checking an umbrella document value by value: every problem is reported
//! with its path (`events[0].projects[2].title: …`), and nothing is
//! half-accepted.

use super::{Document, EventDoc, ProjectDoc, Refusal};
use crate::domain::judging::PrizeKind;
use crate::domain::submission::{SubmissionDraft, SubmissionForm};
use crate::domain::template::EventTemplate;
use crate::domain::text::ScheduleLabel;
use crate::domain::timezone::EventZone;
use crate::domain::umbrella::Umbrella;
use crate::domain::{
    EventName, Invalid, PersonName, Phase, Problem, ScheduleKind, Skill, SkillSet, Slug,
};
use crate::domain::{TeamSizeCap, Title, Venue};
use chrono::NaiveDateTime;
use std::collections::HashSet;

/// A document checked from top to bottom, ready to load.
pub struct Checked {
    pub umbrella: Umbrella,
    /// The umbrella's defaults for new events, when the document has them.
    pub defaults: Option<EventTemplate>,
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

/// The most problems a refusal lists.
const MAX_PROBLEMS: usize = 20;

pub(super) fn check(doc: Document) -> Result<Checked, Refusal> {
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
    let defaults = doc.defaults.as_ref().and_then(|d| {
        d.check()
            .map_err(|found| problems.extend(found.into_iter().map(|p| format!("defaults.{p}"))))
            .ok()
    });
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
        Some(umbrella) if problems.is_empty() => Ok(Checked {
            umbrella,
            defaults,
            events,
        }),
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
    let schedule = check_schedule(e, report);
    let (ids, projects) = check_projects(e, report);
    let prizes = check_prizes(e, &ids, report);
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

fn check_schedule(
    e: &EventDoc,
    report: &mut dyn FnMut(String),
) -> Vec<(ScheduleKind, ScheduleLabel, NaiveDateTime)> {
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
    schedule
}

/// The event's projects, checked, and the ids the document gave them (in order).
fn check_projects(e: &EventDoc, report: &mut dyn FnMut(String)) -> (Vec<i64>, Vec<CheckedProject>) {
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
    (ids, projects)
}

/// Name, description, kind, and the index of the winner among `ids`.
type CheckedPrize = (String, String, PrizeKind, Option<usize>);

fn check_prizes(e: &EventDoc, ids: &[i64], report: &mut dyn FnMut(String)) -> Vec<CheckedPrize> {
    let mut prizes = Vec::new();
    for (i, p) in e.prizes.iter().enumerate() {
        let draft =
            crate::domain::judging::PrizeDraft::parse(&p.name, &p.description, &p.kind, &[]);
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
    prizes
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
