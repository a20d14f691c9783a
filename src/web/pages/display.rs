//! `/e/{slug}/display`: the projector. A full-screen page that follows the
//! day by itself (or the scene an organiser chose): welcome with a QR code,
//! pitching, team forming, hacking, presentations, judging and results.
//! The scenes are drawn by `public/js/display.js` from the live channel.

use super::views::{ProjectView, base_url, layout, project_view};
use crate::service::{self, Claim};
use crate::web::{AppState, error::AppError, qr};
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

#[derive(Serialize)]
struct DisplayView {
    name: String,
    phase: String,
    submitted: usize,
    projects: Vec<ProjectView>,
    url: String,
    qr: String,
    join_code: Option<String>,
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    // The projector is public: it shows what anyone at the event may see.
    let page = service::pitches::event_page(&state.store, &slug, Claim::default()).await?;
    let url = format!("{}/e/{}", base_url(&state, &req), page.event.slug);
    let view = DisplayView {
        name: page.event.name.clone(),
        phase: page.event.phase.label().to_string(),
        submitted: page.projects.iter().filter(|c| c.submitted).count(),
        projects: page
            .projects
            .iter()
            .map(|c| project_view(&page.event, c, None))
            .collect(),
        qr: qr::data_uri(&url),
        url,
        join_code: page
            .event
            .join_code
            .as_ref()
            .filter(|_| page.event.show_join_code)
            .map(|c| c.as_str().to_string()),
    };
    let mut layout = layout(&session, &page.event.name, None, None);
    layout.body_class = "display".into();
    layout.live = Some(page.event.slug.clone());
    state.templates.page("pages/display", &layout, &view)
}
