//! `/`: the umbrella's home page: its name and principles, and its public
//! events live now, coming up (with a sign-up link) and past.

use crate::domain::Event;
use crate::service;
use crate::web::render::respond_shared;
use crate::web::views::{EventSummary, UmbrellaView, layout};
use crate::web::{AppState, error::AppError};
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web::Data};
use serde::Serialize;

#[derive(Serialize)]
struct HomeEvent {
    #[serde(flatten)]
    summary: EventSummary,
    /// Where to sign up, while the event takes attendees.
    sign_up: Option<String>,
}

#[derive(Serialize)]
struct HomeView {
    umbrella: UmbrellaView,
    live: Vec<HomeEvent>,
    upcoming: Vec<HomeEvent>,
    past: Vec<HomeEvent>,
    empty: bool,
}

fn home_event(e: &Event) -> HomeEvent {
    HomeEvent {
        summary: EventSummary::from(e),
        sign_up: e
            .phase
            .accepts_attendees()
            .then(|| format!("/e/{}#join", e.slug)),
    }
}

pub async fn index(
    state: Data<AppState>,
    req: HttpRequest,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let home = service::umbrella::home(&state.store).await?;
    let title = home.umbrella.name.clone();
    let layout = layout(&state.store, &session, &title, None, None).await;
    // Nobody is signed in to the umbrella: one page for every visitor (with
    // their own token), rendered once while what it shows stands still.
    respond_shared(
        &state.templates,
        &home.pages,
        "home",
        (&req, &session),
        layout,
        "pages/home",
        || home_view(&home),
    )
}

fn home_view(home: &service::umbrella::Home) -> HomeView {
    HomeView {
        empty: home.live.is_empty() && home.upcoming.is_empty() && home.past.is_empty(),
        umbrella: UmbrellaView::from(&home.umbrella),
        live: home.live.iter().map(home_event).collect(),
        upcoming: home.upcoming.iter().map(home_event).collect(),
        past: home.past.iter().map(home_event).collect(),
    }
}
