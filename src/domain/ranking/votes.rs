//! People's choice places: vote counts ranked with ties shared, and each
//! project's share of all votes counted.

use crate::domain::ids::ProjectId;
use serde::Serialize;

/// A project's place in the people's choice vote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VotePlace {
    pub project: ProjectId,
    /// Competition rank (1, 2, 2, 4): equal counts share a place.
    pub rank: usize,
    /// Another project has the same number of votes.
    pub tied: bool,
    pub votes: i64,
    /// This project's votes as a share (0–1) of every vote counted.
    pub share: f64,
}

/// Vote counts ranked most votes first; equal counts share a place and are
/// listed by project id. Projects with no votes are left out.
pub fn rank_votes(counts: &[(ProjectId, i64)]) -> Vec<VotePlace> {
    let mut counted: Vec<(ProjectId, i64)> =
        counts.iter().copied().filter(|(_, n)| *n > 0).collect();
    counted.sort_by_key(|&(project, n)| (-n, project));
    let total: i64 = counted.iter().map(|(_, n)| n).sum();
    let mut places: Vec<VotePlace> = Vec::with_capacity(counted.len());
    for (i, &(project, votes)) in counted.iter().enumerate() {
        let rank = match places.last() {
            Some(prev) if prev.votes == votes => prev.rank,
            _ => i + 1,
        };
        places.push(VotePlace {
            project,
            rank,
            tied: false,
            votes,
            share: votes as f64 / total as f64,
        });
    }
    let ranks: Vec<usize> = places.iter().map(|p| p.rank).collect();
    for p in &mut places {
        p.tied = ranks.iter().filter(|&&r| r == p.rank).count() > 1;
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_counts_share_a_place_and_shares_add_up_to_one() {
        let counts = [
            (ProjectId(3), 2),
            (ProjectId(1), 5),
            (ProjectId(2), 2),
            (ProjectId(4), 0),
            (ProjectId(5), 1),
        ];
        let places = rank_votes(&counts);
        let seen: Vec<(i64, usize, bool, i64)> = places
            .iter()
            .map(|p| (p.project.0, p.rank, p.tied, p.votes))
            .collect();
        assert_eq!(
            seen,
            [
                (1, 1, false, 5),
                (2, 2, true, 2),
                (3, 2, true, 2),
                (5, 4, false, 1)
            ]
        );
        assert!((places[0].share - 0.5).abs() < 1e-12);
        let total: f64 = places.iter().map(|p| p.share).sum();
        assert!((total - 1.0).abs() < 1e-12);
    }

    #[test]
    fn no_votes_give_no_places() {
        assert!(rank_votes(&[]).is_empty());
        assert!(rank_votes(&[(ProjectId(1), 0)]).is_empty());
    }
}
