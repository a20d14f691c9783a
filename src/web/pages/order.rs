//! The running order console: presentations in order, moving teams up and
//! down or shuffling them, and who presents now.

use crate::domain::running_order::Step;
use crate::domain::{ProjectCard, ProjectId};
use crate::service::submissions::{self as subs, OrderChange, OrderPage};
use crate::web::views::{ProjectView, project_view};
use crate::web::visit::Visit;
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct OrderRow {
    place: usize,
    project: ProjectView,
    submitted: bool,
    presenting: bool,
}

#[derive(Serialize)]
struct OrderView {
    slug: String,
    rows: Vec<OrderRow>,
    now: Option<String>,
    next: Option<String>,
}

pub async fn order_page(v: Visit) -> Result<HttpResponse, AppError> {
    let page = subs::order_page(v.store(), &v.slug, v.claim).await?;
    let mut layout = v.layout("Running order", &page.event, &page.viewer).await;
    layout.live = Some(page.event.slug.clone());
    layout.body_class = "organise-order".into();
    v.render(
        StatusCode::OK,
        "pages/order",
        &layout,
        &order_view(&v.slug, &page),
    )
}

/// The console's view model: the order, who presents now and who is next.
fn order_view(slug: &str, page: &OrderPage) -> OrderView {
    let at = page
        .now_presenting
        .and_then(|n| page.teams.iter().position(|c| c.project.id == n));
    let title = |i: usize| {
        page.teams
            .get(i)
            .map(|c: &ProjectCard| c.project.title.clone())
    };
    OrderView {
        slug: slug.to_string(),
        now: at.and_then(title),
        next: match at {
            Some(i) => title(i + 1),
            None => title(0),
        },
        rows: page
            .teams
            .iter()
            .enumerate()
            .map(|(i, c)| OrderRow {
                place: i + 1,
                project: project_view(&page.event, c, None),
                submitted: c.submitted,
                presenting: Some(c.project.id) == page.now_presenting,
            })
            .collect(),
    }
}

#[derive(Deserialize)]
pub struct OrderForm {
    op: String,
    #[serde(default)]
    project: Option<i64>,
}

impl OrderForm {
    fn project(&self) -> Result<ProjectId, AppError> {
        self.project
            .map(ProjectId)
            .ok_or_else(|| AppError::BadRequest("Pick a team".into()))
    }
}

pub async fn change_order(
    v: Visit,
    CheckedForm(form): CheckedForm<OrderForm>,
) -> Result<HttpResponse, AppError> {
    let op = match form.op.as_str() {
        "up" => OrderChange::Up(form.project()?),
        "down" => OrderChange::Down(form.project()?),
        "shuffle" => OrderChange::Shuffle,
        _ => {
            return Err(AppError::BadRequest(
                "Unknown change to the running order".into(),
            ));
        }
    };
    subs::change_order(v.store(), v.live(), &v.slug, v.claim, op).await?;
    Ok(v.saved("/organise/order", "Running order saved."))
}

pub async fn present(
    v: Visit,
    CheckedForm(form): CheckedForm<OrderForm>,
) -> Result<HttpResponse, AppError> {
    let step = match form.op.as_str() {
        "next" => Step::Next,
        "previous" => Step::Previous,
        "stop" => Step::Stop,
        "project" => Step::Project(form.project()?),
        _ => return Err(AppError::BadRequest("Unknown presentation step".into())),
    };
    subs::present(v.store(), v.live(), &v.slug, v.claim, step).await?;
    Ok(v.saved("/organise/order", "Saved: the projector follows it."))
}
