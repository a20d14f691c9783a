//! Unit tests of the ranking: ties, weights, hand-computed figures and the
//! cases where a judge's marks say nothing about order.

use super::*;
use crate::domain::ids::{CriterionId, PersonId, ProjectId};

pub(super) fn criterion(id: i64, weight: f64) -> CriterionSpec {
    CriterionSpec {
        id: CriterionId(id),
        weight,
        min: 1.0,
        max: 5.0,
    }
}

pub(super) fn score(judge: i64, project: i64, criterion: i64, value: f64) -> Score {
    Score {
        judge: PersonId(judge),
        project: ProjectId(project),
        criterion: CriterionId(criterion),
        value,
    }
}

/// (project, rank, tied) in output order.
pub(super) fn places(ranking: &[RankedProject]) -> Vec<(i64, usize, bool)> {
    ranking
        .iter()
        .map(|p| (p.project.0, p.rank, p.tied))
        .collect()
}

fn normalised_of(ranking: &[RankedProject]) -> BTreeMap<i64, f64> {
    ranking
        .iter()
        .map(|p| (p.project.0, p.normalised))
        .collect()
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
        after
            .iter()
            .find(|p| p.project == ProjectId(10))
            .map(|p| p.judges),
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
    let first = |criteria: &[CriterionSpec]| rank(criteria, &scores)[0].project.0;
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
    let order: Vec<i64> = ranking.iter().map(|p| p.project.0).collect();
    assert_eq!(order, [10, 11, 12, 13]);
}

#[test]
fn unusable_criteria_and_values_are_ignored_without_nan() {
    let criteria = [
        criterion(1, 1.0),
        CriterionSpec {
            id: CriterionId(2),
            weight: 0.0,
            min: 1.0,
            max: 5.0,
        },
        CriterionSpec {
            id: CriterionId(3),
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

#[test]
fn equal_raw_means_reached_by_different_marks_share_a_raw_place() {
    // On a 1–10 scale: 4 and 8 average 5/9 of the scale, so do 5 and 7.
    let scale = CriterionSpec {
        id: CriterionId(1),
        weight: 1.0,
        min: 1.0,
        max: 10.0,
    };
    let scores = [
        score(1, 10, 1, 4.0),
        score(2, 10, 1, 8.0),
        score(1, 11, 1, 5.0),
        score(2, 11, 1, 7.0),
        score(1, 12, 1, 1.0),
        score(2, 12, 1, 2.0),
    ];
    let raw = rank_raw(&[scale], &scores);
    assert_eq!(places(&raw), [(10, 1, true), (11, 1, true), (12, 3, false)]);
    assert_close(raw[0].raw_mean, 5.0 / 9.0);
}
