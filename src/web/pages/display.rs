//! `/e/{slug}/display`: the projector page. For now a plain, large-type view
//! of the teams; the live, scene-following display comes with its own issue.

use super::views::{ProjectView, layout, project_view};
use crate::service::{self, Claim};
use crate::web::{AppState, error::AppError};
use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Serialize;

#[derive(Serialize)]
struct DisplayView {
    name: String,
    phase: String,
    submitted: usize,
    projects: Vec<ProjectView>,
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    // The projector is public: it shows what anyone at the event may see.
    let page = service::pitches::event_page(&state.store, &slug, Claim::default()).await?;
    let view = DisplayView {
        name: page.event.name.clone(),
        phase: page.event.phase.label().to_string(),
        submitted: page.projects.iter().filter(|c| c.submitted).count(),
        projects: page
            .projects
            .iter()
            .map(|c| project_view(&page.event, c, None))
            .collect(),
    };
    let mut layout = layout(&session, &page.event.name, None, None);
    layout.body_class = "display".into();
    layout.live = Some(page.event.slug.clone());
    state.templates.page("pages/display", &layout, &view)
}
