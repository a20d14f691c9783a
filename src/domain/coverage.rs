//! How far judging has got, counted without looking at any score's value:
//! which (judge, project) pairs are complete out of those expected.

use super::{PersonId, ProjectId};
use std::collections::{HashMap, HashSet};

/// Complete (judge, project) pairs out of those expected. A judge is not
/// expected to score their own team's project or one they declared a
/// conflict with; a pair is complete when it has a score for every
/// criterion. `scores` and `conflicts` are (judge, project) id pairs, one
/// per score given and per conflict declared.
pub fn progress(
    judges: &[(PersonId, Option<ProjectId>)],
    projects: &[ProjectId],
    criteria: usize,
    scores: &[(i64, i64)],
    conflicts: &[(i64, i64)],
) -> (i64, i64) {
    if judges.is_empty() || criteria == 0 {
        return (0, 0);
    }
    let mut counts: HashMap<(i64, i64), usize> = HashMap::new();
    for pair in scores {
        *counts.entry(*pair).or_default() += 1;
    }
    let conflicts: HashSet<(i64, i64)> = conflicts.iter().copied().collect();
    let (mut done, mut expected) = (0, 0);
    for (judge, own_team) in judges {
        for project in projects {
            let pair = (judge.0, project.0);
            if *own_team == Some(*project) || conflicts.contains(&pair) {
                continue;
            }
            expected += 1;
            if counts.get(&pair).is_some_and(|n| *n >= criteria) {
                done += 1;
            }
        }
    }
    (done, expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_teams_and_conflicts_are_not_expected_and_partial_sheets_are_not_done() {
        let judges = [(PersonId(1), Some(ProjectId(10))), (PersonId(2), None)];
        let projects = [ProjectId(10), ProjectId(11), ProjectId(12)];
        // Judge 1: complete on 11; judge 2: complete on 10, half of 11, conflict on 12.
        let scores = [(1, 11), (1, 11), (2, 10), (2, 10), (2, 11)];
        let conflicts = [(2, 12)];
        assert_eq!(progress(&judges, &projects, 2, &scores, &conflicts), (2, 4));
    }

    #[test]
    fn nothing_is_expected_without_judges_or_criteria() {
        assert_eq!(progress(&[], &[ProjectId(1)], 3, &[], &[]), (0, 0));
        assert_eq!(
            progress(&[(PersonId(1), None)], &[ProjectId(1)], 0, &[], &[]),
            (0, 0)
        );
    }
}
