//! `/e/{slug}/organise`: the organiser console's forms: settings, phase,
//! schedule, organisers and judges with their sign-in links, and the
//! projector's scene and timer. Going back or losing work asks first
//! (`web::confirm`); every save says it was saved after its redirect.

use crate::domain::checklist;
use crate::domain::event::EventSettingsForm;
use crate::domain::ids::ScheduleItemId;
use crate::domain::{EventSettings, FieldErrors, PersonId, PersonName, Phase, Role, SecretToken};
use crate::service::{self, ServiceError, events::NewScheduleItem};
use crate::web::confirm::{self, Ask, Confirmed, Question};
use crate::web::console::{Forms, NewLink, render};
use crate::web::visit::{Empty, IdPath, Visit};
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::Path;
use serde::Deserialize;

mod projector;
pub use projector::{set_scene, timer};

pub async fn console(v: Visit) -> Result<HttpResponse, AppError> {
    render(&v, None, StatusCode::OK).await
}

/// Back on the console saying what was saved, or the console again with
/// one form's messages, or other errors passed on.
async fn rerender(
    v: &Visit,
    result: Result<(), ServiceError>,
    saved: &str,
    forms: impl FnOnce(FieldErrors) -> Forms,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(v.saved("/organise", saved)),
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
            return Ok(v.saved("/organise", &over_cap_notice(&over)));
        }
        other => other.map(|_| ()),
    };
    rerender(&v, result, "Settings saved.", |errors| Forms {
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
    #[serde(flatten)]
    confirmed: Confirmed,
}

/// Moves the event to a phase; going back asks first.
pub async fn set_phase(
    v: Visit,
    CheckedForm(form): CheckedForm<PhaseForm>,
) -> Result<HttpResponse, AppError> {
    let phase = Phase::parse(&form.phase).map_err(|e| AppError::BadRequest(e.message))?;
    let (event, _) = service::console::organiser_event(v.store(), &v.slug, v.claim).await?;
    let back = checklist::goes_back(event.phase, phase);
    if back && !form.confirmed.yes() {
        return confirm::ask(
            &v,
            Ask {
                question: format!("Go back to {}?", phase.label()),
                consequence: format!(
                    "The event is in {} now. Going back changes what everyone can do at once: {}",
                    event.phase.label(),
                    back_consequence(phase)
                ),
                action: "/organise/phase".into(),
                fields: vec![("phase".into(), phase.as_str().into())],
                button: format!("Yes, go back to {}", phase.label()),
                cancel: "/organise#run-of-show".into(),
            },
        )
        .await;
    }
    service::events::set_phase(v.store(), v.live(), &v.slug, v.claim, phase).await?;
    let said = match checklist::next_step(event.phase).filter(|s| s.to == phase) {
        Some(step) if phase == Phase::Closed => format!("The event is closed. {}", step.people),
        Some(step) => format!("{} is on. {}", phase.label(), step.people),
        None if back => format!("Back to {}.", phase.label()),
        None => format!("Moved on to {}.", phase.label()),
    };
    Ok(v.saved("/organise", &said))
}

/// What going back to `phase` reopens, in words.
fn back_consequence(phase: Phase) -> &'static str {
    match phase {
        Phase::Draft => "the event disappears from everyone but the organisers.",
        Phase::Pitching => {
            "new pitches open again and the projector shows the pitches instead of the team board."
        }
        Phase::TeamForming => {
            "teams open again (people can join and leave) and the projector shows the board again."
        }
        Phase::Hacking => "judges stop scoring and the projector counts down again.",
        _ => "the projector and the phones follow the earlier phase again.",
    }
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
    rerender(&v, result, "Added to the schedule.", |errors| Forms {
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
    Ok(v.saved("/organise#schedule", "Removed from the schedule."))
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
            rerender(&v, Err(e), "", |errors| Forms {
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

const REISSUE_LINK_QUESTION: Question = Question {
    question: "Make a new sign-in link?",
    consequence: "Their old link stops working and they are signed out on every device until they open the new one.",
    button: "Yes, make a new link",
    cancel: "/organise#people",
};

pub async fn reissue_link(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<Confirmed>,
) -> Result<HttpResponse, AppError> {
    let action = format!("/organise/people/{}/link", path.id);
    if let Some(page) = confirm::unless_yes(&v, &form, &REISSUE_LINK_QUESTION, action).await {
        return page;
    }
    let person = PersonId(path.id);
    let (name, token) =
        service::admin::reissue_link(v.store(), v.live(), &v.slug, v.claim, person).await?;
    show_link(&v, name, &token).await
}

const REVOKE_QUESTION: Question = Question {
    question: "Revoke this person?",
    consequence: "Their sign-in link stops working and they are signed out everywhere; a judge's scores stay, but they cannot score any more.",
    button: "Yes, revoke",
    cancel: "/organise#people",
};

/// Revokes an organiser or a judge. A refusal (the last organiser) comes
/// back on the console next to the list of people.
pub async fn revoke(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<Confirmed>,
) -> Result<HttpResponse, AppError> {
    let action = format!("/organise/people/{}/revoke", path.id);
    if let Some(page) = confirm::unless_yes(&v, &form, &REVOKE_QUESTION, action).await {
        return page;
    }
    let person = PersonId(path.id);
    let result = service::people::revoke(v.store(), v.live(), &v.slug, v.claim, person).await;
    let result = result.map_err(|e| match e {
        ServiceError::Conflict(m) => ServiceError::Invalid(FieldErrors::one("revoke", m)),
        other => other,
    });
    rerender(
        &v,
        result,
        "Revoked: their link and sessions no longer work.",
        |errors| Forms {
            people_errors: errors,
            ..Default::default()
        },
    )
    .await
}
