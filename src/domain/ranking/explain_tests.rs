//! Tests of the 0–100 scale, the too-close-to-call marking and the judges'
//! marks.

use super::*;
use crate::domain::ids::CriterionId;

fn ranked(figures: &[(i64, usize, f64)]) -> Vec<RankedProject> {
    figures
        .iter()
        .map(|&(project, rank, normalised)| RankedProject {
            project: ProjectId(project),
            rank,
            tied: figures.iter().filter(|f| f.1 == rank).count() > 1,
            normalised,
            raw_mean: 0.5,
            judges: 2,
            spread: 0.0,
        })
        .collect()
}

fn one_to_five() -> CriterionSpec {
    CriterionSpec {
        id: CriterionId(1),
        weight: 1.0,
        min: 1.0,
        max: 5.0,
    }
}

fn mark(judge: i64, project: i64, value: f64) -> Score {
    Score {
        judge: PersonId(judge),
        project: ProjectId(project),
        criterion: CriterionId(1),
        value,
    }
}

#[test]
fn the_hundred_scale_runs_from_the_lowest_to_the_highest() {
    let scale = on_hundred_scale(&ranked(&[(1, 1, 1.5), (2, 2, 0.0), (3, 3, -0.5)]));
    assert_eq!(scale[&ProjectId(1)], 100.0);
    assert_eq!(scale[&ProjectId(2)], 25.0);
    assert_eq!(scale[&ProjectId(3)], 0.0);
}

#[test]
fn tied_projects_get_exactly_the_same_figure_and_a_lone_project_gets_100() {
    let scale = on_hundred_scale(&ranked(&[(1, 1, 1.0), (2, 1, 1.0 - 1e-12), (3, 3, 0.0)]));
    assert_eq!(scale[&ProjectId(1)], scale[&ProjectId(2)]);
    assert_eq!(
        on_hundred_scale(&ranked(&[(7, 1, 0.0)]))[&ProjectId(7)],
        100.0
    );
}

#[test]
fn close_top_places_are_too_close_to_call_and_distant_ones_are_not() {
    let ranking = ranked(&[(1, 1, 1.0), (2, 2, 0.9), (3, 3, 0.0), (4, 4, -1.0)]);
    let close: Vec<i64> = too_close_to_call(&ranking).iter().map(|p| p.0).collect();
    assert_eq!(close, [1, 2]);
    let apart = ranked(&[
        (1, 1, 2.0),
        (2, 2, 1.0),
        (3, 3, 0.0),
        (4, 4, -1.0),
        (5, 5, -1.1),
    ]);
    assert!(
        too_close_to_call(&apart).is_empty(),
        "fourth and fifth are close, but not top places"
    );
}

#[test]
fn a_generous_judge_leans_above_everyone_and_a_narrow_one_stretches_less() {
    // Judge 1 marks 4 and 5, judge 2 marks 1 and 5 on a 1–5 scale.
    let scores = [
        mark(1, 10, 4.0),
        mark(1, 11, 5.0),
        mark(2, 10, 1.0),
        mark(2, 11, 5.0),
    ];
    let summary = judge_marks(&[one_to_five()], &scores);
    let (generous, wide) = (&summary.judges[0], &summary.judges[1]);
    assert_eq!(generous.judge, Some(PersonId(1)));
    assert_eq!((generous.lowest, generous.highest), (0.75, 1.0));
    assert_eq!(summary.everyone.projects, 4);
    assert!((summary.everyone.mean - 0.6875).abs() < 1e-12);
    assert!((generous.lean(&summary.everyone) - 18.75).abs() < 1e-9);
    assert!(wide.lean(&summary.everyone) < 0.0);
    let (narrow, broad) = (
        generous.stretch(&summary.everyone).expect("spread"),
        wide.stretch(&summary.everyone).expect("spread"),
    );
    assert!(narrow < 1.0 && broad > 1.0, "{narrow} {broad}");
}

#[test]
fn no_scores_give_no_judges_and_an_empty_everyone() {
    let summary = judge_marks(&[one_to_five()], &[]);
    assert!(summary.judges.is_empty());
    assert_eq!(summary.everyone.projects, 0);
    assert_eq!(summary.everyone.mean, 0.0);
}
