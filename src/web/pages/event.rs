//! `/e/{slug}`: the event page: what is happening, signing up from its
//! form, and the pitches with their teams.

use crate::domain::session::Holder;
use crate::domain::{FieldErrors, PersonName, Phase, SkillSet};
use crate::service::{self, ServiceError, people::SignUp, pitches::EventPage};
use crate::web::views::{
    ProjectView, SkillOption, UmbrellaView, project_view, skill_labels, skill_options, when_in,
};
use crate::web::{error::AppError, form::CheckedForm, identity, visit::Visit};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::{Deserialize, Serialize};

/// The sign-up form as typed, with its messages.
#[derive(Debug, Serialize, Default)]
pub struct SignUpView {
    pub name: String,
    pub skills: Vec<SkillOption>,
    pub errors: FieldErrors,
    pub general_error: Option<String>,
    /// Whether "I accept the code of conduct" is ticked.
    pub conduct: bool,
}

#[derive(Serialize)]
struct ScheduleView {
    label: String,
    when: String,
}

/// A prize won, as the event page leads with it once the event has closed.
#[derive(Serialize)]
struct WinnerView {
    prize: String,
    title: String,
    url: String,
    team: Vec<String>,
}

#[derive(Serialize)]
struct EventView {
    slug: String,
    name: String,
    venue: String,
    phase: String,
    when: Option<String>,
    /// The event's IANA time zone: every time on the page is local to it.
    zone: &'static str,
    needs_join_code: bool,
    accepts_attendees: bool,
    accepts_pitches: bool,
    signed_in: bool,
    teams_open: bool,
    shows_progress: bool,
    submitted: usize,
    now_presenting: Option<String>,
    can_join: bool,
    in_a_team: bool,
    has_pitch: bool,
    my_pitch_url: Option<String>,
    people_count: i64,
    schedule: Vec<ScheduleView>,
    projects: Vec<ProjectView>,
    /// The empty team card the live board clones (a `<template>`).
    card_template: ProjectView,
    /// What the signed-in person does, for "teams that need what I do".
    my_skills: Vec<&'static str>,
    winners: Vec<WinnerView>,
    signup: SignUpView,
    umbrella: UmbrellaView,
    /// For a person without a team: teams that need what they do.
    suggest: Option<crate::web::suggest::ForAttendee>,
}

#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    skills: Vec<String>,
    #[serde(default)]
    join_code: String,
    #[serde(default)]
    conduct: Option<String>,
}

pub async fn show(v: Visit) -> Result<HttpResponse, AppError> {
    let signup = SignUpView {
        skills: skill_options(&[]),
        ..Default::default()
    };
    render(&v, signup, StatusCode::OK).await
}

/// Signs an attendee up from the event page's form; a refusal shows the
/// event page again with what they typed and the message by the field.
pub async fn sign_up(
    v: Visit,
    CheckedForm(form): CheckedForm<SignUpForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let name = errors.take(PersonName::parse(&form.name));
    let skills = errors.take(SkillSet::parse_choices("skills", &form.skills, true));
    if form.conduct.is_none() {
        errors.add("conduct", service::people::CONDUCT_REQUIRED);
    }
    let result = match (name, skills) {
        (Some(name), Some(skills)) if errors.is_empty() => {
            let join_code = form.join_code.clone();
            let signup = SignUp {
                name,
                skills,
                join_code,
                accepted_conduct: form.conduct.is_some(),
            };
            service::people::sign_up(v.store(), v.live(), &v.slug, v.claim, signup).await
        }
        _ => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(done) => {
            let holder = Holder::Person(done.person.id);
            let started = service::sessions::start(v.store(), holder).await?;
            identity::sign_in(&v.session, &v.slug, done.person.id, &started, &done.token);
            Ok(v.to("/me?welcome=1"))
        }
        Err(ServiceError::Invalid(errors)) => {
            let view = SignUpView {
                name: form.name,
                skills: skill_options(&form.skills),
                errors,
                general_error: None,
                conduct: form.conduct.is_some(),
            };
            render(&v, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Renders the event page, with the sign-up form as typed.
async fn render(
    v: &Visit,
    signup: SignUpView,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page: EventPage =
        service::pitches::event_page(v.models(), v.store(), &v.slug, v.claim).await?;
    let umbrella = service::umbrella::remembered(v.store()).await?;
    let mut layout = v.layout(&page.event.name, &page.event, &page.viewer).await;
    layout.live = Some(page.event.slug.clone());
    // Its banner shows the umbrella here, so the strip at the foot does not.
    layout.umbrella = None;
    if status == StatusCode::OK {
        // The same for everyone who is this person (or anonymous) at this
        // version (and under these umbrella settings: `render_shared`).
        let key = format!("{:?}|{}", page.viewer.person_id(), page.viewer.is_admin);
        let model = page.model.clone();
        return v.render_shared(&model, &key, layout, "pages/event", || {
            event_view(&page, signup, UmbrellaView::from(&umbrella.umbrella))
        });
    }
    v.render(
        status,
        "pages/event",
        &layout,
        &event_view(&page, signup, UmbrellaView::from(&umbrella.umbrella)),
    )
}

/// The event page's view model.
fn event_view(page: &EventPage, signup: SignUpView, umbrella: UmbrellaView) -> EventView {
    let event = &page.event;
    EventView {
        slug: event.slug.clone(),
        name: event.name.clone(),
        venue: event.venue.clone(),
        phase: event.phase.label().to_string(),
        when: event.starts_at.map(|at| when_in(at, event.zone)),
        zone: event.zone.name(),
        needs_join_code: event.join_code.is_some(),
        accepts_attendees: event.phase.accepts_attendees(),
        accepts_pitches: event.accepts_pitches() || page.viewer.can_organise(),
        signed_in: page.viewer.person.is_some(),
        teams_open: event.phase.teams_open(),
        shows_progress: matches!(
            event.phase,
            Phase::Hacking | Phase::Judging | Phase::Results | Phase::Closed
        ),
        submitted: page.projects.iter().filter(|c| c.submitted).count(),
        now_presenting: page
            .now_presenting
            .and_then(|id| page.projects.iter().find(|c| c.project.id == id))
            .map(|c| c.project.title.clone()),
        can_join: page.viewer.person.is_some() && event.phase.teams_open(),
        in_a_team: page.my_team.is_some(),
        has_pitch: page.my_pitch.is_some(),
        my_pitch_url: page.my_pitch.map(|id| format!("/e/{}/p/{id}", event.slug)),
        people_count: page.people_count,
        schedule: schedule_views(page),
        projects: page
            .projects
            .iter()
            .map(|c| project_view(event, c, page.my_team))
            .collect(),
        card_template: card_template(event.team_size_cap),
        my_skills: page
            .viewer
            .person
            .as_ref()
            .map(|p| skill_labels(p.skills))
            .unwrap_or_default(),
        winners: winner_views(page),
        signup,
        umbrella,
        suggest: crate::web::suggest::for_attendee(page),
    }
}

fn schedule_views(page: &EventPage) -> Vec<ScheduleView> {
    page.schedule
        .iter()
        .map(|s| ScheduleView {
            label: s.label.clone(),
            when: when_in(s.at, page.event.zone),
        })
        .collect()
}

fn winner_views(page: &EventPage) -> Vec<WinnerView> {
    page.winners
        .iter()
        .map(|w| WinnerView {
            prize: w.prize.clone(),
            title: w.title.clone(),
            url: format!("/e/{}/p/{}", page.event.slug, w.project),
            team: w.team.clone(),
        })
        .collect()
}

/// An empty team card: the markup the live board fills in for each team.
fn card_template(cap: i32) -> ProjectView {
    ProjectView {
        id: 0,
        url: String::new(),
        title: String::new(),
        problem: String::new(),
        pitcher: String::new(),
        skills_needed: Vec::new(),
        still_needed: Vec::new(),
        members: Vec::new(),
        size: 0,
        cap,
        full: false,
        over_cap: false,
        is_my_team: false,
        submitted: false,
    }
}
