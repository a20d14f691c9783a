//! `/e/{slug}/vote`: the people's choice vote: every project with its team,
//! in an order of each person's own, and casting or changing one vote.

use crate::domain::ProjectId;
use crate::service::votes::{self as res, VotePage};
use crate::web::visit::Visit;
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct VoteChoice {
    id: i64,
    title: String,
    mine: bool,
    own_team: bool,
}

#[derive(Serialize)]
struct VoteView {
    slug: String,
    open: bool,
    projects: Vec<VoteChoice>,
    voted: bool,
    /// Why this person may not vote, shown instead of the buttons.
    refusal: Option<&'static str>,
}

pub async fn vote_page(v: Visit) -> Result<HttpResponse, AppError> {
    let page = res::vote_page(v.store(), &v.slug, v.claim).await?;
    let layout = v.layout("People's choice", &page.event, &page.viewer);
    v.render(
        StatusCode::OK,
        "pages/vote",
        &layout,
        &vote_view(&v.slug, &page),
    )
}

fn vote_view(slug: &str, page: &VotePage) -> VoteView {
    VoteView {
        slug: slug.to_string(),
        open: page.voting_open && page.refusal.is_none(),
        refusal: page.refusal,
        voted: page.my_vote.is_some(),
        projects: page
            .projects
            .iter()
            .map(|(id, title)| VoteChoice {
                id: *id,
                title: title.clone(),
                mine: page.my_vote == Some(*id),
                own_team: page.own_team == Some(ProjectId(*id)),
            })
            .collect(),
    }
}

#[derive(Deserialize)]
pub struct VoteForm {
    project: i64,
}

pub async fn vote(
    v: Visit,
    CheckedForm(f): CheckedForm<VoteForm>,
) -> Result<HttpResponse, AppError> {
    res::vote(v.store(), v.live(), &v.slug, v.claim, ProjectId(f.project)).await?;
    Ok(v.to("/vote"))
}
