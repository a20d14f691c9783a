//! Project rankings from judges' scores, corrected for each judge's bias so
//! that a harsh judge and a generous judge weigh the same.
//!
//! Pure code: give it the criteria and every score, get back the projects in
//! order. How the normalised (bias-corrected) score is made:
//!
//! 1. Each value becomes a share of its criterion's scale (0 = the minimum,
//!    1 = the maximum), so criteria on different scales can be combined.
//! 2. Each judge's values on each criterion are standardised against that
//!    judge's own values on that criterion (z-scores). This removes how
//!    lenient the judge is (an offset) and how widely they spread their
//!    marks (a scale). A judge who scored a single project, or gave every
//!    project the same value, says nothing about order: their values are left
//!    out of the normalised score (they still count in the raw mean).
//! 3. The criteria are combined with their weights into one z per judge and
//!    project.
//! 4. A z-score assumes each judge saw a typical set of projects; a judge who
//!    happened to see only strong ones would push them down. So we fit
//!    `z = judge offset + project quality` by alternating least squares, the
//!    offset shrunk towards 0 as if the judge had also scored
//!    [`PRIOR_PROJECTS`] projects exactly as the consensus did (few projects,
//!    little correction). The project quality is the normalised score, in
//!    units of a judge's standard deviation; 0 is an average project.
//!
//! Step 2 undoes any change of a judge's scores by a positive factor and a
//! constant, so such a change leaves the ranking as it was; the scores are
//! sorted first, so their order does not matter either. That guarantee has a
//! price: only comparisons within each judge's own marks are used, so when
//! judges happen to be unbiased the raw mean does a little better. The
//! simulation in `examples/fairness.rs` measures both.

mod explain;
mod fit;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_props;
mod votes;

pub use explain::{
    CLOSE_MARGIN, JudgeMarks, MarksSummary, TOP_PLACES, judge_marks, on_hundred_scale,
    too_close_to_call,
};
pub use votes::{VotePlace, rank_votes};

use crate::domain::ids::{CriterionId, PersonId, ProjectId};
use fit::{finite, fit_quality, mean, shares, standardised, std_dev, usable_weights, weighted};
use serde::Serialize;
use std::collections::BTreeMap;

/// A criterion to rank on, its weight (> 0) and the scale its values use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionSpec {
    pub id: CriterionId,
    pub weight: f64,
    pub min: f64,
    pub max: f64,
}

/// One judge's value for one project on one criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub judge: PersonId,
    pub project: ProjectId,
    pub criterion: CriterionId,
    pub value: f64,
}

/// A project's place in a ranking, with the figures behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedProject {
    pub project: ProjectId,
    /// 1-based; tied projects share a rank and the next rank is skipped
    /// (1, 2, 2, 4).
    pub rank: usize,
    /// Another project has the same rank.
    pub tied: bool,
    /// Bias-corrected score: judge standard deviations above an average
    /// project (0 when no judge's scores say anything about its order).
    pub normalised: f64,
    /// Weighted mean of the raw values over this project's judges, each value
    /// as a share of its criterion's scale (0 = minimum, 1 = maximum).
    pub raw_mean: f64,
    /// How many judges scored it on at least one of the criteria.
    pub judges: usize,
    /// Standard deviation (over judges, population) of each judge's weighted
    /// raw score for it, on the same 0–1 scale as `raw_mean`.
    pub spread: f64,
}

/// Scores closer than this are shown as a tie.
pub const TIE_EPSILON: f64 = 1e-9;
/// Strength of the pull of a judge's offset towards 0, in projects.
pub const PRIOR_PROJECTS: f64 = 4.0;

/// Projects ranked by the bias-corrected score. Scores on criteria not in
/// `criteria` are ignored, so a prize can be ranked on some criteria only;
/// criteria with a weight ≤ 0 or an empty scale, and values that are not
/// finite, are ignored too. Values outside the scale are used as given.
pub fn rank(criteria: &[CriterionSpec], scores: &[Score]) -> Vec<RankedProject> {
    ranked_by(summarise(criteria, scores), |p| p.normalised)
}

/// The same projects and figures as [`rank`], ranked by the raw mean instead.
pub fn rank_raw(criteria: &[CriterionSpec], scores: &[Score]) -> Vec<RankedProject> {
    ranked_by(summarise(criteria, scores), |p| p.raw_mean)
}

/// Every scored project with its figures, not yet ranked.
fn summarise(criteria: &[CriterionSpec], scores: &[Score]) -> Vec<RankedProject> {
    let weights = usable_weights(criteria);
    let shares = shares(criteria, &weights, scores);
    let quality = fit_quality(&weighted(&standardised(&shares), &weights));
    let mut raw_by_project: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for ((_, project), raw) in weighted(&shares, &weights) {
        raw_by_project.entry(project).or_default().push(raw);
    }
    let summary = |(project, raws): (i64, Vec<f64>)| RankedProject {
        project: ProjectId(project),
        rank: 0,
        tied: false,
        normalised: finite(quality.get(&project).copied().unwrap_or(0.0)),
        raw_mean: finite(mean(&raws)),
        judges: raws.len(),
        spread: finite(std_dev(&raws)),
    };
    raw_by_project.into_iter().map(summary).collect()
}

/// Sorts best first by `key` and gives competition ranks; a project within
/// [`TIE_EPSILON`] of the first of a group shares its rank. Tied projects are
/// listed by project id.
fn ranked_by(
    mut projects: Vec<RankedProject>,
    key: fn(&RankedProject) -> f64,
) -> Vec<RankedProject> {
    projects.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.project.cmp(&b.project)));
    let mut first = 0;
    for i in 0..projects.len() {
        if key(&projects[first]) - key(&projects[i]) > TIE_EPSILON {
            first = i;
        }
        projects[i].rank = first + 1;
    }
    projects.sort_by_key(|p| (p.rank, p.project));
    let ranks: Vec<usize> = projects.iter().map(|p| p.rank).collect();
    for (i, p) in projects.iter_mut().enumerate() {
        p.tied = ranks.iter().filter(|&&r| r == ranks[i]).count() > 1;
    }
    projects
}
