//! `/e/{slug}/display`: the projector. A full-screen page that follows the
//! day by itself (or the scene an organiser chose): welcome with a QR code,
//! pitching, team forming, hacking, presentations, judging and results.
//! The scenes are drawn by `public/js/display.js` from the live channel.

use crate::service::{self, pitches::EventPage};
use crate::web::views::{ProjectView, layout, project_view};
use crate::web::visit::Visit;
use crate::web::{error::AppError, qr};
use actix_web::HttpResponse;
use serde::Serialize;

#[derive(Serialize)]
struct DisplayView {
    name: String,
    phase: String,
    submitted: usize,
    projects: Vec<ProjectView>,
    /// "1 team" / "3 teams" above the board (display.js keeps it live).
    team_count: String,
    /// "1 pitch" / "3 pitches" on the pitching scene.
    pitch_count: String,
    url: String,
    qr: String,
    join_code: Option<String>,
}

pub async fn show(v: Visit) -> Result<HttpResponse, AppError> {
    // The projector shows what anyone at the event may see; the visitor's
    // claim only decides whether a draft event is found, so organisers can
    // test the projector before the event opens (the page itself does not
    // depend on who is looking, so one render serves every projector).
    let page = service::pitches::event_page(v.models(), v.store(), &v.slug, v.claim).await?;
    // The first open ticks "projector tested" on the organisers' checklist.
    service::console::projector_opened(v.store(), page.event.id).await?;
    let url = format!("{}/e/{}", v.base_url(), page.event.slug);
    let mut layout = layout(v.store(), &v.session, &page.event.name, None, None).await;
    layout.body_class = "display".into();
    layout.live = Some(page.event.slug.clone());
    // The same for every projector reaching this address: rendered once
    // per version (the QR code is the slow part).
    let key = url.clone();
    let model = page.model.clone();
    v.render_shared(&model, &key, layout, "pages/display", || {
        display_view(&page, url)
    })
}

fn display_view(page: &EventPage, url: String) -> DisplayView {
    DisplayView {
        name: page.event.name.clone(),
        phase: page.event.phase.label().to_string(),
        submitted: page.projects.iter().filter(|c| c.submitted).count(),
        team_count: how_many(page.projects.len(), "team", "teams"),
        pitch_count: how_many(page.projects.len(), "pitch", "pitches"),
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
    }
}

/// A count with its noun, singular for one ("1 team", "0 teams").
fn how_many(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
