//! `/e/{slug}/vote`: the people's choice vote: every project with its team
//! and a line of what it does, in an order of each person's own, and
//! casting or changing one vote. A refused vote comes back here with why.

use crate::domain::ProjectId;
use crate::service::ServiceError;
use crate::service::votes::{self as res, VotePage};
use crate::web::visit::Visit;
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::{Deserialize, Serialize};

/// How much of the problem the vote page shows: a line, not the pitch.
const PROBLEM_CLIP: usize = 140;

#[derive(Serialize)]
struct VoteChoice {
    id: i64,
    title: String,
    url: String,
    /// The start of the problem, clipped at a word with an ellipsis.
    line: String,
    team: Vec<String>,
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
    /// Whether to say the refusal here (not when the notice just said it).
    says_refusal: bool,
}

pub async fn vote_page(v: Visit) -> Result<HttpResponse, AppError> {
    let page = res::vote_page(v.store(), &v.slug, v.claim).await?;
    let layout = v.layout("People's choice", &page.event, &page.viewer).await;
    let mut view = vote_view(&v.slug, &page);
    view.says_refusal = view.refusal.is_some() && layout.notice.as_deref() != view.refusal;
    v.render(StatusCode::OK, "pages/vote", &layout, &view)
}

/// The first `PROBLEM_CLIP` characters of `text`, cut at a space when there
/// is one near the end, with an ellipsis when anything was cut.
fn clip(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= PROBLEM_CLIP {
        return text;
    }
    let cut: String = text.chars().take(PROBLEM_CLIP).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > PROBLEM_CLIP / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':', ' ']))
}

fn vote_view(slug: &str, page: &VotePage) -> VoteView {
    VoteView {
        slug: slug.to_string(),
        open: page.voting_open && page.refusal.is_none(),
        refusal: page.refusal,
        says_refusal: page.refusal.is_some(),
        voted: page.my_vote.is_some(),
        projects: page
            .projects
            .iter()
            .map(|p| VoteChoice {
                id: p.id,
                title: p.title.clone(),
                url: format!("/e/{slug}/p/{}", p.id),
                line: clip(&p.problem),
                team: p.team.clone(),
                mine: page.my_vote == Some(p.id),
                own_team: page.own_team == Some(ProjectId(p.id)),
            })
            .collect(),
    }
}

#[derive(Deserialize)]
pub struct VoteForm {
    project: i64,
}

/// Casts the vote; a refusal (voting closed, own team, the event's rule)
/// lands back on the vote page with the message, never on an error page.
pub async fn vote(
    v: Visit,
    CheckedForm(f): CheckedForm<VoteForm>,
) -> Result<HttpResponse, AppError> {
    let result = res::vote(v.store(), v.live(), &v.slug, v.claim, ProjectId(f.project)).await;
    match result {
        Ok(()) => Ok(v.to("/vote")),
        // Not signed in to this event: the vote page would refuse them too.
        Err(e) if v.claim.person.is_none() => Err(e.into()),
        Err(ServiceError::Conflict(why) | ServiceError::Forbidden(why)) => {
            Ok(v.back_with("/vote", &why))
        }
        Err(ServiceError::NotFound) => Ok(v.back_with(
            "/vote",
            "That project is no longer in the vote: pick another",
        )),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn a_short_problem_is_kept_whole_and_a_long_one_is_cut_at_a_word() {
        assert_eq!(clip("Letters  are\nlong"), "Letters are long");
        let long = "word ".repeat(60);
        let line = clip(&long);
        assert!(line.ends_with("word…"), "{line}");
        assert!(line.chars().count() <= 141);
        let unbroken = "x".repeat(300);
        assert_eq!(clip(&unbroken).chars().count(), 141);
    }
}
