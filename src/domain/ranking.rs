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

use serde::Serialize;
use std::collections::BTreeMap;

/// A criterion to rank on, its weight (> 0) and the scale its values use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionSpec {
    pub id: i64,
    pub weight: f64,
    pub min: f64,
    pub max: f64,
}

/// One judge's value for one project on one criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub judge: i64,
    pub project: i64,
    pub criterion: i64,
    pub value: f64,
}

/// A project's place in a ranking, with the figures behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedProject {
    pub project: i64,
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
const MAX_ROUNDS: usize = 1000;
const CONVERGED: f64 = 1e-12;

/// (criterion, judge, project)
type Cell = (i64, i64, i64);

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
        project,
        rank: 0,
        tied: false,
        normalised: finite(quality.get(&project).copied().unwrap_or(0.0)),
        raw_mean: finite(mean(&raws)),
        judges: raws.len(),
        spread: finite(std_dev(&raws)),
    };
    raw_by_project.into_iter().map(summary).collect()
}

/// Weights of the criteria that can be used, by criterion id.
fn usable_weights(criteria: &[CriterionSpec]) -> BTreeMap<i64, f64> {
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
        .map(|c| (c.id, c.weight))
        .collect()
}

/// Each usable value as a share of its scale, in a canonical order so that
/// nothing depends on the order of `scores`. A repeated cell (which the
/// database forbids) counts once, with the mean of its values.
fn shares(
    criteria: &[CriterionSpec],
    weights: &BTreeMap<i64, f64>,
    scores: &[Score],
) -> BTreeMap<Cell, f64> {
    let scales: BTreeMap<i64, (f64, f64)> = criteria
        .iter()
        .map(|c| (c.id, (c.min, c.max - c.min)))
        .collect();
    let mut cells: BTreeMap<Cell, Vec<f64>> = BTreeMap::new();
    for s in scores.iter().filter(|s| weights.contains_key(&s.criterion)) {
        let (min, range) = scales[&s.criterion];
        let share = (s.value - min) / range;
        if share.is_finite() {
            cells
                .entry((s.criterion, s.judge, s.project))
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
fn standardised(shares: &BTreeMap<Cell, f64>) -> BTreeMap<Cell, f64> {
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
fn weighted(
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
/// [`PRIOR_PROJECTS`]. The loss is convex, so this converges to one answer.
fn fit_quality(z: &BTreeMap<(i64, i64), f64>) -> BTreeMap<i64, f64> {
    let mut quality = shrunk_means(z.iter().map(|(&(_, p), &v)| (p, v)), 0.0);
    for _ in 0..MAX_ROUNDS {
        let offset = shrunk_means(
            z.iter().map(|(&(j, p), &v)| (j, v - quality[&p])),
            PRIOR_PROJECTS,
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
fn shrunk_means(pairs: impl Iterator<Item = (i64, f64)>, prior: f64) -> BTreeMap<i64, f64> {
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

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// Population standard deviation (0 for fewer than two values).
fn std_dev(values: &[f64]) -> f64 {
    let centre = mean(values);
    let squares: Vec<f64> = values.iter().map(|v| (v - centre).powi(2)).collect();
    mean(&squares).sqrt()
}

/// Absurd inputs (values near the limits of f64) could overflow; never let
/// NaN or infinity out.
fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn criterion(id: i64, weight: f64) -> CriterionSpec {
        CriterionSpec {
            id,
            weight,
            min: 1.0,
            max: 5.0,
        }
    }

    fn score(judge: i64, project: i64, criterion: i64, value: f64) -> Score {
        Score {
            judge,
            project,
            criterion,
            value,
        }
    }

    /// (project, rank, tied) in output order.
    fn places(ranking: &[RankedProject]) -> Vec<(i64, usize, bool)> {
        ranking
            .iter()
            .map(|p| (p.project, p.rank, p.tied))
            .collect()
    }

    fn normalised_of(ranking: &[RankedProject]) -> BTreeMap<i64, f64> {
        ranking.iter().map(|p| (p.project, p.normalised)).collect()
    }

    fn assert_close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn no_scores_give_an_empty_ranking() {
        assert!(rank(&[criterion(1, 1.0)], &[]).is_empty());
        assert!(rank_raw(&[criterion(1, 1.0)], &[]).is_empty());
        assert!(rank(&[], &[score(1, 1, 1, 3.0)]).is_empty());
    }

    #[test]
    fn a_single_project_ranks_first_alone_with_a_neutral_score() {
        let scores = [score(1, 7, 1, 4.0), score(2, 7, 1, 2.0)];
        let ranking = rank(&[criterion(1, 1.0)], &scores);
        assert_eq!(places(&ranking), [(7, 1, false)]);
        assert_eq!(ranking[0].normalised, 0.0);
        assert_eq!(ranking[0].judges, 2);
    }

    #[test]
    fn a_single_judge_ranks_by_their_own_order() {
        let scores = [
            score(1, 10, 1, 2.0),
            score(1, 11, 1, 5.0),
            score(1, 12, 1, 3.0),
        ];
        let ranking = rank(&[criterion(1, 1.0)], &scores);
        assert_eq!(
            places(&ranking),
            [(11, 1, false), (12, 2, false), (10, 3, false)]
        );
        assert!(ranking.iter().all(|p| p.judges == 1 && p.spread == 0.0));
    }

    #[test]
    fn a_judge_who_gives_everyone_the_same_score_changes_no_normalised_score() {
        let criteria = [criterion(1, 1.0)];
        let mut scores = vec![
            score(1, 10, 1, 2.0),
            score(1, 11, 1, 5.0),
            score(2, 10, 1, 3.0),
            score(2, 11, 1, 4.0),
        ];
        let before = rank(&criteria, &scores);
        scores.extend([score(3, 10, 1, 4.0), score(3, 11, 1, 4.0)]);
        let after = rank(&criteria, &scores);
        assert_eq!(normalised_of(&before), normalised_of(&after));
        assert!(
            after
                .iter()
                .all(|p| p.judges == 3 && p.normalised.is_finite())
        );
    }

    #[test]
    fn a_judge_who_scored_a_single_project_changes_no_normalised_score() {
        let criteria = [criterion(1, 1.0)];
        let mut scores = vec![
            score(1, 10, 1, 2.0),
            score(1, 11, 1, 5.0),
            score(2, 10, 1, 3.0),
            score(2, 11, 1, 4.0),
        ];
        let before = rank(&criteria, &scores);
        scores.push(score(3, 10, 1, 5.0));
        let after = rank(&criteria, &scores);
        assert_eq!(normalised_of(&before), normalised_of(&after));
        assert_eq!(
            after.iter().find(|p| p.project == 10).map(|p| p.judges),
            Some(3)
        );
    }

    #[test]
    fn a_project_seen_only_by_a_judge_with_no_spread_gets_the_neutral_score() {
        let scores = [
            score(1, 10, 1, 5.0),
            score(1, 11, 1, 1.0),
            score(2, 12, 1, 3.0),
        ];
        let ranking = rank(&[criterion(1, 1.0)], &scores);
        assert_eq!(normalised_of(&ranking)[&12], 0.0);
        assert_eq!(
            places(&ranking),
            [(10, 1, false), (12, 2, false), (11, 3, false)]
        );
    }

    #[test]
    fn equal_scores_are_shown_as_ties_with_competition_ranks() {
        let values = [(10, 5.0), (11, 4.0), (12, 4.0), (13, 1.0)];
        let scores: Vec<Score> = values.iter().map(|&(p, v)| score(1, p, 1, v)).collect();
        let expected = [(10, 1, false), (11, 2, true), (12, 2, true), (13, 4, false)];
        assert_eq!(places(&rank(&[criterion(1, 1.0)], &scores)), expected);
        assert_eq!(places(&rank_raw(&[criterion(1, 1.0)], &scores)), expected);
    }

    #[test]
    fn weights_decide_between_strengths_on_different_criteria() {
        // Project 10 shines on criterion 1, project 11 on criterion 2.
        let scores = [
            score(1, 10, 1, 5.0),
            score(1, 10, 2, 1.0),
            score(1, 11, 1, 1.0),
            score(1, 11, 2, 5.0),
            score(1, 12, 1, 3.0),
            score(1, 12, 2, 3.0),
        ];
        let first = |criteria: &[CriterionSpec]| rank(criteria, &scores)[0].project;
        assert_eq!(first(&[criterion(1, 2.0), criterion(2, 1.0)]), 10);
        assert_eq!(first(&[criterion(1, 1.0), criterion(2, 2.0)]), 11);
        assert_eq!(
            first(&[criterion(2, 1.0)]),
            11,
            "criteria not asked for are ignored"
        );
    }

    #[test]
    fn raw_mean_and_spread_match_a_hand_computed_example() {
        // Judge 1: shares 1 and 0.25, weighted (2 × 1 + 0.25) / 3 = 0.75.
        // Judge 2: shares 0.5 and 0.5, weighted 0.5.
        // Mean 0.625; population standard deviation 0.125.
        let criteria = [criterion(1, 2.0), criterion(2, 1.0)];
        let scores = [
            score(1, 10, 1, 5.0),
            score(1, 10, 2, 2.0),
            score(2, 10, 1, 3.0),
            score(2, 10, 2, 3.0),
        ];
        let project = &rank(&criteria, &scores)[0];
        assert_close(project.raw_mean, 0.625);
        assert_close(project.spread, 0.125);
        assert_eq!(project.judges, 2);
    }

    #[test]
    fn a_generous_judge_of_weak_projects_does_not_lift_them_above_stronger_ones() {
        // Judges 1 and 4 saw everything: 10 > 11 > 12 > 13. Judge 2 saw only
        // the two strong projects, judge 3 only the two weak ones. Plain
        // z-scores put 12 above 11 (mean z −0.035 for 11, +0.035 for 12); the
        // fitted offsets keep the order the full judges agree on.
        let mut scores = vec![
            score(2, 10, 1, 5.0),
            score(2, 11, 1, 4.0),
            score(3, 12, 1, 5.0),
            score(3, 13, 1, 4.0),
        ];
        for judge in [1, 4] {
            scores.extend(
                [(10, 4.0), (11, 3.0), (12, 2.0), (13, 1.0)].map(|(p, v)| score(judge, p, 1, v)),
            );
        }
        let ranking = rank(&[criterion(1, 1.0)], &scores);
        let order: Vec<i64> = ranking.iter().map(|p| p.project).collect();
        assert_eq!(order, [10, 11, 12, 13]);
    }

    #[test]
    fn unusable_criteria_and_values_are_ignored_without_nan() {
        let criteria = [
            criterion(1, 1.0),
            CriterionSpec {
                id: 2,
                weight: 0.0,
                min: 1.0,
                max: 5.0,
            },
            CriterionSpec {
                id: 3,
                weight: 1.0,
                min: 3.0,
                max: 3.0,
            },
        ];
        let scores = [
            score(1, 10, 1, 4.0),
            score(1, 11, 1, f64::NAN),
            score(1, 11, 2, 5.0),
            score(1, 11, 3, 3.0),
            score(1, 12, 1, f64::INFINITY),
        ];
        let ranking = rank(&criteria, &scores);
        assert_eq!(places(&ranking), [(10, 1, false)]);
        assert!(ranking[0].normalised.is_finite());
    }

    /// A small random event: criteria 10.., judges 100.., projects 1000..;
    /// each judge scores a non-empty subset of projects on every criterion.
    fn event() -> impl Strategy<Value = (Vec<CriterionSpec>, Vec<Score>)> {
        (3usize..=8, 3usize..=6, 1usize..=3).prop_flat_map(|(projects, judges, criteria)| {
            let weights = prop::collection::vec(1.0f64..=3.0, criteria);
            let seen =
                prop::collection::vec(prop::collection::vec(any::<bool>(), projects), judges);
            let values = prop::collection::vec(1.0f64..5.0, projects * judges * criteria);
            (weights, seen, values)
                .prop_map(move |(weights, seen, values)| build(projects, &weights, &seen, &values))
        })
    }

    fn build(
        projects: usize,
        weights: &[f64],
        seen: &[Vec<bool>],
        values: &[f64],
    ) -> (Vec<CriterionSpec>, Vec<Score>) {
        let criteria: Vec<CriterionSpec> = weights
            .iter()
            .enumerate()
            .map(|(c, &w)| criterion(10 + c as i64, w))
            .collect();
        let mut scores = Vec::new();
        let mut next = values.iter();
        for (j, row) in seen.iter().enumerate() {
            let sees = |p: usize| row[p] || (!row.contains(&true) && p == j % projects);
            for p in (0..projects).filter(|&p| sees(p)) {
                for c in &criteria {
                    scores.push(score(
                        100 + j as i64,
                        1000 + p as i64,
                        c.id,
                        *next.next().unwrap(),
                    ));
                }
            }
        }
        (criteria, scores)
    }

    /// Same places, and normalised scores equal up to rounding.
    fn assert_same_ranking(a: &[RankedProject], b: &[RankedProject]) {
        assert_eq!(places(a), places(b));
        for (x, y) in a.iter().zip(b) {
            assert!(
                (x.normalised - y.normalised).abs() < 1e-9,
                "{} != {}",
                x.normalised,
                y.normalised
            );
        }
    }

    fn rejudged(scores: &[Score], judge: i64, change: impl Fn(f64) -> f64) -> Vec<Score> {
        scores
            .iter()
            .map(|&s| {
                if s.judge == judge {
                    Score {
                        value: change(s.value),
                        ..s
                    }
                } else {
                    s
                }
            })
            .collect()
    }

    proptest! {
        #[test]
        fn adding_a_constant_to_one_judges_scores_keeps_the_ranking((criteria, scores) in event(), who in any::<prop::sample::Index>(), shift in -10.0f64..10.0) {
            let judge = scores[who.index(scores.len())].judge;
            let changed = rejudged(&scores, judge, |v| v + shift);
            assert_same_ranking(&rank(&criteria, &scores), &rank(&criteria, &changed));
        }

        #[test]
        fn scaling_one_judges_scores_keeps_the_ranking((criteria, scores) in event(), who in any::<prop::sample::Index>(), factor in 0.1f64..10.0, shift in -10.0f64..10.0) {
            let judge = scores[who.index(scores.len())].judge;
            let changed = rejudged(&scores, judge, |v| v * factor + shift);
            assert_same_ranking(&rank(&criteria, &scores), &rank(&criteria, &changed));
        }

        #[test]
        fn shuffling_the_scores_changes_nothing((criteria, scores, shuffled) in event().prop_flat_map(|(c, s)| (Just(c), Just(s.clone()), Just(s).prop_shuffle()))) {
            prop_assert_eq!(rank(&criteria, &scores), rank(&criteria, &shuffled));
            prop_assert_eq!(rank_raw(&criteria, &scores), rank_raw(&criteria, &shuffled));
        }

        #[test]
        fn whole_marks_on_tiny_events_never_give_nan((criteria, scores) in event(), marks in prop::collection::vec(1u8..=5, 150)) {
            let whole: Vec<Score> = scores.iter().zip(marks.iter().cycle()).map(|(&s, &m)| Score { value: f64::from(m), ..s }).collect();
            for p in rank(&criteria, &whole).iter().chain(&rank_raw(&criteria, &whole)) {
                prop_assert!(p.normalised.is_finite() && p.raw_mean.is_finite() && p.spread.is_finite());
            }
        }
    }
}
