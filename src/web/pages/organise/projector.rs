//! The console's projector forms: the scene it shows and its countdown timer.

use crate::service::{self, display::TimerChange};
use crate::web::visit::Visit;
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use serde::Deserialize;

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
    let said = match &scene {
        Some(s) => format!("The projector now shows the {} scene.", s.replace('_', " ")),
        None => "The projector follows the phase again.".to_string(),
    };
    service::display::set_scene(v.store(), v.live(), &v.slug, v.claim, scene).await?;
    Ok(v.saved("/organise#projector", &said))
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
    let said = match &change {
        TimerChange::Start => "Timer started.".to_string(),
        TimerChange::Pause => "Timer paused.".to_string(),
        TimerChange::Reset => "Timer reset.".to_string(),
        TimerChange::Length(s) => format!("Timer set to {}:{:02}.", s / 60, s % 60),
    };
    service::display::timer(v.store(), v.live(), &v.slug, v.claim, change).await?;
    Ok(v.saved("/organise#projector", &said))
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
