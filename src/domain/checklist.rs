//! The organisers' run of show: the first-run checklist computed from what
//! is already set up, and the next step of the day with what it changes.

use super::phase::Phase;
use serde::Serialize;

/// What the console knows about an event's set-up, read from the store.
#[derive(Debug, Clone, Copy, Default)]
pub struct SetupFacts {
    pub has_venue: bool,
    pub has_start: bool,
    pub schedule_items: usize,
    pub has_join_code: bool,
    pub criteria: usize,
    pub prizes: usize,
    pub judges: usize,
    pub projector_seen: bool,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckItem {
    /// A stable name (for tests and page anchors).
    pub key: &'static str,
    pub label: &'static str,
    /// What to do while it is not done.
    pub hint: &'static str,
    /// Where it is done: a path inside the event (`/organise#settings`).
    pub href: &'static str,
    pub done: bool,
    /// Optional items never hold the event back.
    pub optional: bool,
}

fn item(
    key: &'static str,
    label: &'static str,
    hint: &'static str,
    href: &'static str,
    done: bool,
) -> CheckItem {
    CheckItem {
        key,
        label,
        hint,
        href,
        done,
        optional: false,
    }
}

/// The first-run checklist, in the order a new organiser would work
/// through it; each line ticks itself once its fact holds.
pub fn checklist(f: &SetupFacts) -> Vec<CheckItem> {
    vec![
        item(
            "settings",
            "Name, venue and start time",
            "Fill in the venue and when the day starts",
            "/organise#settings",
            f.has_venue && f.has_start,
        ),
        item(
            "schedule",
            "Schedule",
            "Add at least the submission deadline",
            "/organise#schedule",
            f.schedule_items > 0,
        ),
        CheckItem {
            optional: true,
            ..item(
                "join_code",
                "Join code",
                "Optional: a code people type to sign up",
                "/organise#settings",
                f.has_join_code,
            )
        },
        item(
            "criteria",
            "Judging criteria",
            "Add what judges score",
            "/organise/judging",
            f.criteria > 0,
        ),
        item(
            "prizes",
            "Prizes",
            "Add at least one prize",
            "/organise/judging",
            f.prizes > 0,
        ),
        item(
            "judges",
            "Judges",
            "Appoint judges and send them their links",
            "/organise#people",
            f.judges > 0,
        ),
        item(
            "projector",
            "Projector tested",
            "Open the projector page on the venue's screen once",
            "/organise#projector",
            f.projector_seen,
        ),
    ]
}

/// How many required lines are still open.
pub fn open_items(list: &[CheckItem]) -> usize {
    list.iter().filter(|i| !i.done && !i.optional).count()
}

/// The next step of the day: the button's words and what it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NextStep {
    pub to: Phase,
    /// The button, as a verb: "Open team forming".
    pub action: &'static str,
    /// Who can do what afterwards.
    pub people: &'static str,
    /// What the projector shows afterwards.
    pub projector: &'static str,
}

/// The step after `phase`, or `None` once the event is closed.
pub fn next_step(phase: Phase) -> Option<NextStep> {
    let to = phase.next()?;
    let (action, people, projector) = match to {
        Phase::Pitching => (
            "Open the event for pitches",
            "The event page goes public: people sign up and pitch their ideas.",
            "The welcome scene with the QR code, then the pitches as they arrive.",
        ),
        Phase::TeamForming => (
            "Open team forming",
            "People join and leave teams from their phones; new pitches close unless late pitches are on.",
            "The team board, filling up live with what each team still needs.",
        ),
        Phase::Hacking => (
            "Start hacking",
            "Teams lock (only organisers can move people); teams edit their project and submit their demo.",
            "The countdown to the submission deadline.",
        ),
        Phase::Judging => (
            "Start judging",
            "Judges can score from their panel from now on (close judging again on the judging set-up page); people's choice voting opens only when you open it there.",
            "Who is presenting now (once you start the presentations), otherwise the judging scene.",
        ),
        Phase::Results => (
            "Move on to results",
            "Judging and people's choice voting are closed, so scores and votes stand still while you decide the winners on the results page.",
            "The prizes, revealed one by one when you reveal them.",
        ),
        Phase::Closed => (
            "Close the event",
            "Nobody new can sign up; the projects, demos and winners stay online as the archive.",
            "The winners revealed so far.",
        ),
        Phase::Draft => return None,
    };
    Some(NextStep {
        to,
        action,
        people,
        projector,
    })
}

/// Whether moving from `from` to `to` goes backwards (and so asks first).
pub fn goes_back(from: Phase, to: Phase) -> bool {
    to < from
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(list: &[CheckItem], key: &str) -> bool {
        list.iter().find(|i| i.key == key).expect("an item").done
    }

    #[test]
    fn a_new_event_has_everything_left_to_do_except_the_optional_join_code() {
        let list = checklist(&SetupFacts::default());
        assert_eq!(list.len(), 7);
        assert!(list.iter().all(|i| !i.done));
        assert_eq!(open_items(&list), 6, "the join code is optional");
    }

    #[test]
    fn each_line_ticks_itself_when_its_fact_holds() {
        let facts = SetupFacts {
            has_venue: true,
            has_start: false,
            schedule_items: 2,
            criteria: 1,
            judges: 3,
            projector_seen: true,
            ..SetupFacts::default()
        };
        let list = checklist(&facts);
        assert!(
            !done(&list, "settings"),
            "a venue without a start time is not enough"
        );
        assert!(done(&list, "schedule") && done(&list, "criteria") && done(&list, "judges"));
        assert!(done(&list, "projector"));
        assert!(!done(&list, "prizes") && !done(&list, "join_code"));
        assert_eq!(open_items(&list), 2);

        let all = SetupFacts {
            has_start: true,
            prizes: 1,
            has_join_code: true,
            ..facts
        };
        assert_eq!(open_items(&checklist(&all)), 0);
    }

    #[test]
    fn the_next_step_follows_the_phases_and_ends_when_closed() {
        let step = next_step(Phase::Pitching).expect("a step");
        assert_eq!(step.to, Phase::TeamForming);
        assert_eq!(step.action, "Open team forming");
        assert_eq!(next_step(Phase::Draft).expect("a step").to, Phase::Pitching);
        assert!(next_step(Phase::Closed).is_none());
        for phase in Phase::ALL.into_iter().filter(|p| *p != Phase::Closed) {
            assert!(next_step(phase).is_some_and(|s| !s.people.is_empty()));
        }
    }

    #[test]
    fn only_a_move_to_an_earlier_phase_goes_back() {
        assert!(goes_back(Phase::Hacking, Phase::TeamForming));
        assert!(!goes_back(Phase::Pitching, Phase::Hacking));
        assert!(!goes_back(Phase::Judging, Phase::Judging));
    }
}
