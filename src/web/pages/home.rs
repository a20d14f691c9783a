//! `/`: the events of this installation, live, upcoming and past.

use crate::service;
use crate::web::views::{EventSummary, layout};
use crate::web::{AppState, error::AppError};
use actix_session::Session;
use actix_web::{HttpResponse, web::Data};
use serde::Serialize;

#[derive(Serialize)]
struct HomeView {
    live: Vec<EventSummary>,
    upcoming: Vec<EventSummary>,
    past: Vec<EventSummary>,
    empty: bool,
}

pub async fn index(state: Data<AppState>, session: Session) -> Result<HttpResponse, AppError> {
    let list = service::events::list(&state.store).await?;
    let view = HomeView {
        empty: list.live.is_empty() && list.upcoming.is_empty() && list.past.is_empty(),
        live: list.live.iter().map(EventSummary::from).collect(),
        upcoming: list.upcoming.iter().map(EventSummary::from).collect(),
        past: list.past.iter().map(EventSummary::from).collect(),
    };
    state.templates.page(
        "pages/home",
        &layout(&session, "Hack days", None, None),
        &view,
    )
}
