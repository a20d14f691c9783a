//! Results: the fair ranking for each prize, judging coverage and progress,
//! people's choice, the judges' marks compared, revoked judges' scores, late
//! submissions, choosing winners and revealing them one at a time, and the
//! scores export. Scores, vote counts and lateness reach organisers only.

mod decisions;
mod export;
mod late;

pub use decisions::{count_revoked_scores, reveal, set_winner};
pub use export::{ScoreLine, score_export};
pub use late::LateSubmission;

use super::{Claim, ServiceResult, Viewer, read};
use crate::domain::ids::CriterionId;
use crate::domain::judging::PrizeKind;
use crate::domain::ranking::{self, CriterionSpec, MarksSummary, RankedProject, Score, VotePlace};
use crate::domain::voting;
use crate::domain::{Event, PersonId, ProjectId, Role};
use crate::store::judging::{Criterion, Prize};
use crate::store::{self, DbConn, Store};
use chrono::NaiveDateTime;
use std::collections::{HashMap, HashSet};

pub struct PrizeResult {
    pub prize: Prize,
    /// Judged prizes: the bias-corrected ranking that guides the choice.
    pub ranking: Vec<RankedProject>,
    /// Judged prizes: the same projects ranked by raw mean.
    pub raw: Vec<RankedProject>,
    /// People's choice: places by votes counted.
    pub votes: Vec<VotePlace>,
    pub winner: Option<ProjectId>,
    pub revealed: bool,
}

pub struct JudgeProgress {
    pub name: String,
    pub scored: usize,
    pub to_score: usize,
}

/// A revoked judge who left scores, and whether they still count.
pub struct RevokedJudge {
    pub id: PersonId,
    pub name: String,
    pub projects: usize,
    pub excluded: bool,
}

pub struct Results {
    pub event: Event,
    pub viewer: Viewer,
    pub titles: HashMap<ProjectId, String>,
    pub prizes: Vec<PrizeResult>,
    pub judges: Vec<JudgeProgress>,
    /// Projects seen (fully scored) by fewer than `min_judges` judges.
    pub thin_coverage: Vec<(ProjectId, usize)>,
    pub min_judges: usize,
    /// Every counted judge's marks on every criterion, against everyone's.
    pub marks: MarksSummary,
    pub judge_names: HashMap<PersonId, String>,
    pub revoked: Vec<RevokedJudge>,
    pub late: Vec<LateSubmission>,
    pub deadline: Option<NaiveDateTime>,
}

fn specs(criteria: &[Criterion], subset: &[CriterionId]) -> Vec<CriterionSpec> {
    criteria
        .iter()
        .filter(|c| subset.is_empty() || subset.contains(&c.id))
        .map(|c| CriterionSpec {
            id: c.id,
            weight: f64::from(c.weight),
            min: f64::from(c.scale_min),
            max: f64::from(c.scale_max),
        })
        .collect()
}

/// The scores that count: on open projects, and not by a revoked judge whose
/// scores the organisers left out.
fn counted_scores(
    conn: &mut DbConn,
    event: &Event,
    open: &HashSet<ProjectId>,
    revoked: &[RevokedJudge],
) -> ServiceResult<Vec<Score>> {
    let left_out: HashSet<PersonId> = revoked
        .iter()
        .filter(|r| r.excluded)
        .map(|r| r.id)
        .collect();
    Ok(store::scores::scores(conn, event.id)?
        .into_iter()
        .map(|(judge, project, criterion, value)| Score {
            judge: PersonId(judge),
            project: ProjectId(project),
            criterion: CriterionId(criterion),
            value: f64::from(value),
        })
        .filter(|s| open.contains(&s.project) && !left_out.contains(&s.judge))
        .collect())
}

/// The event's revoked judges who scored something.
fn revoked_judges(conn: &mut DbConn, event: &Event) -> ServiceResult<Vec<RevokedJudge>> {
    let mut projects: HashMap<i64, HashSet<i64>> = HashMap::new();
    for (judge, project, _, _) in store::scores::scores(conn, event.id)? {
        projects.entry(judge).or_default().insert(project);
    }
    Ok(store::people::revoked_judges(conn, event.id)?
        .into_iter()
        .filter_map(|(p, excluded)| {
            let n = projects.get(&p.id.0).map_or(0, HashSet::len);
            (n > 0).then_some(RevokedJudge {
                id: p.id,
                name: p.name,
                projects: n,
                excluded,
            })
        })
        .collect())
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
        let open: HashSet<ProjectId> = projects.iter().map(|p| p.id).collect();
        let titles = projects.iter().map(|p| (p.id, p.title.clone())).collect();
        let criteria = store::judging::criteria(conn, event.id)?;
        let revoked = revoked_judges(conn, &event)?;
        let scores = counted_scores(conn, &event, &open, &revoked)?;
        // Only votes the event's rule counts (never judges', organisers'
        // or voided ones), so a burst of sign-ups cannot stuff the count.
        let (rule, opened) = store::voting::rule(conn, event.id)?;
        let votes: Vec<(ProjectId, i64)> =
            voting::count(&store::voting::ballots(conn, event.id)?, rule, opened)
                .into_iter()
                .map(|(p, n)| (ProjectId(p), n))
                .filter(|(p, _)| open.contains(p))
                .collect();
        let awards = store::awards::awards(conn, event.id)?;
        let prizes = store::judging::prizes(conn, event.id)?
            .into_iter()
            .map(|prize| prize_result(prize, &criteria, &scores, &votes, &awards))
            .collect();
        let mut judge_names: HashMap<PersonId, String> =
            store::people::list_with_role(conn, event.id, Role::Judge)?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
        judge_names.extend(
            revoked
                .iter()
                .map(|r| (r.id, format!("{} (revoked)", r.name))),
        );
        Ok(Results {
            judges: judge_progress(conn, &event)?,
            thin_coverage: thin_coverage(&projects, &scores, min_judges),
            late: late::late_submissions(conn, &event)?,
            deadline: store::events::submission_deadline(conn, event.id)?,
            marks: ranking::judge_marks(&specs(&criteria, &[]), &scores),
            event,
            viewer,
            titles,
            prizes,
            min_judges,
            judge_names,
            revoked,
        })
    })
    .await
}

/// Projects scored by fewer than `min_judges` judges, fewest first.
fn thin_coverage(
    projects: &[crate::domain::Project],
    scores: &[Score],
    min_judges: usize,
) -> Vec<(ProjectId, usize)> {
    let mut per_project: HashMap<ProjectId, HashSet<PersonId>> = HashMap::new();
    for s in scores {
        per_project.entry(s.project).or_default().insert(s.judge);
    }
    let mut thin: Vec<(ProjectId, usize)> = projects
        .iter()
        .map(|p| (p.id, per_project.get(&p.id).map_or(0, HashSet::len)))
        .filter(|(_, n)| *n < min_judges)
        .collect();
    thin.sort_by_key(|(id, n)| (*n, *id));
    thin
}

fn prize_result(
    prize: Prize,
    criteria: &[Criterion],
    scores: &[Score],
    votes: &[(ProjectId, i64)],
    awards: &[store::awards::Award],
) -> PrizeResult {
    let award = awards.iter().find(|a| a.prize_id == prize.id);
    let (ranking, raw, votes) = match prize.kind {
        PrizeKind::Judged => {
            let specs = specs(criteria, &prize.criteria);
            let ranked = ranking::rank(&specs, scores);
            (ranked, ranking::rank_raw(&specs, scores), vec![])
        }
        PrizeKind::PeoplesChoice => (vec![], vec![], ranking::rank_votes(votes)),
        PrizeKind::Special => (vec![], vec![], vec![]),
    };
    PrizeResult {
        winner: award.map(|a| ProjectId(a.project_id)),
        revealed: award.is_some_and(|a| a.revealed_at.is_some()),
        prize,
        ranking,
        raw,
        votes,
    }
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
