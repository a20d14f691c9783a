//! Tests of the results page's figures.

use super::*;

fn row(project: i64, rank: usize, normalised: f64) -> RankedProject {
    RankedProject {
        project: ProjectId(project),
        rank,
        tied: false,
        normalised,
        raw_mean: 0.5,
        judges: 1,
        spread: 0.0,
    }
}

#[test]
fn figures_take_a_decimal_only_when_whole_numbers_would_hide_an_order() {
    let whole = scaled_figures(&[row(1, 1, 1.0), row(2, 2, 0.5), row(3, 3, 0.0)]);
    assert_eq!(whole[&ProjectId(2)], "50");
    let near = scaled_figures(&[row(1, 1, 1.0), row(2, 2, 0.999), row(3, 3, 0.0)]);
    assert_eq!(
        (near[&ProjectId(1)].as_str(), near[&ProjectId(2)].as_str()),
        ("100.0", "99.9")
    );
}
