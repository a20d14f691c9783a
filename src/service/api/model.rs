//! What the public API hands out: plain serialisable records with their
//! OpenAPI schemas. Only what the public pages show; never scores, votes,
//! notes, join codes, tokens, the late flag or person ids.

use serde::Serialize;
use utoipa::ToSchema;

/// The public events of this installation, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventList {
    pub events: Vec<EventSummary>,
}

/// An event as listed. `slug` is its stable id.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventSummary {
    pub slug: String,
    pub name: String,
    pub venue: String,
    /// The event's wall-clock time (`YYYY-MM-DDTHH:MM:SS`, no zone).
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// The event's IANA time zone (`Europe/London`): its wall-clock times
    /// are in it.
    pub time_zone: String,
    /// The same times with the zone's offset (RFC 3339,
    /// `2026-10-24T09:00:00+01:00`).
    pub starts_at_with_offset: Option<String>,
    pub ends_at_with_offset: Option<String>,
    pub phase: PublicPhase,
    /// The event's page for people.
    pub url: String,
    /// This event in the API.
    pub api_url: String,
}

/// Where an event is in its day. Drafts are never public.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PublicPhase {
    Pitching,
    TeamForming,
    Hacking,
    Judging,
    Results,
    Closed,
}

/// An event with its schedule and phase.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDetail {
    pub slug: String,
    pub name: String,
    pub venue: String,
    /// The event's wall-clock time (`YYYY-MM-DDTHH:MM:SS`, no zone).
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// The event's IANA time zone (`Europe/London`): its wall-clock times,
    /// the schedule's too, are in it.
    pub time_zone: String,
    /// The same times with the zone's offset (RFC 3339).
    pub starts_at_with_offset: Option<String>,
    pub ends_at_with_offset: Option<String>,
    pub phase: PublicPhase,
    pub phase_label: String,
    /// How many people a team may have.
    pub team_size_cap: i32,
    pub schedule: Vec<ScheduleEntry>,
    pub url: String,
    pub projects_url: String,
    pub prizes_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleEntry {
    /// `other`, `submission_deadline` or `presentations`.
    pub kind: String,
    pub label: String,
    /// The event's wall-clock time (`YYYY-MM-DDTHH:MM:SS`, no zone).
    pub at: String,
    /// The same time with the offset of the event's zone that day (RFC
    /// 3339, `2026-10-24T09:00:00+01:00`).
    pub at_with_offset: String,
}

/// An event's open projects, in pitch order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectList {
    pub projects: Vec<ProjectEntry>,
}

/// A project: its pitch, its team, its submission and the prizes it won
/// (once revealed). `id` is stable.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectEntry {
    pub id: i64,
    pub title: String,
    /// The problem and idea, as pitched.
    pub problem: String,
    pub pitcher: String,
    pub skills_needed: Vec<String>,
    pub team: Vec<TeamMember>,
    pub submission: Option<SubmissionEntry>,
    /// Names of the prizes it won, once revealed.
    pub prizes_won: Vec<String>,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMember {
    pub name: String,
    pub skills: Vec<String>,
}

/// A team's demo submission.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionEntry {
    pub repo_url: String,
    /// The recognised code host (GitHub, GitLab, ...), if any.
    pub forge: Option<String>,
    pub demo_url: Option<String>,
    pub slides_url: Option<String>,
    pub video_url: Option<String>,
    /// What was built.
    pub built: String,
    /// A licence code such as `MIT`, or empty.
    pub licence: String,
    pub licence_label: String,
    pub keep_working: bool,
    /// When it was first submitted and last changed: UTC, without a zone
    /// (as before; kept for existing readers).
    pub submitted_at: String,
    pub updated_at: String,
    /// The same two times as RFC 3339 with `Z` (`2026-06-15T13:40:00Z`).
    pub submitted_at_utc: String,
    pub updated_at_utc: String,
}

/// An event's prizes; winners appear once revealed.
#[derive(Debug, Serialize, ToSchema)]
pub struct PrizeList {
    pub prizes: Vec<PrizeEntry>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PrizeEntry {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub kind: PrizeKind,
    /// Null until the organisers reveal it.
    pub winner: Option<Winner>,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PrizeKind {
    /// Decided by the judges' scores.
    Judged,
    /// Decided by the attendees' vote.
    PeoplesChoice,
    /// Decided by the organisers.
    Special,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Winner {
    pub project_id: i64,
    pub title: String,
}

/// What every refusal carries.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    pub error: String,
}
