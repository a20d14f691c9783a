//! `/`: the umbrella's home page: its name and principles, and its public
//! events live now, coming up (with a sign-up link) and past.

use crate::domain::Event;
use crate::service;
use crate::web::views::{EventSummary, UmbrellaView, layout};
use crate::web::{AppState, error::AppError};
use actix_session::Session;
use actix_web::{HttpResponse, web::Data};
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

pub async fn index(state: Data<AppState>, session: Session) -> Result<HttpResponse, AppError> {
    let home = service::umbrella::home(&state.store).await?;
    let view = HomeView {
        empty: home.live.is_empty() && home.upcoming.is_empty() && home.past.is_empty(),
        umbrella: UmbrellaView::from(&home.umbrella),
        live: home.live.iter().map(home_event).collect(),
        upcoming: home.upcoming.iter().map(home_event).collect(),
        past: home.past.iter().map(home_event).collect(),
    };
    let title = home.umbrella.name.clone();
    state.templates.page(
        "pages/home",
        &layout(&state.store, &session, &title, None, None).await,
        &view,
    )
}
