//! The kinds of change the audit log records, each with the words people
//! read in the organisers' log.

/// One kind of change. Stored by its `as_str` name, which never changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    AdminCreated,
    EventCreated,
    SignedUp,
    Appointed,
    LinkReissued,
    SettingsChanged,
    PhaseChanged,
    ScheduleAdded,
    ScheduleRemoved,
    DisplayScene,
    Timer,
    PitchSubmitted,
    PitchEdited,
    PitchWithdrawn,
    PitchHidden,
    PitchShown,
    PersonMoved,
    SubmissionSaved,
    RunningOrder,
    NowPresenting,
    CriterionAdded,
    CriteriaDefaults,
    CriterionRemoved,
    PrizeAdded,
    PrizeRemoved,
    JudgingFlags,
    JudgeRevoked,
    ConflictDeclared,
    ConflictWithdrawn,
    WinnerChosen,
    PrizeRevealed,
    Revoked,
    VoterRule,
    VotesVoided,
    Announced,
    AnnouncementCleared,
    PitchesMerged,
    ScoresOnBehalf,
    UmbrellaChanged,
    UmbrellaImported,
    LocalOrganiserInvited,
    EventProposed,
    EventApproved,
    EventDeclined,
    JudgeScoresCounted,
    PitchHandedOver,
}

use AuditAction::*;

/// Every action with its stored name and what the log says about it.
const TABLE: [(AuditAction, &str, &str); 46] = [
    (AdminCreated, "admin_created", "set up the installation"),
    (EventCreated, "event_created", "created the event"),
    (SignedUp, "signed_up", "signed up"),
    (Appointed, "appointed", "appointed"),
    (LinkReissued, "link_reissued", "made a new sign-in link for"),
    (SettingsChanged, "settings_changed", "changed the settings"),
    (PhaseChanged, "phase_changed", "moved the event on"),
    (ScheduleAdded, "schedule_added", "added to the schedule"),
    (
        ScheduleRemoved,
        "schedule_removed",
        "removed from the schedule",
    ),
    (DisplayScene, "display_scene", "set the projector to"),
    (Timer, "timer", "changed the timer"),
    (PitchSubmitted, "pitch_submitted", "pitched"),
    (PitchEdited, "pitch_edited", "edited the pitch"),
    (PitchWithdrawn, "pitch_withdrawn", "withdrew the pitch"),
    (PitchHidden, "pitch_hidden", "hid the pitch"),
    (PitchShown, "pitch_shown", "showed the pitch again"),
    (PersonMoved, "person_moved", "moved"),
    (
        SubmissionSaved,
        "submission_saved",
        "saved the demo submission",
    ),
    (RunningOrder, "running_order", "changed the running order"),
    (NowPresenting, "now_presenting", "set who presents now"),
    (CriterionAdded, "criterion_added", "added the criterion"),
    (
        CriteriaDefaults,
        "criteria_defaults",
        "added the default criteria",
    ),
    (
        CriterionRemoved,
        "criterion_removed",
        "removed the criterion",
    ),
    (PrizeAdded, "prize_added", "added the prize"),
    (PrizeRemoved, "prize_removed", "removed the prize"),
    (JudgingFlags, "judging_flags", "changed judging and voting"),
    (JudgeRevoked, "judge_revoked", "revoked the judge"),
    (
        ConflictDeclared,
        "conflict_declared",
        "declared a conflict with",
    ),
    (
        ConflictWithdrawn,
        "conflict_withdrawn",
        "withdrew a conflict with",
    ),
    (WinnerChosen, "winner_chosen", "chose a winner"),
    (PrizeRevealed, "prize_revealed", "revealed a prize"),
    (Revoked, "revoked", "revoked"),
    (VoterRule, "voter_rule", "chose who may vote:"),
    (VotesVoided, "votes_voided", "voided"),
    (Announced, "announced", "announced"),
    (AnnouncementCleared, "announcement_cleared", "cleared"),
    (PitchesMerged, "pitches_merged", "merged the pitch"),
    (
        ScoresOnBehalf,
        "scores_on_behalf",
        "entered scores from a paper sheet",
    ),
    (UmbrellaChanged, "umbrella_changed", "changed the umbrella"),
    (
        UmbrellaImported,
        "umbrella_imported",
        "imported an umbrella export",
    ),
    (
        LocalOrganiserInvited,
        "local_organiser_invited",
        "invited the local organiser",
    ),
    (EventProposed, "event_proposed", "proposed the event"),
    (EventApproved, "event_approved", "approved the event"),
    (EventDeclined, "event_declined", "declined the event"),
    (
        JudgeScoresCounted,
        "judge_scores_counted",
        "decided about a revoked judge's scores:",
    ),
    (
        PitchHandedOver,
        "pitch_handed_over",
        "handed a project over:",
    ),
];

impl AuditAction {
    fn row(self) -> &'static (AuditAction, &'static str, &'static str) {
        TABLE
            .iter()
            .find(|(a, _, _)| *a == self)
            .expect("every action is in the table")
    }

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        self.row().1
    }

    /// What the log says the actor did, e.g. "withdrew the pitch".
    pub fn label(self) -> &'static str {
        self.row().2
    }

    /// The action a stored name stands for (unknown names are `None`).
    pub fn parse(name: &str) -> Option<Self> {
        TABLE
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, _, _)| *a)
    }
}

/// "judging opened, voting closed", for the audit log.
pub fn judging_flags_detail(judging: Option<bool>, voting: Option<bool>) -> String {
    let said = |what: &str, open: Option<bool>| {
        open.map(|o| format!("{what} {}", if o { "opened" } else { "closed" }))
    };
    [said("judging", judging), said("voting", voting)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_unique_stored_name_that_parses_back() {
        let mut names = std::collections::HashSet::new();
        for (action, name, _) in TABLE {
            assert!(names.insert(name), "{name} is used twice");
            assert_eq!(AuditAction::parse(name), Some(action));
            assert_eq!(action.as_str(), name);
        }
        assert_eq!(AuditAction::parse("no_such_action"), None);
    }
}
