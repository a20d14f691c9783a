//! What makes a ranking readable by a person: the bias-corrected score on a
//! 0–100 scale for this prize, which top places are too close to call, and
//! each judge's marks against everyone's (how harsh or generous, how widely
//! spread), which is what normalising corrects.

use super::fit::{mean, shares, std_dev, usable_weights, weighted};
use super::{CriterionSpec, RankedProject, Score, TIE_EPSILON};
use crate::domain::ids::{PersonId, ProjectId};
use std::collections::{BTreeMap, BTreeSet};

/// Places up to this one are checked for being too close to call.
pub const TOP_PLACES: usize = 3;
/// Two places whose bias-corrected scores differ by less than this (in
/// judge standard deviations) are too close to call.
pub const CLOSE_MARGIN: f64 = 0.25;

/// Each project's bias-corrected score on a 0–100 scale for this ranking:
/// 100 for the highest, 0 for the lowest, the rest in proportion. When every
/// project scores the same they all get 100. Tied projects get exactly the
/// same figure (their group's first).
pub fn on_hundred_scale(ranking: &[RankedProject]) -> BTreeMap<ProjectId, f64> {
    let values = ranking.iter().map(|p| p.normalised);
    let high = values.clone().fold(f64::NEG_INFINITY, f64::max);
    let low = values.fold(f64::INFINITY, f64::min);
    let mut leader: BTreeMap<usize, f64> = BTreeMap::new();
    ranking
        .iter()
        .map(|p| {
            let scaled = if high - low <= TIE_EPSILON {
                100.0
            } else {
                100.0 * (p.normalised - low) / (high - low)
            };
            (p.project, *leader.entry(p.rank).or_insert(scaled))
        })
        .collect()
}

/// The projects in the top [`TOP_PLACES`] places whose bias-corrected score is
/// within [`CLOSE_MARGIN`] of the next or the previous place (ties included),
/// and those next places themselves. `ranking` is in rank order.
pub fn too_close_to_call(ranking: &[RankedProject]) -> BTreeSet<ProjectId> {
    let mut close = BTreeSet::new();
    for pair in ranking.windows(2) {
        let (upper, lower) = (&pair[0], &pair[1]);
        if upper.rank <= TOP_PLACES && upper.normalised - lower.normalised < CLOSE_MARGIN {
            close.insert(upper.project);
            close.insert(lower.project);
        }
    }
    close
}

/// One judge's (or everyone's) weighted marks, each project's mark as a share
/// of the scale (0 = every criterion at its minimum, 1 = at its maximum).
#[derive(Debug, Clone, PartialEq)]
pub struct JudgeMarks {
    pub judge: Option<PersonId>,
    pub projects: usize,
    pub mean: f64,
    pub lowest: f64,
    pub highest: f64,
    /// Population standard deviation of the marks.
    pub spread: f64,
}

/// Every judge's marks and everyone's together, for comparing.
#[derive(Debug, Clone, PartialEq)]
pub struct MarksSummary {
    pub judges: Vec<JudgeMarks>,
    pub everyone: JudgeMarks,
}

impl JudgeMarks {
    fn of(judge: Option<PersonId>, marks: &[f64]) -> JudgeMarks {
        if marks.is_empty() {
            return JudgeMarks {
                judge,
                projects: 0,
                mean: 0.0,
                lowest: 0.0,
                highest: 0.0,
                spread: 0.0,
            };
        }
        JudgeMarks {
            judge,
            projects: marks.len(),
            mean: mean(marks),
            lowest: marks.iter().copied().fold(f64::INFINITY, f64::min),
            highest: marks.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            spread: std_dev(marks),
        }
    }

    /// How far this judge's average sits above (+) or below (−) everyone's,
    /// in points of the 0–100 scale: what normalising takes off or adds.
    pub fn lean(&self, everyone: &JudgeMarks) -> f64 {
        100.0 * (self.mean - everyone.mean)
    }

    /// How much wider (> 1) or narrower (< 1) this judge spreads their marks
    /// than everyone does; `None` when either has no spread.
    pub fn stretch(&self, everyone: &JudgeMarks) -> Option<f64> {
        (self.spread > TIE_EPSILON && everyone.spread > TIE_EPSILON)
            .then(|| self.spread / everyone.spread)
    }
}

/// Each judge's weighted marks (the same marks as the raw mean uses), in judge
/// id order, and everyone's marks pooled. Judges with no usable mark are left
/// out; with no marks at all `everyone` has zero projects.
pub fn judge_marks(criteria: &[CriterionSpec], scores: &[Score]) -> MarksSummary {
    let weights = usable_weights(criteria);
    let marks = weighted(&shares(criteria, &weights, scores), &weights);
    let mut by_judge: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for (&(judge, _), &mark) in &marks {
        by_judge.entry(judge).or_default().push(mark);
    }
    let all: Vec<f64> = marks.values().copied().collect();
    MarksSummary {
        judges: by_judge
            .iter()
            .map(|(&j, m)| JudgeMarks::of(Some(PersonId(j)), m))
            .collect(),
        everyone: JudgeMarks::of(None, &all),
    }
}

#[cfg(test)]
#[path = "explain_tests.rs"]
mod tests;
