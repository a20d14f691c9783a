//! Paper for when everything fails: `/e/{slug}/poster` (the venue poster
//! with the QR code, public) and, for organisers, `/organise/print` with a
//! judging sheet per judge and the list of teams. Print styles are in
//! `app.css` (`@media print`); the pages read well on screen too.

use crate::service::{self, paper::Paper};
use crate::web::views::{ProjectView, project_view};
use crate::web::visit::Visit;
use crate::web::{error::AppError, qr};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::Serialize;

#[derive(Serialize)]
struct PosterView {
    name: String,
    venue: String,
    url: String,
    qr: String,
    join_code: Option<String>,
}

pub async fn poster(v: Visit) -> Result<HttpResponse, AppError> {
    let (event, viewer) = service::paper::poster(v.store(), &v.slug, v.claim).await?;
    let url = format!("{}/e/{}", v.base_url(), event.slug);
    let mut layout = v
        .layout(&format!("Poster · {}", event.name), &event, &viewer)
        .await;
    layout.body_class = "print-page poster-page".into();
    let view = PosterView {
        name: event.name.clone(),
        venue: event.venue.clone(),
        qr: qr::data_uri(&url),
        url,
        // Only when the organisers chose to show it (as on the projector).
        join_code: event
            .join_code
            .as_ref()
            .filter(|_| event.show_join_code)
            .map(|c| c.as_str().to_string()),
    };
    v.render(StatusCode::OK, "pages/poster", &layout, &view)
}

#[derive(Serialize)]
struct CriterionView {
    name: String,
    description: String,
    scale: String,
    weight: i32,
}

#[derive(Serialize)]
struct SheetRow {
    place: usize,
    title: String,
    /// The judge is in this team: they must not score it.
    own_team: bool,
}

#[derive(Serialize)]
struct Sheet {
    judge: String,
    rows: Vec<SheetRow>,
}

#[derive(Serialize)]
struct PaperView {
    slug: String,
    name: String,
    criteria: Vec<CriterionView>,
    sheets: Vec<Sheet>,
    teams: Vec<ProjectView>,
}

fn paper_view(paper: &Paper) -> PaperView {
    let criteria = paper
        .criteria
        .iter()
        .map(|c| CriterionView {
            name: c.name.clone(),
            description: c.description.clone(),
            scale: format!("{}–{}", c.scale_min, c.scale_max),
            weight: c.weight,
        })
        .collect();
    let sheet = |judge: Option<&crate::domain::Person>| Sheet {
        judge: judge.map_or_else(
            || "spare, for: ____________________".into(),
            |j| j.name.clone(),
        ),
        rows: paper
            .teams
            .iter()
            .enumerate()
            .map(|(i, c)| SheetRow {
                place: i + 1,
                title: c.project.title.clone(),
                own_team: judge.is_some_and(|j| c.members.iter().any(|m| m.person_id == j.id)),
            })
            .collect(),
    };
    let mut sheets: Vec<Sheet> = paper.judges.iter().map(|j| sheet(Some(j))).collect();
    // A spare sheet for a judge who joins on the day.
    sheets.push(sheet(None));
    PaperView {
        slug: paper.event.slug.clone(),
        name: paper.event.name.clone(),
        criteria,
        sheets,
        teams: paper
            .teams
            .iter()
            .map(|c| project_view(&paper.event, c, None))
            .collect(),
    }
}

async fn render(v: &Visit, template: &str, title: &str) -> Result<HttpResponse, AppError> {
    let paper = service::paper::paper(v.store(), &v.slug, v.claim).await?;
    let mut layout = v.layout(title, &paper.event, &paper.viewer).await;
    layout.body_class = "print-page".into();
    v.render(StatusCode::OK, template, &layout, &paper_view(&paper))
}

pub async fn index(v: Visit) -> Result<HttpResponse, AppError> {
    render(&v, "pages/print", "Paper").await
}

pub async fn sheets(v: Visit) -> Result<HttpResponse, AppError> {
    render(&v, "pages/print_sheets", "Judging sheets").await
}

pub async fn teams(v: Visit) -> Result<HttpResponse, AppError> {
    render(&v, "pages/print_teams", "Teams").await
}

/// The paper routes inside `/e/{slug}`.
pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web;
    cfg.route("/poster", web::get().to(poster))
        .route("/organise/print", web::get().to(index))
        .route("/organise/print/sheets", web::get().to(sheets))
        .route("/organise/print/teams", web::get().to(teams));
}
