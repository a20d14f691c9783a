//! Results: the fair ranking for each prize, judging coverage and progress,
//! people's choice, choosing winners and revealing them one at a time, and
//! the scores export. Scores and vote counts reach organisers only.

use super::change;
use super::{Claim, ServiceError, ServiceResult, Viewer, read};
use crate::domain::audit::AuditAction;
use crate::domain::ids::{CriterionId, PrizeId};
use crate::domain::judging::PrizeKind;
use crate::domain::ranking::{self, CriterionSpec, RankedProject, Score};
use crate::domain::voting;
use crate::domain::{Event, ProjectId, ProjectStatus, Role};
use crate::live::Live;
use crate::store::judging::{Criterion, Prize};
use crate::store::{self, DbConn, Store};
use std::collections::{HashMap, HashSet};

pub struct PrizeResult {
    pub prize: Prize,
    /// The ranking that guides the choice (judged prizes), or the vote
    /// counts (people's choice) as a ranking of raw counts.
    pub ranking: Vec<RankedProject>,
    pub raw_order: Vec<i64>,
    pub winner: Option<i64>,
    pub revealed: bool,
}

pub struct JudgeProgress {
    pub name: String,
    pub scored: usize,
    pub to_score: usize,
}

pub struct Results {
    pub event: Event,
    pub viewer: Viewer,
    pub titles: HashMap<i64, String>,
    pub prizes: Vec<PrizeResult>,
    pub judges: Vec<JudgeProgress>,
    /// Projects seen (fully scored) by fewer than `min_judges` judges.
    pub thin_coverage: Vec<(i64, usize)>,
    pub min_judges: usize,
    pub votes: Vec<(i64, i64)>,
}

fn specs(criteria: &[Criterion], subset: &[CriterionId]) -> Vec<CriterionSpec> {
    criteria
        .iter()
        .filter(|c| subset.is_empty() || subset.contains(&c.id))
        .map(|c| CriterionSpec {
            id: c.id.0,
            weight: f64::from(c.weight),
            min: f64::from(c.scale_min),
            max: f64::from(c.scale_max),
        })
        .collect()
}

pub async fn results(
    store: &Store,
    slug: &str,
    claim: Claim,
    min_judges: usize,
) -> ServiceResult<Results> {
    read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        let projects = store::projects::list_open(conn, event.id)?;
        let open: HashSet<i64> = projects.iter().map(|p| p.id.0).collect();
        let titles = projects.iter().map(|p| (p.id.0, p.title.clone())).collect();
        let criteria = store::judging::criteria(conn, event.id)?;
        let scores: Vec<Score> = store::scores::scores(conn, event.id)?
            .into_iter()
            .filter(|(_, p, _, _)| open.contains(p))
            .map(|(judge, project, criterion, value)| Score {
                judge,
                project,
                criterion,
                value: f64::from(value),
            })
            .collect();
        // Only votes the event's rule counts (never judges', organisers'
        // or voided ones), so a burst of sign-ups cannot stuff the count.
        let (rule, opened) = store::voting::rule(conn, event.id)?;
        let votes = voting::count(&store::voting::ballots(conn, event.id)?, rule, opened);
        let awards = store::awards::awards(conn, event.id)?;
        let prizes = store::judging::prizes(conn, event.id)?
            .into_iter()
            .map(|prize| prize_result(prize, &criteria, &scores, &votes, &awards))
            .collect();
        let judges = judge_progress(conn, &event)?;
        let mut per_project: HashMap<i64, HashSet<i64>> = HashMap::new();
        for s in &scores {
            per_project.entry(s.project).or_default().insert(s.judge);
        }
        let mut thin: Vec<(i64, usize)> = projects
            .iter()
            .map(|p| (p.id.0, per_project.get(&p.id.0).map_or(0, HashSet::len)))
            .filter(|(_, n)| *n < min_judges)
            .collect();
        thin.sort_by_key(|(id, n)| (*n, *id));
        Ok(Results {
            event,
            viewer,
            titles,
            prizes,
            judges,
            thin_coverage: thin,
            min_judges,
            votes,
        })
    })
    .await
}

fn prize_result(
    prize: Prize,
    criteria: &[Criterion],
    scores: &[Score],
    votes: &[(i64, i64)],
    awards: &[store::awards::Award],
) -> PrizeResult {
    let award = awards.iter().find(|a| a.prize_id == prize.id);
    let (ranking, raw_order) = match prize.kind {
        PrizeKind::Judged => {
            let specs = specs(criteria, &prize.criteria);
            let ranked = ranking::rank(&specs, scores);
            let raw = ranking::rank_raw(&specs, scores)
                .into_iter()
                .map(|r| r.project)
                .collect();
            (ranked, raw)
        }
        PrizeKind::PeoplesChoice => {
            // Votes as a one-criterion ranking: each vote is a "judge" giving 1.
            let mut counted: Vec<&(i64, i64)> = votes.iter().collect();
            counted.sort_by_key(|(p, n)| (-n, *p));
            let ranking = counted
                .iter()
                .map(|(p, n)| RankedProject {
                    project: *p,
                    rank: 0,
                    tied: false,
                    normalised: *n as f64,
                    raw_mean: *n as f64,
                    judges: *n as usize,
                    spread: 0.0,
                })
                .collect::<Vec<_>>();
            (with_ranks(ranking), vec![])
        }
        PrizeKind::Special => (vec![], vec![]),
    };
    PrizeResult {
        winner: award.map(|a| a.project_id),
        revealed: award.is_some_and(|a| a.revealed_at.is_some()),
        prize,
        ranking,
        raw_order,
    }
}

/// Competition ranks (1, 2, 2, 4) for a list sorted best first.
fn with_ranks(mut list: Vec<RankedProject>) -> Vec<RankedProject> {
    for i in 0..list.len() {
        let same_as_previous = i > 0 && list[i].normalised == list[i - 1].normalised;
        list[i].rank = if same_as_previous {
            list[i - 1].rank
        } else {
            i + 1
        };
    }
    let ranks: Vec<usize> = list.iter().map(|r| r.rank).collect();
    for r in &mut list {
        r.tied = ranks.iter().filter(|x| **x == r.rank).count() > 1;
    }
    list
}

fn judge_progress(conn: &mut DbConn, event: &Event) -> ServiceResult<Vec<JudgeProgress>> {
    let criteria = store::judging::criteria(conn, event.id)?.len();
    let projects = store::projects::list_open(conn, event.id)?;
    let conflicts: HashSet<(i64, i64)> = store::scores::conflicts_of_event(conn, event.id)?
        .into_iter()
        .collect();
    let mut counts: HashMap<(i64, i64), usize> = HashMap::new();
    for (judge, project, _, _) in store::scores::scores(conn, event.id)? {
        *counts.entry((judge, project)).or_default() += 1;
    }
    let mut out = Vec::new();
    for judge in store::people::list_with_role(conn, event.id, Role::Judge)? {
        let own = store::projects::team_of(conn, judge.id)?;
        let eligible: Vec<_> = projects
            .iter()
            .filter(|p| own != Some(p.id) && !conflicts.contains(&(judge.id.0, p.id.0)))
            .collect();
        let scored = eligible
            .iter()
            .filter(|p| {
                counts
                    .get(&(judge.id.0, p.id.0))
                    .is_some_and(|n| criteria > 0 && *n >= criteria)
            })
            .count();
        out.push(JudgeProgress {
            name: judge.name,
            scored,
            to_score: eligible.len(),
        });
    }
    Ok(out)
}

/// Picks (or clears) the winner of a prize. The ranking guides; the
/// organisers decide.
pub async fn set_winner(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    prize: PrizeId,
    project: Option<ProjectId>,
) -> ServiceResult<()> {
    change::organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let prize_name = prize_name(conn, event, prize)?;
        let detail = match project {
            Some(p) => {
                let title = store::projects::find(conn, event.id, p)?
                    .filter(|p| p.status == ProjectStatus::Open)
                    .ok_or(ServiceError::NotFound)?
                    .title;
                format!("“{title}” for {prize_name}")
            }
            None => format!("none for {prize_name}"),
        };
        store::awards::set_winner(conn, prize, project)?;
        fx.audit(AuditAction::WinnerChosen, detail);
        Ok(())
    })
    .await
}

/// Reveals a prize's winner on every screen (or hides it again).
pub async fn reveal(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    prize: PrizeId,
    show: bool,
) -> ServiceResult<()> {
    change::organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let prize_name = prize_name(conn, event, prize)?;
        let at = show.then(|| chrono::Utc::now().naive_utc());
        if store::awards::reveal(conn, prize, at)? == 0 {
            return Err(ServiceError::Conflict(
                "Choose a winner before revealing the prize".into(),
            ));
        }
        let what = if show { "revealed" } else { "hidden again" };
        fx.audit(AuditAction::PrizeRevealed, format!("{prize_name} {what}"));
        Ok(())
    })
    .await
}

/// The name of one of the event's prizes; not found when it is another
/// event's.
fn prize_name(conn: &mut DbConn, event: &Event, prize: PrizeId) -> ServiceResult<String> {
    store::judging::prizes(conn, event.id)?
        .into_iter()
        .find(|p| p.id == prize)
        .map(|p| p.name)
        .ok_or(ServiceError::NotFound)
}

/// Every score and note, for the organisers' CSV: (judge, project, criterion, value, notes).
pub struct ScoreLine {
    pub judge: String,
    pub project: String,
    pub criterion: String,
    pub value: Option<i32>,
    pub notes: String,
}

pub async fn score_export(
    store: &Store,
    slug: &str,
    claim: Claim,
) -> ServiceResult<(String, Vec<ScoreLine>)> {
    read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        let judges: HashMap<i64, String> =
            store::people::list_with_role(conn, event.id, Role::Judge)?
                .into_iter()
                .map(|p| (p.id.0, p.name))
                .collect();
        let titles: HashMap<i64, String> = store::projects::list_open(conn, event.id)?
            .into_iter()
            .map(|p| (p.id.0, p.title))
            .collect();
        let criteria: HashMap<i64, String> = store::judging::criteria(conn, event.id)?
            .into_iter()
            .map(|c| (c.id.0, c.name))
            .collect();
        let notes: HashMap<(i64, i64), String> = store::scores::notes_of_event(conn, event.id)?
            .into_iter()
            .map(|(j, p, n)| ((j, p), n))
            .collect();
        let name = |map: &HashMap<i64, String>, id: i64| {
            map.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
        };
        let mut lines: Vec<ScoreLine> = store::scores::scores(conn, event.id)?
            .into_iter()
            .map(|(j, p, c, v)| ScoreLine {
                judge: name(&judges, j),
                project: name(&titles, p),
                criterion: name(&criteria, c),
                value: Some(v),
                notes: notes.get(&(j, p)).cloned().unwrap_or_default(),
            })
            .collect();
        lines.sort_by(|a, b| {
            (&a.judge, &a.project, &a.criterion).cmp(&(&b.judge, &b.project, &b.criterion))
        });
        Ok((event.slug, lines))
    })
    .await
}
