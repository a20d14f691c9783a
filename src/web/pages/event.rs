//! `/e/{slug}`: the event page: what is happening, how to sign up, and the
//! pitches with their teams.

use super::views::{ProjectView, SkillOption, layout, project_view, skill_options, when};
use crate::domain::{FieldErrors, Phase};
use crate::service::{self, pitches::EventPage};
use crate::web::{AppState, error::AppError, identity};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

/// The sign-up form as typed, with its messages.
#[derive(Debug, Serialize, Default)]
pub struct SignUpView {
    pub name: String,
    pub skills: Vec<SkillOption>,
    pub errors: FieldErrors,
    pub general_error: Option<String>,
}

#[derive(Serialize)]
struct ScheduleView {
    label: String,
    when: String,
}

#[derive(Serialize)]
struct EventView {
    slug: String,
    name: String,
    venue: String,
    phase: String,
    when: Option<String>,
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
    signup: SignUpView,
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let signup = SignUpView {
        skills: skill_options(&[]),
        ..Default::default()
    };
    render(&state, &session, &slug, signup, StatusCode::OK).await
}

/// Renders the event page; the sign-up handler uses it to show its form
/// again with the person's input and messages.
pub async fn render(
    state: &AppState,
    session: &Session,
    slug: &str,
    signup: SignUpView,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page: EventPage =
        service::pitches::event_page(&state.store, slug, identity::claim(session, slug)).await?;
    let event = &page.event;
    let view = EventView {
        slug: event.slug.clone(),
        name: event.name.clone(),
        venue: event.venue.clone(),
        phase: event.phase.label().to_string(),
        when: event.starts_at.map(when),
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
        schedule: page
            .schedule
            .iter()
            .map(|s| ScheduleView {
                label: s.label.clone(),
                when: when(s.at),
            })
            .collect(),
        projects: page
            .projects
            .iter()
            .map(|c| project_view(event, c, page.my_team))
            .collect(),
        signup,
    };
    let mut layout = layout(session, &event.name, Some(event), Some(&page.viewer));
    layout.live = Some(event.slug.clone());
    state
        .templates
        .page_with_status(status, "pages/event", &layout, &view)
}
