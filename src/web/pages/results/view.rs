//! The results page's view models, built from the service's `Results`:
//! judged prizes with the 0–100 score, raw mean and "too close to call",
//! people's choice with votes and shares, the judges' charts, revoked
//! judges' scores and late submissions.

use super::chart::{JudgeChart, charts};
use crate::domain::ProjectId;
use crate::domain::judging::PrizeKind;
use crate::domain::ranking::{self, CLOSE_MARGIN, RankedProject, TOP_PLACES};
use crate::service::results::{PrizeResult, Results};
use crate::web::views::when_in;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct RankRow {
    place: String,
    tied: bool,
    title: String,
    score: String,
    raw_mean: String,
    raw_place: String,
    judges: usize,
    spread: String,
    winner: bool,
    close: bool,
}

#[derive(Serialize)]
pub struct VoteRow {
    place: String,
    tied: bool,
    title: String,
    votes: i64,
    share: String,
    winner: bool,
}

#[derive(Serialize)]
pub struct WinnerOption {
    id: i64,
    title: String,
    chosen: bool,
}

#[derive(Serialize)]
pub struct PrizeView {
    id: i64,
    name: String,
    judged: bool,
    peoples_choice: bool,
    rows: Vec<RankRow>,
    vote_rows: Vec<VoteRow>,
    total_votes: String,
    close_call: bool,
    options: Vec<WinnerOption>,
    winner: Option<String>,
    revealed: bool,
}

#[derive(Serialize)]
pub struct RevokedRow {
    id: i64,
    name: String,
    projects: usize,
    excluded: bool,
}

#[derive(Serialize)]
pub struct LateRow {
    title: String,
    members: String,
    saved: String,
    after: String,
}

#[derive(Serialize)]
pub struct JudgeRow {
    name: String,
    scored: usize,
    to_score: usize,
    behind: bool,
}

#[derive(Serialize)]
pub struct ThinRow {
    title: String,
    judges: usize,
}

#[derive(Serialize)]
pub struct ResultsView {
    slug: String,
    prizes: Vec<PrizeView>,
    judges: Vec<JudgeRow>,
    thin: Vec<ThinRow>,
    min_judges: usize,
    charts: Vec<JudgeChart>,
    close_margin: String,
    top_places: usize,
    revoked: Vec<RevokedRow>,
    late: Vec<LateRow>,
    deadline: Option<String>,
}

fn title_in(r: &Results, id: ProjectId) -> String {
    r.titles
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format!("#{id}"))
}

/// "1", or "=2" for a place shared with another project.
fn place(rank: usize, tied: bool) -> String {
    if tied {
        format!("={rank}")
    } else {
        rank.to_string()
    }
}

/// Figures on the 0–100 scale to as few decimals as tell apart every two
/// projects in different places (tied ones already have the same figure).
fn scaled_figures(ranking: &[RankedProject]) -> BTreeMap<ProjectId, String> {
    let scale = ranking::on_hundred_scale(ranking);
    let shown = |decimals: usize| -> Vec<String> {
        ranking
            .iter()
            .map(|p| format!("{:.*}", decimals, scale[&p.project]))
            .collect()
    };
    let apart = |texts: &[String]| {
        ranking
            .windows(2)
            .zip(texts.windows(2))
            .all(|(p, t)| p[0].rank == p[1].rank || t[0] != t[1])
    };
    let texts = (0..=2)
        .map(shown)
        .find(|t| apart(t))
        .unwrap_or_else(|| shown(3));
    ranking.iter().map(|p| p.project).zip(texts).collect()
}

fn judged_rows(r: &Results, p: &PrizeResult) -> Vec<RankRow> {
    let figures = scaled_figures(&p.ranking);
    let close = ranking::too_close_to_call(&p.ranking);
    // A tie group shows its first member's raw mean, so ties read the same.
    let mut group_mean: BTreeMap<usize, f64> = BTreeMap::new();
    let raw: BTreeMap<ProjectId, (String, f64)> = p
        .raw
        .iter()
        .map(|x| {
            let mean = *group_mean.entry(x.rank).or_insert(x.raw_mean);
            (x.project, (place(x.rank, x.tied), mean))
        })
        .collect();
    p.ranking
        .iter()
        .map(|row| {
            let (raw_place, raw_mean) = raw.get(&row.project).cloned().unwrap_or_default();
            RankRow {
                place: place(row.rank, row.tied),
                tied: row.tied,
                title: title_in(r, row.project),
                score: figures[&row.project].clone(),
                raw_mean: format!("{:.0}%", raw_mean * 100.0),
                raw_place,
                judges: row.judges,
                spread: format!("{:.0}%", row.spread * 100.0),
                winner: p.winner == Some(row.project),
                close: close.contains(&row.project),
            }
        })
        .collect()
}

fn vote_rows(r: &Results, p: &PrizeResult) -> Vec<VoteRow> {
    p.votes
        .iter()
        .map(|v| VoteRow {
            place: place(v.rank, v.tied),
            tied: v.tied,
            title: title_in(r, v.project),
            votes: v.votes,
            share: format!("{:.0}%", v.share * 100.0),
            winner: p.winner == Some(v.project),
        })
        .collect()
}

fn prize_view(r: &Results, p: &PrizeResult) -> PrizeView {
    let mut options: Vec<WinnerOption> = r
        .titles
        .iter()
        .map(|(id, t)| WinnerOption {
            id: id.0,
            title: t.clone(),
            chosen: p.winner == Some(*id),
        })
        .collect();
    options.sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id)));
    let rows = judged_rows(r, p);
    PrizeView {
        id: p.prize.id.0,
        name: p.prize.name.clone(),
        judged: p.prize.kind == PrizeKind::Judged,
        peoples_choice: p.prize.kind == PrizeKind::PeoplesChoice,
        close_call: rows.iter().any(|row| row.close),
        rows,
        vote_rows: vote_rows(r, p),
        total_votes: match p.votes.iter().map(|v| v.votes).sum::<i64>() {
            1 => "1 vote".to_string(),
            n => format!("{n} votes"),
        },
        options,
        winner: p.winner.map(|id| title_in(r, id)),
        revealed: p.revealed,
    }
}

fn minutes(d: chrono::Duration) -> String {
    let m = d.num_minutes();
    match m {
        0 => "less than a minute after the deadline".into(),
        m if m < 120 => format!("{m} min after the deadline"),
        m if m < 48 * 60 => format!("{} h {} min after the deadline", m / 60, m % 60),
        m => format!("{} days after the deadline", m / (24 * 60)),
    }
}

pub fn results_view(slug: &str, r: &Results) -> ResultsView {
    let average = if r.judges.is_empty() {
        0.0
    } else {
        r.judges.iter().map(|j| j.scored as f64).sum::<f64>() / r.judges.len() as f64
    };
    ResultsView {
        slug: slug.to_string(),
        prizes: r.prizes.iter().map(|p| prize_view(r, p)).collect(),
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
                title: title_in(r, *id),
                judges: *n,
            })
            .collect(),
        min_judges: r.min_judges,
        charts: charts(r),
        close_margin: format!("{CLOSE_MARGIN}"),
        top_places: TOP_PLACES,
        revoked: r
            .revoked
            .iter()
            .map(|j| RevokedRow {
                id: j.id.0,
                name: j.name.clone(),
                projects: j.projects,
                excluded: j.excluded,
            })
            .collect(),
        late: r
            .late
            .iter()
            .map(|l| LateRow {
                title: l.title.clone(),
                members: l.members.join(", "),
                saved: when_in(l.saved_at, r.event.zone),
                after: minutes(l.after_deadline),
            })
            .collect(),
        deadline: r.deadline.map(|d| when_in(d, r.event.zone)),
    }
}

#[cfg(test)]
#[path = "view_tests.rs"]
mod tests;
