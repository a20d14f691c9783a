//! The running order of presentations: moving a project up or down, and
//! who presents after a step forwards or back.

use super::ProjectId;

/// Moves `id` one place earlier (`up`) or later, staying put at either end.
/// Answers its new place (0-based), or `None` when it is not in the order.
pub fn move_one(order: &mut [ProjectId], id: ProjectId, up: bool) -> Option<usize> {
    let at = order.iter().position(|p| *p == id)?;
    let to = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|t| *t < order.len())
    };
    if let Some(to) = to {
        order.swap(at, to);
    }
    Some(to.unwrap_or(at))
}

/// A step in who presents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Next,
    Previous,
    Stop,
    Project(ProjectId),
}

/// A project chosen to present that is not in the running order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotInOrder;

/// Who presents after `step`, from `current`; `Err` when a chosen project
/// is not in the order.
pub fn after(
    order: &[ProjectId],
    current: Option<ProjectId>,
    step: Step,
) -> Result<Option<ProjectId>, NotInOrder> {
    let at = current.and_then(|c| order.iter().position(|p| *p == c));
    Ok(match step {
        Step::Next => match at {
            Some(i) => order.get(i + 1).copied(),
            None => order.first().copied(),
        },
        Step::Previous => at
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| order.get(i).copied()),
        Step::Stop => None,
        Step::Project(id) => Some(*order.iter().find(|p| **p == id).ok_or(NotInOrder)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(raw: &[i64]) -> Vec<ProjectId> {
        raw.iter().copied().map(ProjectId).collect()
    }

    #[test]
    fn moving_stays_within_the_ends() {
        let mut order = ids(&[1, 2, 3]);
        assert_eq!(move_one(&mut order, ProjectId(1), true), Some(0));
        assert_eq!(move_one(&mut order, ProjectId(1), false), Some(1));
        assert_eq!(order, ids(&[2, 1, 3]));
        assert_eq!(move_one(&mut order, ProjectId(3), false), Some(2));
        assert_eq!(move_one(&mut order, ProjectId(9), false), None);
    }

    #[test]
    fn stepping_starts_at_the_top_and_ends_after_the_last() {
        let order = ids(&[5, 6]);
        assert_eq!(after(&order, None, Step::Next), Ok(Some(ProjectId(5))));
        assert_eq!(
            after(&order, Some(ProjectId(5)), Step::Next),
            Ok(Some(ProjectId(6)))
        );
        assert_eq!(after(&order, Some(ProjectId(6)), Step::Next), Ok(None));
        assert_eq!(after(&order, Some(ProjectId(5)), Step::Previous), Ok(None));
        assert_eq!(after(&order, Some(ProjectId(6)), Step::Stop), Ok(None));
        assert_eq!(
            after(&order, None, Step::Project(ProjectId(7))),
            Err(NotInOrder)
        );
    }
}
