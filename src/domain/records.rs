//! What the store hands back: events, people and projects as the rest of
//! the app sees them, with typed ids and parsed enums.

use super::event::JoinCode;
use super::ids::{EventId, PersonId, ProjectId, ScheduleItemId};
use super::phase::Phase;
use super::role::Role;
use super::skills::SkillSet;
use chrono::NaiveDateTime;

#[derive(Debug, Clone)]
pub struct Event {
    pub id: EventId,
    pub slug: String,
    pub name: String,
    pub venue: String,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    pub team_size_cap: i32,
    pub join_code: Option<JoinCode>,
    /// Whether the public projector (and so the live channel) shows the join code.
    pub show_join_code: bool,
    pub phase: Phase,
    pub late_pitches: bool,
    pub version: i64,
    /// The event's own time zone: its schedule times are wall-clock times there.
    pub zone: super::timezone::EventZone,
    /// Whether the umbrella's admins approved it (a local organiser's proposal).
    pub approval: super::proposal::Approval,
    pub proposed_by: Option<super::ids::LocalOrganiserId>,
    /// The admin's note on approving or declining it.
    pub review_note: String,
}

impl Event {
    /// Whether anyone but its organisers and the admins may see the event:
    /// approved, and out of draft. The one rule for pages, the live
    /// channel, the API, exports and listings.
    pub fn is_public(&self) -> bool {
        self.approval == super::proposal::Approval::Approved && self.phase.is_public()
    }

    pub fn accepts_pitches(&self) -> bool {
        self.phase.accepts_pitches(self.late_pitches)
    }
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: PersonId,
    pub event_id: EventId,
    pub name: String,
    pub skills: SkillSet,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectStatus {
    Open,
    Withdrawn,
    Hidden,
}

impl ProjectStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Open => "open",
            ProjectStatus::Withdrawn => "withdrawn",
            ProjectStatus::Hidden => "hidden",
        }
    }

    pub fn from_stored(raw: &str) -> Self {
        match raw {
            "withdrawn" => ProjectStatus::Withdrawn,
            "hidden" => ProjectStatus::Hidden,
            _ => ProjectStatus::Open,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Project {
    pub id: ProjectId,
    pub event_id: EventId,
    pub pitcher_id: PersonId,
    pub pitcher_name: String,
    pub title: String,
    pub problem: String,
    pub skills_needed: SkillSet,
    pub status: ProjectStatus,
    pub created_at: NaiveDateTime,
}

/// A team member as the board shows them.
#[derive(Debug, Clone)]
pub struct Member {
    pub project_id: ProjectId,
    pub person_id: PersonId,
    pub name: String,
    pub skills: SkillSet,
}

#[derive(Debug, Clone)]
pub struct ScheduleItem {
    pub id: ScheduleItemId,
    pub kind: ScheduleKind,
    pub label: String,
    pub at: NaiveDateTime,
}

/// A project with its team, as the event page and the team board show it.
#[derive(Debug, Clone)]
pub struct ProjectCard {
    pub project: Project,
    pub members: Vec<Member>,
    /// What the pitch asked for that nobody in the team brings yet.
    pub still_needed: SkillSet,
    /// Whether the team has submitted its demo.
    pub submitted: bool,
}

impl ProjectCard {
    pub fn new(project: Project, members: Vec<Member>) -> Self {
        let present = members
            .iter()
            .fold(SkillSet::empty(), |acc, m| acc.union(m.skills));
        ProjectCard {
            still_needed: project.skills_needed.missing_from(present),
            project,
            members,
            submitted: false,
        }
    }
}

/// What a schedule entry marks; the deadline drives the late flag and the
/// projector's countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleKind {
    Other,
    SubmissionDeadline,
    Presentations,
}

impl ScheduleKind {
    pub const ALL: [ScheduleKind; 3] = [
        ScheduleKind::Other,
        ScheduleKind::SubmissionDeadline,
        ScheduleKind::Presentations,
    ];

    /// The name stored and posted.
    pub fn as_str(self) -> &'static str {
        match self {
            ScheduleKind::Other => "other",
            ScheduleKind::SubmissionDeadline => "submission_deadline",
            ScheduleKind::Presentations => "presentations",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ScheduleKind::Other => "Other",
            ScheduleKind::SubmissionDeadline => "Submission deadline",
            ScheduleKind::Presentations => "Presentations start",
        }
    }

    /// The kind a stored or posted name stands for.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}
