//! The phases an event moves through, and what each phase allows.

use super::validation::Invalid;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Draft,
    Pitching,
    TeamForming,
    Hacking,
    Judging,
    Results,
    Closed,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Draft,
        Phase::Pitching,
        Phase::TeamForming,
        Phase::Hacking,
        Phase::Judging,
        Phase::Results,
        Phase::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Pitching => "pitching",
            Phase::TeamForming => "team_forming",
            Phase::Hacking => "hacking",
            Phase::Judging => "judging",
            Phase::Results => "results",
            Phase::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Draft => "Draft",
            Phase::Pitching => "Pitching",
            Phase::TeamForming => "Team forming",
            Phase::Hacking => "Hacking",
            Phase::Judging => "Judging",
            Phase::Results => "Results",
            Phase::Closed => "Closed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == raw)
            .ok_or_else(|| Invalid::new("phase", format!("There is no phase called “{raw}”")))
    }

    pub fn next(self) -> Option<Self> {
        let i = Self::ALL.iter().position(|p| *p == self)?;
        Self::ALL.get(i + 1).copied()
    }

    pub fn previous(self) -> Option<Self> {
        let i = Self::ALL.iter().position(|p| *p == self)?;
        i.checked_sub(1).map(|j| Self::ALL[j])
    }

    /// Whether anyone but the organisers can see the event at all.
    pub fn is_public(self) -> bool {
        self != Phase::Draft
    }

    /// Whether new people can sign up to the event.
    pub fn accepts_attendees(self) -> bool {
        !matches!(self, Phase::Draft | Phase::Closed)
    }

    /// Whether attendees may submit, edit or withdraw pitches. Organisers
    /// may let late pitches in while teams are forming.
    pub fn accepts_pitches(self, late_pitches_allowed: bool) -> bool {
        self == Phase::Pitching || (late_pitches_allowed && self == Phase::TeamForming)
    }

    /// Whether people may join and leave teams; teams lock after it.
    pub fn teams_open(self) -> bool {
        matches!(self, Phase::Pitching | Phase::TeamForming)
    }

    /// Whether the event is happening now (as opposed to upcoming or past).
    pub fn is_live(self) -> bool {
        matches!(
            self,
            Phase::Pitching | Phase::TeamForming | Phase::Hacking | Phase::Judging | Phase::Results
        )
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phase_parses_back_from_its_name() {
        for phase in Phase::ALL {
            assert_eq!(Phase::parse(phase.as_str()).unwrap(), phase);
        }
        assert!(Phase::parse("lunch").is_err());
    }

    #[test]
    fn phases_run_in_order_from_draft_to_closed() {
        assert_eq!(Phase::Draft.previous(), None);
        assert_eq!(Phase::Draft.next(), Some(Phase::Pitching));
        assert_eq!(Phase::Results.next(), Some(Phase::Closed));
        assert_eq!(Phase::Closed.next(), None);
    }

    #[test]
    fn pitches_are_accepted_only_while_pitching_unless_organisers_allow_late_ones() {
        assert!(Phase::Pitching.accepts_pitches(false));
        assert!(!Phase::TeamForming.accepts_pitches(false));
        assert!(Phase::TeamForming.accepts_pitches(true));
        assert!(!Phase::Hacking.accepts_pitches(true));
        assert!(!Phase::Draft.accepts_pitches(true));
    }

    #[test]
    fn drafts_are_private_and_closed_events_take_no_new_attendees() {
        assert!(!Phase::Draft.is_public());
        assert!(Phase::Closed.is_public());
        assert!(!Phase::Closed.accepts_attendees());
        assert!(Phase::Judging.accepts_attendees());
    }

    #[test]
    fn teams_lock_when_hacking_starts() {
        assert!(Phase::TeamForming.teams_open());
        assert!(!Phase::Hacking.teams_open());
    }
}
