//! The organisers' results page (rankings, coverage, progress, winners and
//! the reveal), the people's choice vote, and the scores export.

use super::people::redirect;
use super::views::layout;
use crate::domain::ProjectId;
use crate::service::results as res;
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::{HttpResponse, web};
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
    kind: String,
    rows: Vec<RankRow>,
    options: Vec<(i64, String, bool)>,
    winner: Option<String>,
    revealed: bool,
}

#[derive(Serialize)]
struct ResultsView {
    slug: String,
    prizes: Vec<PrizeView>,
    judges: Vec<(String, usize, usize, bool)>,
    thin: Vec<(String, usize)>,
    min_judges: usize,
}

#[derive(Deserialize)]
pub struct ResultsQuery {
    min_judges: Option<usize>,
}

pub async fn page(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    q: web::Query<ResultsQuery>,
) -> Result<HttpResponse, AppError> {
    let r = res::results(
        &state.store,
        &slug,
        identity::claim(&session, &slug),
        q.min_judges.unwrap_or(3).clamp(1, 20),
    )
    .await?;
    let title = |id: i64| {
        r.titles
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    };
    let prizes = r
        .prizes
        .iter()
        .map(|p| PrizeView {
            id: p.prize.id,
            name: p.prize.name.clone(),
            kind: p.prize.kind.clone(),
            rows: p
                .ranking
                .iter()
                .map(|row| RankRow {
                    rank: row.rank,
                    tied: row.tied,
                    project: row.project,
                    title: title(row.project),
                    normalised: format!("{:.2}", row.normalised),
                    // Judged prizes give the raw mean as a share of the scale; votes as a count.
                    raw_mean: if p.prize.kind == "judged" {
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
                    spread: if p.prize.kind == "judged" {
                        format!("{:.0}%", row.spread * 100.0)
                    } else {
                        String::new()
                    },
                    winner: p.winner == Some(row.project),
                })
                .collect(),
            options: r
                .titles
                .iter()
                .map(|(id, t)| (*id, t.clone(), p.winner == Some(*id)))
                .collect(),
            winner: p.winner.map(title),
            revealed: p.revealed,
        })
        .collect();
    let average = if r.judges.is_empty() {
        0.0
    } else {
        r.judges.iter().map(|j| j.scored as f64).sum::<f64>() / r.judges.len() as f64
    };
    let view = ResultsView {
        slug: slug.to_string(),
        prizes,
        judges: r
            .judges
            .iter()
            .map(|j| {
                (
                    j.name.clone(),
                    j.scored,
                    j.to_score,
                    (j.scored as f64) < average - 1.0,
                )
            })
            .collect(),
        thin: r
            .thin_coverage
            .iter()
            .map(|(id, n)| (title(*id), *n))
            .collect(),
        min_judges: r.min_judges,
    };
    let mut layout = layout(&session, "Results", Some(&r.event), Some(&r.viewer));
    layout.live = Some(r.event.slug.clone());
    layout.body_class = "results-page".into();
    state.templates.page("pages/results", &layout, &view)
}

#[derive(Deserialize)]
pub struct WinnerForm {
    #[serde(default)]
    project: String,
}

pub async fn set_winner(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(f): CheckedForm<WinnerForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, prize) = path.into_inner();
    let project = match f.project.trim() {
        "" => None,
        id => {
            Some(ProjectId(id.parse().map_err(|_| {
                AppError::BadRequest("Pick a project".into())
            })?))
        }
    };
    res::set_winner(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        prize,
        project,
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/organise/results")))
}

#[derive(Deserialize)]
pub struct RevealForm {
    #[serde(default)]
    show: String,
}

pub async fn reveal(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(f): CheckedForm<RevealForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, prize) = path.into_inner();
    res::reveal(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        prize,
        f.show != "0",
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/organise/results")))
}

#[derive(Serialize)]
struct VoteView {
    slug: String,
    open: bool,
    projects: Vec<(i64, String, bool, bool)>,
    voted: bool,
    refusal: Option<&'static str>,
}

pub async fn vote_page(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page = res::vote_page(&state.store, &slug, identity::claim(&session, &slug)).await?;
    let view = VoteView {
        slug: slug.to_string(),
        open: page.voting_open && page.refusal.is_none(),
        refusal: page.refusal,
        voted: page.my_vote.is_some(),
        projects: page
            .projects
            .iter()
            .map(|(id, t)| {
                (
                    *id,
                    t.clone(),
                    page.my_vote == Some(*id),
                    page.own_team == Some(ProjectId(*id)),
                )
            })
            .collect(),
    };
    let layout = layout(
        &session,
        "People's choice",
        Some(&page.event),
        Some(&page.viewer),
    );
    state.templates.page("pages/vote", &layout, &view)
}

#[derive(Deserialize)]
pub struct VoteForm {
    project: i64,
}

pub async fn vote(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(f): CheckedForm<VoteForm>,
) -> Result<HttpResponse, AppError> {
    res::vote(
        &state.store,
        &slug,
        identity::claim(&session, &slug),
        ProjectId(f.project),
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/vote")))
}

pub async fn scores_csv(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (slug, lines) =
        res::score_export(&state.store, &slug, identity::claim(&session, &slug)).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["judge", "project", "criterion", "score", "notes"])
        .map_err(|e| AppError::Internal(e.into()))?;
    for l in lines {
        let value = l.value.map(|v| v.to_string()).unwrap_or_default();
        let record = [
            super::exports::defuse(&l.judge),
            super::exports::defuse(&l.project),
            super::exports::defuse(&l.criterion),
            value,
            super::exports::defuse(&l.notes),
        ];
        writer
            .write_record(&record)
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{slug}-scores.csv\""),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}
