//! The arithmetic behind the bias-corrected score: values as shares of
//! their scales, per-judge standardising, weighting, and the fit of judge
//! offsets against project qualities. Internal maps key on raw ids; the
//! typed ids stay at the module's public edge.

use super::{CriterionSpec, Score};
use std::collections::BTreeMap;

const MAX_ROUNDS: usize = 1000;
const CONVERGED: f64 = 1e-12;

/// (criterion, judge, project)
pub(super) type Cell = (i64, i64, i64);

/// Weights of the criteria that can be used, by criterion id.
pub(super) fn usable_weights(criteria: &[CriterionSpec]) -> BTreeMap<i64, f64> {
    let usable = |c: &&CriterionSpec| {
        c.weight.is_finite()
            && c.weight > 0.0
            && c.min.is_finite()
            && c.max.is_finite()
            && c.max > c.min
    };
    criteria
        .iter()
        .filter(usable)
        .map(|c| (c.id.0, c.weight))
        .collect()
}

/// Each usable value as a share of its scale, in a canonical order so that
/// nothing depends on the order of `scores`. A repeated cell (which the
/// database forbids) counts once, with the mean of its values.
pub(super) fn shares(
    criteria: &[CriterionSpec],
    weights: &BTreeMap<i64, f64>,
    scores: &[Score],
) -> BTreeMap<Cell, f64> {
    let scales: BTreeMap<i64, (f64, f64)> = criteria
        .iter()
        .map(|c| (c.id.0, (c.min, c.max - c.min)))
        .collect();
    let mut cells: BTreeMap<Cell, Vec<f64>> = BTreeMap::new();
    for s in scores
        .iter()
        .filter(|s| weights.contains_key(&s.criterion.0))
    {
        let (min, range) = scales[&s.criterion.0];
        let share = (s.value - min) / range;
        if share.is_finite() {
            cells
                .entry((s.criterion.0, s.judge.0, s.project.0))
                .or_default()
                .push(share);
        }
    }
    cells
        .into_iter()
        .map(|(cell, mut values)| {
            values.sort_by(f64::total_cmp);
            (cell, mean(&values))
        })
        .collect()
}

/// Each value as a z-score against the same judge's values on the same
/// criterion; judges who scored one project, or gave all the same value on
/// that criterion, are left out (neither mean nor spread says anything).
pub(super) fn standardised(shares: &BTreeMap<Cell, f64>) -> BTreeMap<Cell, f64> {
    let mut by_judge: BTreeMap<(i64, i64), Vec<(i64, f64)>> = BTreeMap::new();
    for (&(criterion, judge, project), &share) in shares {
        by_judge
            .entry((criterion, judge))
            .or_default()
            .push((project, share));
    }
    let mut z = BTreeMap::new();
    for ((criterion, judge), marks) in by_judge {
        let values: Vec<f64> = marks.iter().map(|&(_, v)| v).collect();
        // Exact equality survives adding a constant or scaling, unlike a
        // threshold on the standard deviation.
        if values.iter().all(|&v| v == values[0]) {
            continue;
        }
        let (centre, spread) = (mean(&values), std_dev(&values));
        for (project, v) in marks {
            z.insert((criterion, judge, project), (v - centre) / spread);
        }
    }
    z
}

/// Weighted mean over criteria of each judge's values for each project,
/// keyed by (judge, project); only the criteria present for that pair count.
pub(super) fn weighted(
    values: &BTreeMap<Cell, f64>,
    weights: &BTreeMap<i64, f64>,
) -> BTreeMap<(i64, i64), f64> {
    let mut sums: BTreeMap<(i64, i64), (f64, f64)> = BTreeMap::new();
    for (&(criterion, judge, project), &v) in values {
        let w = weights[&criterion];
        let sum = sums.entry((judge, project)).or_default();
        sum.0 += w * v;
        sum.1 += w;
    }
    sums.into_iter()
        .map(|(key, (total, w))| (key, total / w))
        .collect()
}

/// Project quality from `z = judge offset + quality`, by alternating least
/// squares: quality is the mean of z less the offsets of its judges; an
/// offset is the judge's mean of z less the qualities they saw, shrunk by
/// [`super::PRIOR_PROJECTS`]. The loss is convex, so this converges to one answer.
pub(super) fn fit_quality(z: &BTreeMap<(i64, i64), f64>) -> BTreeMap<i64, f64> {
    let mut quality = shrunk_means(z.iter().map(|(&(_, p), &v)| (p, v)), 0.0);
    for _ in 0..MAX_ROUNDS {
        let offset = shrunk_means(
            z.iter().map(|(&(j, p), &v)| (j, v - quality[&p])),
            super::PRIOR_PROJECTS,
        );
        let next = shrunk_means(z.iter().map(|(&(j, p), &v)| (p, v - offset[&j])), 0.0);
        let change = next
            .iter()
            .map(|(p, q)| (q - quality[p]).abs())
            .fold(0.0, f64::max);
        quality = next;
        if change < CONVERGED {
            break;
        }
    }
    quality
}

/// Sum of the values for each key divided by (their count + `prior`).
pub(super) fn shrunk_means(
    pairs: impl Iterator<Item = (i64, f64)>,
    prior: f64,
) -> BTreeMap<i64, f64> {
    let mut sums: BTreeMap<i64, (f64, f64)> = BTreeMap::new();
    for (key, v) in pairs {
        let sum = sums.entry(key).or_default();
        sum.0 += v;
        sum.1 += 1.0;
    }
    sums.into_iter()
        .map(|(key, (total, n))| (key, total / (n + prior)))
        .collect()
}
pub(super) fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// Population standard deviation (0 for fewer than two values).
pub(super) fn std_dev(values: &[f64]) -> f64 {
    let centre = mean(values);
    let squares: Vec<f64> = values.iter().map(|v| (v - centre).powi(2)).collect();
    mean(&squares).sqrt()
}

/// Absurd inputs (values near the limits of f64) could overflow; never let
/// NaN or infinity out.
pub(super) fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}
