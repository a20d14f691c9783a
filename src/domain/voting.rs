//! People's choice rules: who may vote (organisers choose), which votes
//! count, and the view by sign-up minute that shows a burst of sign-ups.

use super::role::Role;
use super::validation::Invalid;
use chrono::{NaiveDateTime, Timelike};
use std::collections::{BTreeMap, HashMap};

/// Who may vote for people's choice. Judges and organisers never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VoterRule {
    /// Attendees who signed up before voting first opened: a vote costs
    /// being in the room before the vote was announced.
    #[default]
    SignedUpBeforeVoting,
    /// Attendees who are in a team.
    InATeam,
    /// Every signed-in attendee.
    Everyone,
}

impl VoterRule {
    pub const ALL: [VoterRule; 3] = [
        VoterRule::SignedUpBeforeVoting,
        VoterRule::InATeam,
        VoterRule::Everyone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VoterRule::SignedUpBeforeVoting => "signed_up_before_voting",
            VoterRule::InATeam => "in_a_team",
            VoterRule::Everyone => "everyone",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VoterRule::SignedUpBeforeVoting => "Attendees who signed up before voting opened",
            VoterRule::InATeam => "Attendees in a team",
            VoterRule::Everyone => "Every signed-in attendee",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == raw)
            .ok_or_else(|| Invalid::new("rule", "Pick who may vote from the list"))
    }

    /// Reads the stored rule; anything unknown falls back to the strictest.
    pub fn from_stored(raw: &str) -> Self {
        Self::parse(raw).unwrap_or_default()
    }

    /// Why this person may not vote under this rule, or `None` if they may.
    pub fn refusal(self, voter: &Voter, opened_at: Option<NaiveDateTime>) -> Option<&'static str> {
        if voter.role != Role::Attendee {
            return Some("Judges and organisers do not vote for people's choice");
        }
        if voter.voided {
            return Some("The organisers set your vote aside, so you cannot vote again");
        }
        match self {
            VoterRule::SignedUpBeforeVoting
                if opened_at.is_none_or(|opened| voter.signed_up_at >= opened) =>
            {
                Some("Only people who signed up before voting opened can vote")
            }
            VoterRule::InATeam if !voter.in_team => Some("Only people in a team can vote"),
            _ => None,
        }
    }
}

/// What the rules need to know about someone who votes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voter {
    pub role: Role,
    pub signed_up_at: NaiveDateTime,
    pub in_team: bool,
    /// An organiser set this person's vote aside.
    pub voided: bool,
}

/// One vote cast, with who cast it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub project: i64,
    pub voter: Voter,
}

/// Counted votes per project under the rule: (project, count), most first.
pub fn count(
    ballots: &[Ballot],
    rule: VoterRule,
    opened_at: Option<NaiveDateTime>,
) -> Vec<(i64, i64)> {
    let mut counts: HashMap<i64, i64> = HashMap::new();
    for b in ballots {
        if rule.refusal(&b.voter, opened_at).is_none() {
            *counts.entry(b.project).or_default() += 1;
        }
    }
    let mut counted: Vec<(i64, i64)> = counts.into_iter().collect();
    counted.sort_by_key(|(p, n)| (-n, *p));
    counted
}

/// Votes by the minute their voters signed up in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignUpMinute {
    pub minute: NaiveDateTime,
    pub votes: usize,
    pub counted: usize,
    pub voided: usize,
}

/// Groups ballots by their voter's sign-up minute, oldest first, so a burst
/// of sign-ups that all voted stands out as one tall row.
pub fn by_sign_up_minute(
    ballots: &[Ballot],
    rule: VoterRule,
    opened_at: Option<NaiveDateTime>,
) -> Vec<SignUpMinute> {
    let mut minutes: BTreeMap<NaiveDateTime, SignUpMinute> = BTreeMap::new();
    for b in ballots {
        let minute = minute_of(b.voter.signed_up_at);
        let row = minutes.entry(minute).or_insert_with(|| SignUpMinute {
            minute,
            ..Default::default()
        });
        row.votes += 1;
        if b.voter.voided {
            row.voided += 1;
        } else if rule.refusal(&b.voter, opened_at).is_none() {
            row.counted += 1;
        }
    }
    minutes.into_values().collect()
}

/// The start of the minute a time falls in.
pub fn minute_of(at: NaiveDateTime) -> NaiveDateTime {
    at.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .expect("zero seconds is always a valid time")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: u32, second: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(14, minute, second))
            .expect("a time")
    }

    fn ballot(project: i64, role: Role, signed_up_at: NaiveDateTime, in_team: bool) -> Ballot {
        Ballot {
            project,
            voter: Voter {
                role,
                signed_up_at,
                in_team,
                voided: false,
            },
        }
    }

    #[test]
    fn by_default_only_attendees_who_signed_up_before_voting_opened_count() {
        let opened = Some(at(10, 0));
        let ballots = vec![
            ballot(1, Role::Attendee, at(5, 0), false),
            ballot(1, Role::Attendee, at(10, 0), false),
            ballot(2, Role::Attendee, at(12, 0), true),
            ballot(2, Role::Judge, at(1, 0), true),
            ballot(2, Role::Organiser, at(1, 0), true),
        ];
        assert_eq!(count(&ballots, VoterRule::default(), opened), vec![(1, 1)]);
        assert_eq!(count(&ballots, VoterRule::default(), None), vec![]);
        assert_eq!(count(&ballots, VoterRule::InATeam, opened), vec![(2, 1)]);
        assert_eq!(
            count(&ballots, VoterRule::Everyone, opened),
            vec![(1, 2), (2, 1)]
        );
    }

    #[test]
    fn a_voided_vote_never_counts_and_judges_are_told_why() {
        let mut b = ballot(1, Role::Attendee, at(1, 0), true);
        b.voter.voided = true;
        assert_eq!(
            count(&[b.clone()], VoterRule::Everyone, Some(at(9, 0))),
            vec![]
        );
        let judge = ballot(1, Role::Judge, at(1, 0), true).voter;
        assert_eq!(
            VoterRule::Everyone.refusal(&judge, None),
            Some("Judges and organisers do not vote for people's choice")
        );
    }

    #[test]
    fn ballots_group_by_sign_up_minute_with_counted_and_voided() {
        let opened = Some(at(10, 0));
        let mut voided = ballot(1, Role::Attendee, at(11, 30), false);
        voided.voter.voided = true;
        let ballots = vec![
            ballot(1, Role::Attendee, at(5, 10), false),
            ballot(1, Role::Attendee, at(11, 1), false),
            ballot(2, Role::Attendee, at(11, 59), false),
            voided,
        ];
        let rows = by_sign_up_minute(&ballots, VoterRule::default(), opened);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].minute, rows[0].votes, rows[0].counted),
            (at(5, 0), 1, 1)
        );
        assert_eq!(
            (
                rows[1].minute,
                rows[1].votes,
                rows[1].counted,
                rows[1].voided
            ),
            (at(11, 0), 3, 0, 1)
        );
    }

    #[test]
    fn rules_parse_back_from_their_names() {
        for rule in VoterRule::ALL {
            assert_eq!(VoterRule::parse(rule.as_str()).unwrap(), rule);
        }
        assert!(VoterRule::parse("anyone").is_err());
        assert_eq!(
            VoterRule::from_stored("junk"),
            VoterRule::SignedUpBeforeVoting
        );
    }
}
