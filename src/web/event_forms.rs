//! The new-event form (an admin's or a local organiser's proposal, with its
//! template and time zone) and the admin page's sections for events, local
//! organisers and proposals (`partials/admin_events.hbs`): view models and
//! the admin page's render, shared by the admin page's handlers.

use crate::domain::proposal::ProposalForm;
use crate::domain::{Event, FieldErrors};
use crate::service;
use crate::web::views::{EventSummary, base_url, layout, when_in};
use crate::web::{AppState, error::AppError, identity};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

/// One choice of template on the new-event form.
#[derive(Debug, Serialize)]
pub struct TemplateOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The template choices: the umbrella's defaults, nothing, or a copy of
/// one of `events` (those the asker may copy); `chosen` as posted.
pub fn template_options(events: &[Event], chosen: &str) -> Vec<TemplateOption> {
    let chosen = if chosen.is_empty() {
        "defaults"
    } else {
        chosen
    };
    let mut options = vec![
        (
            "defaults".to_string(),
            "The umbrella's defaults (criteria, prizes, a two-day schedule)".to_string(),
        ),
        (
            "blank".to_string(),
            "Blank: add everything by hand".to_string(),
        ),
    ];
    options.extend(events.iter().map(|e| {
        (
            format!("event:{}", e.slug),
            format!("Copy the set-up of {}", e.name),
        )
    }));
    options
        .into_iter()
        .map(|(value, label)| TemplateOption {
            selected: value == chosen,
            value,
            label,
        })
        .collect()
}

/// The new-event form as typed (the admin's also names the first organiser).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct NewEventForm {
    #[serde(flatten)]
    pub event: ProposalForm,
    #[serde(default)]
    pub organiser: String,
}

#[derive(Debug, Default, Serialize)]
pub struct NewEventView {
    pub form: NewEventForm,
    pub templates: Vec<TemplateOption>,
    pub errors: FieldErrors,
}

/// An event on the admin's list, with whether it is approved.
#[derive(Debug, Serialize)]
pub struct AdminEventRow {
    pub summary: EventSummary,
    pub approval: &'static str,
    pub pending: bool,
    pub zone: &'static str,
    pub proposer: String,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct LocalOrganiserRow {
    pub name: String,
    pub email: Option<String>,
    pub has_password: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct InviteView {
    pub name: String,
    pub email: String,
    pub errors: FieldErrors,
    /// The new local organiser's name and sign-in link, shown once.
    pub invited: Option<(String, String)>,
}

#[derive(Serialize)]
pub struct Created {
    pub slug: String,
    pub organiser: String,
    pub link: String,
}

#[derive(Serialize, Default)]
pub struct AdminView {
    pub name: String,
    pub link: Option<String>,
    pub events: Vec<AdminEventRow>,
    pub pending: Vec<AdminEventRow>,
    pub new_event: NewEventView,
    pub created: Option<Created>,
    pub invite: InviteView,
    pub local_organisers: Vec<LocalOrganiserRow>,
    /// A refused review: which event, and why.
    pub review_error: Option<(String, String)>,
}

fn row(e: &Event, proposer: String) -> AdminEventRow {
    AdminEventRow {
        summary: EventSummary {
            when: e.starts_at.map(|at| when_in(at, e.zone)),
            ..EventSummary::from(e)
        },
        approval: e.approval.label(),
        pending: e.approval == crate::domain::proposal::Approval::Pending,
        zone: e.zone.name(),
        proposer,
        note: e.review_note.clone(),
    }
}

/// Renders the admin page with `view`'s forms as typed; the lists are read here.
pub async fn render_admin(
    state: &AppState,
    session: &Session,
    req: &HttpRequest,
    mut view: AdminView,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(session);
    let page = service::admin::admin_page(&state.store, claim).await?;
    let (pending, organisers) = service::proposals::pending(&state.store, claim).await?;
    let proposer = |e: &Event| {
        organisers
            .iter()
            .find(|l| Some(l.id) == e.proposed_by)
            .map(|l| l.name.clone())
            .unwrap_or_default()
    };
    view.name = page.name;
    view.events = page.events.iter().map(|e| row(e, proposer(e))).collect();
    view.pending = pending.iter().map(|(e, who)| row(e, who.clone())).collect();
    view.new_event.templates = template_options(&page.events, &view.new_event.form.event.template);
    view.local_organisers = organisers
        .iter()
        .map(|l| LocalOrganiserRow {
            name: l.name.clone(),
            email: l.email.clone(),
            has_password: l.has_password,
        })
        .collect();
    view.link = identity::link(session, "_admin")
        .map(|t| format!("{}/admin/signin/{t}", base_url(state, req)));
    state.templates.page_with_status(
        status,
        "pages/admin",
        &layout(&state.store, session, "Admin", None, None).await,
        &view,
    )
}
