//! Property tests of the ranking: a judge's scores changed by a positive
//! factor and a constant, or the scores shuffled, leave it as it was.

use super::tests::{criterion, places, score};
use super::*;
use crate::domain::ids::PersonId;
use proptest::prelude::*;

/// A small random event: criteria 10.., judges 100.., projects 1000..;
/// each judge scores a non-empty subset of projects on every criterion.
fn event() -> impl Strategy<Value = (Vec<CriterionSpec>, Vec<Score>)> {
    (3usize..=8, 3usize..=6, 1usize..=3).prop_flat_map(|(projects, judges, criteria)| {
        let weights = prop::collection::vec(1.0f64..=3.0, criteria);
        let seen = prop::collection::vec(prop::collection::vec(any::<bool>(), projects), judges);
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
                    c.id.0,
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

fn rejudged(scores: &[Score], judge: PersonId, change: impl Fn(f64) -> f64) -> Vec<Score> {
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
