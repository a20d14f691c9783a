//! The organiser console's view model (`/e/{slug}/organise`), shared by the
//! console page and the forms that show it again with their messages or
//! a new sign-in link: the run of show (phases as a timeline, the next
//! step and what it changes), the first-run checklist, and the forms.

use crate::domain::ScheduleKind;
use crate::domain::checklist::{self, CheckItem, NextStep};
use crate::domain::event::EventSettingsForm;
use crate::domain::{FieldErrors, Phase};
use crate::service::{self, console::ConsoleFacts, events::OrganisePage};
use crate::web::error::AppError;
use crate::web::views::{LogRow, log_row, when};
use crate::web::visit::Visit;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::Serialize;

#[derive(Serialize)]
struct PhaseOption {
    value: &'static str,
    label: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct ScheduleRow {
    id: i64,
    kind: String,
    label: String,
    when: String,
}

#[derive(Serialize)]
struct PersonRow {
    id: i64,
    name: String,
}

#[derive(Serialize, Default)]
pub struct Forms {
    /// As typed when it had mistakes; otherwise filled from the event.
    pub settings: Option<EventSettingsForm>,
    pub settings_errors: FieldErrors,
    pub schedule_errors: FieldErrors,
    pub people_errors: FieldErrors,
    pub new_link: Option<NewLink>,
}

#[derive(Serialize)]
pub struct NewLink {
    name: String,
    url: String,
    /// The link as a QR code, to scan on the judge's own device.
    qr: String,
}

impl NewLink {
    pub fn new(name: String, url: String) -> Self {
        NewLink {
            qr: crate::web::qr::data_uri(&url),
            name,
            url,
        }
    }
}

#[derive(Serialize)]
struct ConsoleView {
    slug: String,
    phase: String,
    phases: Vec<PhaseOption>,
    schedule: Vec<ScheduleRow>,
    schedule_kinds: Vec<PhaseOption>,
    organisers: Vec<PersonRow>,
    judges: Vec<PersonRow>,
    people_count: i64,
    recent: Vec<LogRow>,
    forms: Forms,
    scenes: Vec<PhaseOption>,
    following_phase: bool,
    timer_minutes: String,
    timer_running: bool,
    timer_left: String,
    timeline: Vec<TimelineStep>,
    next: Option<NextStep>,
    checklist: Vec<CheckItem>,
    checklist_open: usize,
    without_team: usize,
}

/// One phase on the run of show's timeline.
#[derive(Serialize)]
struct TimelineStep {
    label: &'static str,
    /// "done", "current" or "later": the class that draws it.
    state: &'static str,
}

fn timeline(current: Phase) -> Vec<TimelineStep> {
    Phase::ALL
        .iter()
        .map(|p| TimelineStep {
            label: p.label(),
            state: match p.cmp(&current) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "later",
            },
        })
        .collect()
}

fn option(p: Phase, current: Phase) -> PhaseOption {
    PhaseOption {
        value: p.as_str(),
        label: p.label(),
        current: p == current,
    }
}

fn fmt_input(at: Option<chrono::NaiveDateTime>) -> String {
    at.map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// Renders the console, with `forms` as typed (or filled from the event).
pub async fn render(
    v: &Visit,
    forms: Option<Forms>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = service::events::organise_page(v.store(), &v.slug, v.claim).await?;
    let facts = service::console::facts_of(v.store(), &v.slug, v.claim).await?;
    let mut layout = v.layout("Organise", &page.event, &page.viewer).await;
    layout.body_class = "console-page".into();
    v.render(
        status,
        "pages/organise",
        &layout,
        &console_view(&page, &facts, forms),
    )
}

/// The console's view model.
fn console_view(page: &OrganisePage, facts: &ConsoleFacts, forms: Option<Forms>) -> ConsoleView {
    let e = &page.event;
    let mut forms = forms.unwrap_or_default();
    forms.settings.get_or_insert_with(|| settings_form(e));
    let list = checklist::checklist(&facts.setup);
    let next = checklist::next_step(e.phase);
    ConsoleView {
        timeline: timeline(e.phase),
        next,
        checklist_open: checklist::open_items(&list),
        checklist: list,
        without_team: facts.without_team,
        slug: e.slug.clone(),
        phase: e.phase.label().to_string(),
        phases: Phase::ALL.iter().map(|p| option(*p, e.phase)).collect(),
        schedule: page
            .schedule
            .iter()
            .map(|s| ScheduleRow {
                id: s.id.0,
                kind: s.kind.label().to_string(),
                label: s.label.clone(),
                when: when(s.at),
            })
            .collect(),
        schedule_kinds: ScheduleKind::ALL
            .iter()
            .map(|k| PhaseOption {
                value: k.as_str(),
                label: k.label(),
                current: false,
            })
            .collect(),
        organisers: people(&page.organisers),
        judges: people(&page.judges),
        people_count: page.people_count,
        recent: page
            .recent
            .iter()
            .map(|entry| log_row(entry, true, e.zone))
            .collect(),
        forms,
        scenes: crate::service::display::SCENES
            .iter()
            .map(|(v, l)| PhaseOption {
                value: v,
                label: l,
                current: page.scene.as_deref() == Some(v),
            })
            .collect(),
        following_phase: page.scene.is_none(),
        timer_minutes: format!("{}", page.timer.duration_ms as f64 / 60_000.0),
        timer_running: page.timer.running(),
        timer_left: {
            let left = page.timer.remaining_at(chrono::Utc::now().naive_utc()) / 1000;
            format!("{}:{:02}", left / 60, left % 60)
        },
    }
}

/// The settings form filled from the event as it is.
fn settings_form(e: &crate::domain::Event) -> EventSettingsForm {
    EventSettingsForm {
        name: e.name.clone(),
        venue: e.venue.clone(),
        starts_at: fmt_input(e.starts_at),
        ends_at: fmt_input(e.ends_at),
        team_size_cap: e.team_size_cap.to_string(),
        join_code: e
            .join_code
            .as_ref()
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        show_join_code: e.show_join_code.then(|| "on".to_string()),
        late_pitches: e.late_pitches.then(|| "on".to_string()),
        time_zone: e.zone.name().to_string(),
    }
}

fn people(list: &[crate::domain::Person]) -> Vec<PersonRow> {
    list.iter()
        .map(|p| PersonRow {
            id: p.id.0,
            name: p.name.clone(),
        })
        .collect()
}
