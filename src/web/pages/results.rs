//! The organisers' results page: rankings, coverage, judges' progress,
//! choosing winners and revealing them.

use crate::domain::ProjectId;
use crate::domain::ids::PrizeId;
use crate::domain::judging::PrizeKind;
use crate::domain::ranking::RankedProject;
use crate::service::results::{self as res, PrizeResult, Results};
use crate::web::visit::{IdPath, Visit};
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct RankRow {
    rank: usize,
    tied: bool,
    project: i64,
    title: String,
    normalised: String,
    raw_mean: String,
    raw_place: usize,
    judges: usize,
    spread: String,
    winner: bool,
}

#[derive(Serialize)]
struct PrizeView {
    id: i64,
    name: String,
    kind: &'static str,
    rows: Vec<RankRow>,
    options: Vec<WinnerOption>,
    winner: Option<String>,
    revealed: bool,
}

#[derive(Serialize)]
struct WinnerOption {
    id: i64,
    title: String,
    chosen: bool,
}

#[derive(Serialize)]
struct JudgeRow {
    name: String,
    scored: usize,
    to_score: usize,
    behind: bool,
}

#[derive(Serialize)]
struct ThinRow {
    title: String,
    judges: usize,
}

#[derive(Serialize)]
struct ResultsView {
    slug: String,
    prizes: Vec<PrizeView>,
    judges: Vec<JudgeRow>,
    thin: Vec<ThinRow>,
    min_judges: usize,
}

#[derive(Deserialize)]
pub struct ResultsQuery {
    min_judges: Option<usize>,
}

pub async fn page(v: Visit, q: Query<ResultsQuery>) -> Result<HttpResponse, AppError> {
    let min_judges = q.min_judges.unwrap_or(3).clamp(1, 20);
    let r = res::results(v.store(), &v.slug, v.claim, min_judges).await?;
    let mut layout = v.layout("Results", &r.event, &r.viewer);
    layout.live = Some(r.event.slug.clone());
    layout.body_class = "results-page".into();
    v.render(
        StatusCode::OK,
        "pages/results",
        &layout,
        &results_view(&v.slug, &r),
    )
}

fn title_in(r: &Results, id: i64) -> String {
    r.titles
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format!("#{id}"))
}

/// One ranking row. Judged prizes show the raw mean as a share of the
/// scale; people's choice shows vote counts.
fn rank_row(r: &Results, p: &PrizeResult, row: &RankedProject) -> RankRow {
    let judged = p.prize.kind == PrizeKind::Judged;
    RankRow {
        rank: row.rank,
        tied: row.tied,
        project: row.project,
        title: title_in(r, row.project),
        normalised: format!("{:.2}", row.normalised),
        raw_mean: if judged {
            format!("{:.0}%", row.raw_mean * 100.0)
        } else {
            format!("{}", row.raw_mean)
        },
        raw_place: p
            .raw_order
            .iter()
            .position(|x| *x == row.project)
            .map_or(0, |i| i + 1),
        judges: row.judges,
        spread: if judged {
            format!("{:.0}%", row.spread * 100.0)
        } else {
            String::new()
        },
        winner: p.winner == Some(row.project),
    }
}

fn prize_view(r: &Results, p: &PrizeResult) -> PrizeView {
    PrizeView {
        id: p.prize.id.0,
        name: p.prize.name.clone(),
        kind: p.prize.kind.as_str(),
        rows: p.ranking.iter().map(|row| rank_row(r, p, row)).collect(),
        options: r
            .titles
            .iter()
            .map(|(id, t)| WinnerOption {
                id: *id,
                title: t.clone(),
                chosen: p.winner == Some(*id),
            })
            .collect(),
        winner: p.winner.map(|id| title_in(r, id)),
        revealed: p.revealed,
    }
}

fn results_view(slug: &str, r: &Results) -> ResultsView {
    let title = |id: i64| title_in(r, id);
    let prizes = r.prizes.iter().map(|p| prize_view(r, p)).collect();
    let average = if r.judges.is_empty() {
        0.0
    } else {
        r.judges.iter().map(|j| j.scored as f64).sum::<f64>() / r.judges.len() as f64
    };
    ResultsView {
        slug: slug.to_string(),
        prizes,
        judges: r
            .judges
            .iter()
            .map(|j| JudgeRow {
                name: j.name.clone(),
                scored: j.scored,
                to_score: j.to_score,
                behind: (j.scored as f64) < average - 1.0,
            })
            .collect(),
        thin: r
            .thin_coverage
            .iter()
            .map(|(id, n)| ThinRow {
                title: title(*id),
                judges: *n,
            })
            .collect(),
        min_judges: r.min_judges,
    }
}

#[derive(Deserialize)]
pub struct WinnerForm {
    #[serde(default)]
    project: String,
}

pub async fn set_winner(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(f): CheckedForm<WinnerForm>,
) -> Result<HttpResponse, AppError> {
    let project = match f.project.trim() {
        "" => None,
        id => {
            Some(ProjectId(id.parse().map_err(|_| {
                AppError::BadRequest("Pick a project".into())
            })?))
        }
    };
    res::set_winner(
        v.store(),
        v.live(),
        &v.slug,
        v.claim,
        PrizeId(path.id),
        project,
    )
    .await?;
    Ok(v.to("/organise/results"))
}

#[derive(Deserialize)]
pub struct RevealForm {
    #[serde(default)]
    show: String,
}

pub async fn reveal(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(f): CheckedForm<RevealForm>,
) -> Result<HttpResponse, AppError> {
    res::reveal(
        v.store(),
        v.live(),
        &v.slug,
        v.claim,
        PrizeId(path.id),
        f.show != "0",
    )
    .await?;
    Ok(v.to("/organise/results"))
}
