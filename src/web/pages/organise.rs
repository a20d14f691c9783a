//! `/e/{slug}/organise`: the organiser console's forms: settings, phase,
//! schedule, organisers and judges with their sign-in links, and the
//! projector's scene and timer.

use crate::domain::event::EventSettingsForm;
use crate::domain::ids::ScheduleItemId;
use crate::domain::{EventSettings, FieldErrors, PersonId, PersonName, Phase, Role, SecretToken};
use crate::service::display::TimerChange;
use crate::service::{self, ServiceError, events::NewScheduleItem};
use crate::web::console::{Forms, NewLink, render};
use crate::web::visit::{Empty, IdPath, Visit};
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::Path;
use serde::Deserialize;

pub async fn console(v: Visit) -> Result<HttpResponse, AppError> {
    render(&v, None, StatusCode::OK).await
}

/// Shows the console again with one form's messages, or passes other errors on.
async fn rerender(
    v: &Visit,
    result: Result<(), ServiceError>,
    forms: impl FnOnce(FieldErrors) -> Forms,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(v.to("/organise")),
        Err(ServiceError::Invalid(errors)) => {
            render(v, Some(forms(errors)), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn update_settings(
    v: Visit,
    CheckedForm(form): CheckedForm<EventSettingsForm>,
) -> Result<HttpResponse, AppError> {
    let result = match EventSettings::parse(&form) {
        Ok(settings) => {
            service::events::update_settings(v.store(), v.live(), &v.slug, v.claim, settings).await
        }
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    // A cap lowered below a team's size is kept: say what that means.
    let result = match result {
        Ok(over) if !over.is_empty() => {
            return Ok(v.back_with("/organise", &over_cap_notice(&over)));
        }
        other => other.map(|_| ()),
    };
    rerender(&v, result, |errors| Forms {
        settings: Some(form),
        settings_errors: errors,
        ..Default::default()
    })
    .await
}

/// "Saved. 2 teams are over the new cap: …" for teams above a lowered cap.
fn over_cap_notice(over: &[(String, i64)]) -> String {
    let teams: Vec<String> = over.iter().map(|(t, n)| format!("“{t}” ({n})")).collect();
    format!(
        "Saved. {} over the new team cap: {}. Their members stay; nobody new can join until they are under it.",
        if over.len() == 1 {
            "One team is".to_string()
        } else {
            format!("{} teams are", over.len())
        },
        teams.join(", ")
    )
}

#[derive(Deserialize)]
pub struct PhaseForm {
    #[serde(default)]
    phase: String,
}

pub async fn set_phase(
    v: Visit,
    CheckedForm(form): CheckedForm<PhaseForm>,
) -> Result<HttpResponse, AppError> {
    let phase = Phase::parse(&form.phase).map_err(|e| AppError::BadRequest(e.message))?;
    service::events::set_phase(v.store(), v.live(), &v.slug, v.claim, phase).await?;
    Ok(v.to("/organise"))
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
    v: Visit,
    CheckedForm(form): CheckedForm<ScheduleForm>,
) -> Result<HttpResponse, AppError> {
    let result = match NewScheduleItem::parse(&form.kind, &form.label, &form.at) {
        Ok(item) => {
            service::events::add_schedule_item(v.store(), v.live(), &v.slug, v.claim, item).await
        }
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    rerender(&v, result, |errors| Forms {
        schedule_errors: errors,
        ..Default::default()
    })
    .await
}

pub async fn delete_schedule_item(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let item = ScheduleItemId(path.id);
    service::events::delete_schedule_item(v.store(), v.live(), &v.slug, v.claim, item).await?;
    Ok(v.to("/organise"))
}

#[derive(Deserialize)]
pub struct AppointForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

pub async fn appoint(
    v: Visit,
    CheckedForm(form): CheckedForm<AppointForm>,
) -> Result<HttpResponse, AppError> {
    let parsed = PersonName::parse(&form.name)
        .map_err(FieldErrors::from)
        .and_then(|name| Ok((name, Role::parse(&form.role).map_err(FieldErrors::from)?)));
    let result = match parsed {
        Ok((name, role)) => {
            service::admin::appoint(v.store(), v.live(), &v.slug, v.claim, name.clone(), role)
                .await
                .map(|token| (name.into_inner(), token))
        }
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok((name, token)) => show_link(&v, name, &token).await,
        Err(e) => {
            rerender(&v, Err(e), |errors| Forms {
                people_errors: errors,
                ..Default::default()
            })
            .await
        }
    }
}

/// The console with a new sign-in link (and its QR code) on top.
async fn show_link(v: &Visit, name: String, token: &SecretToken) -> Result<HttpResponse, AppError> {
    let url = format!("{}/signin/{}", v.base_url(), token.as_str());
    let forms = Forms {
        new_link: Some(NewLink::new(name, url)),
        ..Default::default()
    };
    render(v, Some(forms), StatusCode::OK).await
}

pub async fn reissue_link(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let person = PersonId(path.id);
    let (name, token) =
        service::admin::reissue_link(v.store(), v.live(), &v.slug, v.claim, person).await?;
    show_link(&v, name, &token).await
}

/// Revokes an organiser or a judge. A refusal (the last organiser) comes
/// back on the console next to the list of people.
pub async fn revoke(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let person = PersonId(path.id);
    let result = service::people::revoke(v.store(), v.live(), &v.slug, v.claim, person).await;
    let result = result.map_err(|e| match e {
        ServiceError::Conflict(m) => ServiceError::Invalid(FieldErrors::one("revoke", m)),
        other => other,
    });
    rerender(&v, result, |errors| Forms {
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
    v: Visit,
    CheckedForm(f): CheckedForm<SceneForm>,
) -> Result<HttpResponse, AppError> {
    let scene = Some(f.scene).filter(|s| !s.is_empty() && s != "auto");
    service::display::set_scene(v.store(), v.live(), &v.slug, v.claim, scene).await?;
    Ok(v.to("/organise#projector"))
}

#[derive(Deserialize)]
pub struct TimerForm {
    op: String,
    #[serde(default)]
    minutes: String,
}

pub async fn timer(
    v: Visit,
    CheckedForm(f): CheckedForm<TimerForm>,
) -> Result<HttpResponse, AppError> {
    let change = match f.op.as_str() {
        "start" => TimerChange::Start,
        "pause" => TimerChange::Pause,
        "reset" => TimerChange::Reset,
        "length" => TimerChange::Length(timer_seconds(&f.minutes)?),
        _ => return Err(AppError::BadRequest("Unknown timer action".into())),
    };
    service::display::timer(v.store(), v.live(), &v.slug, v.claim, change).await?;
    Ok(v.to("/organise#projector"))
}

/// A timer's length typed in minutes ("2", "0.5"), in seconds.
fn timer_seconds(minutes: &str) -> Result<i64, AppError> {
    let minutes: f64 = minutes
        .trim()
        .parse()
        .ok()
        .filter(|m: &f64| m.is_finite() && *m > 0.0 && *m <= 24.0 * 60.0)
        .ok_or_else(|| {
            AppError::BadRequest("Give the timer's length in minutes, like 2 or 0.5".into())
        })?;
    Ok((minutes * 60.0).round() as i64)
}
