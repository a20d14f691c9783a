//! `/e/{slug}/organise`: the organiser console: settings, phase, schedule,
//! organisers and judges with their sign-in links.

use super::people::{Empty, redirect};
use super::views::{base_url, layout, when};
use crate::domain::event::EventSettingsForm;
use crate::domain::ids::ScheduleItemId;
use crate::domain::{EventSettings, FieldErrors, PersonId, PersonName, Phase, Role};
use crate::service::{self, ServiceError, events::NewScheduleItem, events::SCHEDULE_KINDS};
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

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
struct Forms {
    /// As typed when it had mistakes; otherwise filled from the event.
    settings: Option<EventSettingsForm>,
    settings_errors: FieldErrors,
    schedule_errors: FieldErrors,
    people_errors: FieldErrors,
    new_link: Option<NewLink>,
}

#[derive(Serialize)]
struct NewLink {
    name: String,
    url: String,
    /// The link as a QR code, to scan on the judge's own device.
    qr: String,
}

impl NewLink {
    fn new(name: String, url: String) -> Self {
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
    next_phase: Option<PhaseOption>,
    phases: Vec<PhaseOption>,
    schedule: Vec<ScheduleRow>,
    schedule_kinds: Vec<PhaseOption>,
    organisers: Vec<PersonRow>,
    judges: Vec<PersonRow>,
    people_count: i64,
    recent: Vec<ScheduleRow>,
    forms: Forms,
    scenes: Vec<PhaseOption>,
    following_phase: bool,
    timer_minutes: String,
    timer_running: bool,
    timer_left: String,
    attendees: Vec<PersonRow>,
    teams: Vec<PersonRow>,
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

async fn render(
    state: &AppState,
    session: &Session,
    slug: &str,
    forms: Option<Forms>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page =
        service::events::organise_page(&state.store, slug, identity::claim(session, slug)).await?;
    let e = &page.event;
    let mut forms = forms.unwrap_or_default();
    forms.settings.get_or_insert_with(|| EventSettingsForm {
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
    });
    let people = |list: &[crate::domain::Person]| {
        list.iter()
            .map(|p| PersonRow {
                id: p.id.0,
                name: p.name.clone(),
            })
            .collect()
    };
    let view = ConsoleView {
        slug: e.slug.clone(),
        phase: e.phase.label().to_string(),
        next_phase: e.phase.next().map(|p| option(p, e.phase)),
        phases: Phase::ALL.iter().map(|p| option(*p, e.phase)).collect(),
        schedule: page
            .schedule
            .iter()
            .map(|s| ScheduleRow {
                id: s.id.0,
                kind: s.kind.clone(),
                label: s.label.clone(),
                when: when(s.at),
            })
            .collect(),
        schedule_kinds: SCHEDULE_KINDS
            .iter()
            .map(|(v, l)| PhaseOption {
                value: v,
                label: l,
                current: false,
            })
            .collect(),
        organisers: people(&page.organisers),
        judges: people(&page.judges),
        people_count: page.people_count,
        recent: page
            .recent
            .iter()
            .map(|(at, actor, action, detail)| ScheduleRow {
                id: 0,
                kind: action.clone(),
                label: format!("{actor}: {detail}"),
                when: when(*at),
            })
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
        attendees: people(&page.attendees),
        teams: page
            .teams
            .iter()
            .map(|(id, title)| PersonRow {
                id: id.0,
                name: title.clone(),
            })
            .collect(),
        timer_left: {
            let left = page.timer.remaining_at(chrono::Utc::now().naive_utc()) / 1000;
            format!("{}:{:02}", left / 60, left % 60)
        },
    };
    let layout = layout(session, "Organise", Some(e), Some(&page.viewer));
    state
        .templates
        .page_with_status(status, "pages/organise", &layout, &view)
}

pub async fn console(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render(&state, &session, &slug, None, StatusCode::OK).await
}

/// Shows the console again with one form's messages, or passes other errors on.
async fn rerender(
    state: &AppState,
    session: &Session,
    slug: &str,
    result: Result<(), ServiceError>,
    forms: impl FnOnce(FieldErrors) -> Forms,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(redirect(&format!("/e/{slug}/organise"))),
        Err(ServiceError::Invalid(errors)) => {
            render(
                state,
                session,
                slug,
                Some(forms(errors)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn update_settings(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<EventSettingsForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::claim(&session, &slug);
    let result = match EventSettings::parse(&form) {
        Ok(settings) => {
            service::events::update_settings(&state.store, &state.live, &slug, claim, settings)
                .await
        }
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    rerender(&state, &session, &slug, result, |errors| Forms {
        settings: Some(form),
        settings_errors: errors,
        ..Default::default()
    })
    .await
}

#[derive(Deserialize)]
pub struct PhaseForm {
    #[serde(default)]
    phase: String,
}

pub async fn set_phase(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<PhaseForm>,
) -> Result<HttpResponse, AppError> {
    let phase = Phase::parse(&form.phase).map_err(|e| AppError::BadRequest(e.message))?;
    service::events::set_phase(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        phase,
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/organise")))
}

#[derive(Deserialize)]
pub struct ScheduleForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    at: String,
}

pub async fn add_schedule_item(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<ScheduleForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::claim(&session, &slug);
    let result = match NewScheduleItem::parse(&form.kind, &form.label, &form.at) {
        Ok(item) => {
            service::events::add_schedule_item(&state.store, &state.live, &slug, claim, item).await
        }
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    rerender(&state, &session, &slug, result, |errors| Forms {
        schedule_errors: errors,
        ..Default::default()
    })
    .await
}

pub async fn delete_schedule_item(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, item) = path.into_inner();
    service::events::delete_schedule_item(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        ScheduleItemId(item),
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/organise")))
}

#[derive(Deserialize)]
pub struct AppointForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

pub async fn appoint(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    req: HttpRequest,
    CheckedForm(form): CheckedForm<AppointForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::claim(&session, &slug);
    let parsed = PersonName::parse(&form.name)
        .map_err(FieldErrors::from)
        .and_then(|name| {
            let role = Role::parse(&form.role).map_err(FieldErrors::from)?;
            Ok((name, role))
        });
    let result = match parsed {
        Ok((name, role)) => service::admin::appoint(&state.store, &slug, claim, name.clone(), role)
            .await
            .map(|t| (name, t)),
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok((name, token)) => {
            let link = NewLink::new(
                name.into_inner(),
                format!("{}/signin/{}", base_url(&state, &req), token.as_str()),
            );
            render(
                &state,
                &session,
                &slug,
                Some(Forms {
                    new_link: Some(link),
                    ..Default::default()
                }),
                StatusCode::OK,
            )
            .await
        }
        Err(e) => {
            rerender(&state, &session, &slug, Err(e), |errors| Forms {
                people_errors: errors,
                ..Default::default()
            })
            .await
        }
    }
}

pub async fn reissue_link(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    req: HttpRequest,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, person) = path.into_inner();
    let (name, token) = service::admin::reissue_link(
        &state.store,
        &slug,
        identity::claim(&session, &slug),
        PersonId(person),
    )
    .await?;
    let link = NewLink::new(
        name,
        format!("{}/signin/{}", base_url(&state, &req), token.as_str()),
    );
    render(
        &state,
        &session,
        &slug,
        Some(Forms {
            new_link: Some(link),
            ..Default::default()
        }),
        StatusCode::OK,
    )
    .await
}

/// Revokes an organiser or a judge. A refusal (the last organiser) comes
/// back on the console next to the list of people.
pub async fn revoke(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, person) = path.into_inner();
    let claim = identity::claim(&session, &slug);
    let result =
        service::people::revoke(&state.store, &state.live, &slug, claim, PersonId(person)).await;
    let result = result.map_err(|e| match e {
        ServiceError::Conflict(m) => ServiceError::Invalid(FieldErrors::one("revoke", m)),
        other => other,
    });
    rerender(&state, &session, &slug, result, |errors| Forms {
        people_errors: errors,
        ..Default::default()
    })
    .await
}

#[derive(Deserialize)]
pub struct SceneForm {
    #[serde(default)]
    scene: String,
}

pub async fn set_scene(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(f): CheckedForm<SceneForm>,
) -> Result<HttpResponse, AppError> {
    let scene = Some(f.scene).filter(|s| !s.is_empty() && s != "auto");
    crate::service::display::set_scene(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        scene,
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/organise#projector")))
}

#[derive(Deserialize)]
pub struct TimerForm {
    op: String,
    #[serde(default)]
    minutes: String,
}

pub async fn timer(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(f): CheckedForm<TimerForm>,
) -> Result<HttpResponse, AppError> {
    use crate::service::display::TimerChange;
    let change = match f.op.as_str() {
        "start" => TimerChange::Start,
        "pause" => TimerChange::Pause,
        "reset" => TimerChange::Reset,
        "length" => {
            let minutes: f64 = f
                .minutes
                .trim()
                .parse()
                .ok()
                .filter(|m: &f64| m.is_finite() && *m > 0.0 && *m <= 24.0 * 60.0)
                .ok_or_else(|| {
                    AppError::BadRequest("Give the timer's length in minutes, like 2 or 0.5".into())
                })?;
            TimerChange::Length((minutes * 60.0).round() as i64)
        }
        _ => return Err(AppError::BadRequest("Unknown timer action".into())),
    };
    crate::service::display::timer(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        change,
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/organise#projector")))
}
