//! The live protocol's messages. Server → client: `hello`, `snapshot`,
//! `delta`, `ack`, `error`, `pong`, `restarting`. Client → server: `join`, `leave`,
//! `sync`, `ping`. See README "Live protocol".

use crate::domain::{Event, ProjectCard, Skill};
use serde::{Deserialize, Serialize};

/// A team as every live page shows it: the whole state, so that applying
/// it twice, or late, is harmless.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TeamView {
    pub id: i64,
    pub title: String,
    pub pitcher: String,
    pub cap: i32,
    pub members: Vec<MemberView>,
    pub needs: Vec<String>,
    pub still_needed: Vec<String>,
    #[serde(default)]
    pub submitted: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MemberView {
    pub id: i64,
    pub name: String,
    pub skills: Vec<String>,
}

fn labels(set: crate::domain::SkillSet) -> Vec<String> {
    set.iter().map(|s: Skill| s.label().to_string()).collect()
}

impl TeamView {
    pub fn new(card: &ProjectCard, cap: i32) -> Self {
        TeamView {
            id: card.project.id.0,
            title: card.project.title.clone(),
            pitcher: card.project.pitcher_name.clone(),
            cap,
            members: card
                .members
                .iter()
                .map(|m| MemberView {
                    id: m.person_id.0,
                    name: m.name.clone(),
                    skills: labels(m.skills),
                })
                .collect(),
            needs: labels(card.project.skills_needed),
            still_needed: labels(card.still_needed),
            submitted: card.submitted,
        }
    }
}

/// What the board needs to know about the event itself.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventInfo {
    pub name: String,
    pub phase: String,
    pub phase_label: String,
    pub cap: i32,
    pub teams_open: bool,
    /// How many teams have submitted their demo.
    #[serde(default)]
    pub submitted: i64,
    /// Project ids in presentation order.
    #[serde(default)]
    pub running_order: Vec<i64>,
    #[serde(default)]
    pub now_presenting: Option<i64>,
    #[serde(default)]
    pub judging_open: bool,
    #[serde(default)]
    pub voting_open: bool,
    /// Judging progress: complete (judge, project) pairs of those expected.
    /// Never any scores.
    #[serde(default)]
    pub judged: i64,
    #[serde(default)]
    pub to_judge: i64,
    /// Prizes revealed so far, in order.
    #[serde(default)]
    pub revealed: Vec<RevealedPrize>,
    /// The projector's scene as an organiser chose it; none follows the phase.
    #[serde(default)]
    pub scene: Option<String>,
    #[serde(default)]
    pub timer: TimerInfo,
    /// The submission deadline on the server's clock (ms since the epoch).
    #[serde(default)]
    pub deadline_ms: Option<i64>,
    /// Shown on the projector's welcome scene, only when organisers chose to.
    #[serde(default)]
    pub join_code: Option<String>,
    /// The organisers' latest announcements, newest first; phones and the
    /// projector show the ones not cleared as banners.
    #[serde(default)]
    pub announcements: Vec<AnnouncementView>,
}

/// One announcement as live pages show it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AnnouncementView {
    pub id: i64,
    pub text: String,
    /// When it was made, on the server's clock (ms since the epoch).
    pub at_ms: i64,
    /// Cleared by an organiser: listed on the event page, no banner.
    pub cleared: bool,
}

/// The shared countdown: while running, `ends_at_ms` on the server's clock;
/// while paused, `remaining_ms`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TimerInfo {
    pub duration_ms: i64,
    pub remaining_ms: i64,
    pub ends_at_ms: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RevealedPrize {
    pub prize: String,
    pub project: i64,
    pub title: String,
    /// The team members' names, for the reveal on the projector.
    #[serde(default)]
    pub team: Vec<String>,
}

/// What the event info adds to the event itself.
pub struct Progress {
    pub submitted: i64,
    pub running_order: Vec<i64>,
    pub now_presenting: Option<i64>,
    pub judging_open: bool,
    pub voting_open: bool,
    pub judged: i64,
    pub to_judge: i64,
    pub revealed: Vec<RevealedPrize>,
    pub scene: Option<String>,
    pub timer: TimerInfo,
    pub deadline_ms: Option<i64>,
    pub announcements: Vec<AnnouncementView>,
}

impl EventInfo {
    pub fn new(event: &Event, progress: Progress) -> Self {
        EventInfo {
            name: event.name.clone(),
            phase: event.phase.as_str().to_string(),
            phase_label: event.phase.label().to_string(),
            cap: event.team_size_cap,
            teams_open: event.phase.teams_open(),
            submitted: progress.submitted,
            running_order: progress.running_order,
            now_presenting: progress.now_presenting,
            judging_open: progress.judging_open,
            voting_open: progress.voting_open,
            judged: progress.judged,
            to_judge: progress.to_judge,
            revealed: progress.revealed,
            scene: progress.scene,
            timer: progress.timer,
            deadline_ms: progress.deadline_ms,
            announcements: progress.announcements,
            // Every socket gets the same frame, anonymous ones too: the
            // code goes out only when organisers put it on the projector.
            join_code: event
                .join_code
                .as_ref()
                .filter(|_| event.show_join_code)
                .map(|c| c.as_str().to_string()),
        }
    }
}

/// One committed change to an event, at its new version. Travels between
/// instances as JSON (a PostgreSQL NOTIFY payload), so it stays small:
/// only the teams it touched.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Change {
    pub event_id: i64,
    pub version: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<TeamView>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<EventInfo>,
    /// Too big to carry: clients fetch a fresh snapshot instead.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resync: bool,
}

impl Change {
    pub fn new(event_id: i64, version: i64) -> Self {
        Change {
            event_id,
            version,
            ..Default::default()
        }
    }

    /// Folds a later change into this one: later team states win, and a
    /// team removed later is dropped (and the reverse).
    pub fn absorb(&mut self, later: Change) {
        for team in later.teams {
            self.removed.retain(|id| *id != team.id);
            match self.teams.iter_mut().find(|t| t.id == team.id) {
                Some(existing) => *existing = team,
                None => self.teams.push(team),
            }
        }
        for id in later.removed {
            self.teams.retain(|t| t.id != id);
            if !self.removed.contains(&id) {
                self.removed.push(id);
            }
        }
        if later.event.is_some() {
            self.event = later.event;
        }
        self.resync |= later.resync;
        self.version = later.version;
    }
}

/// The frame sent to clients for a run of changes `from..=version`.
#[derive(Debug, Serialize)]
pub struct DeltaFrame<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub from: i64,
    pub version: i64,
    pub teams: &'a [TeamView],
    pub removed: &'a [i64],
    pub event: &'a Option<EventInfo>,
    pub resync: bool,
}

#[derive(Debug, Serialize)]
pub struct SnapshotFrame<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub version: i64,
    pub event: &'a EventInfo,
    pub teams: &'a [TeamView],
}

/// A command from a client.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Command {
    Join { id: String, team: i64 },
    Leave { id: String },
    Sync,
    Ping,
}

pub fn ack(id: &str, version: i64) -> String {
    serde_json::json!({"type": "ack", "id": id, "version": version}).to_string()
}

pub fn error(id: Option<&str>, message: &str) -> String {
    serde_json::json!({"type": "error", "id": id, "message": message}).to_string()
}

/// Also carries the server's clock (ms since the epoch).
pub fn pong(now_ms: i64) -> String {
    serde_json::json!({"type": "pong", "now": now_ms}).to_string()
}

/// Sent just before the server closes the socket with 1012 because this
/// instance is stopping: reconnect with the usual backoff.
pub fn restarting() -> String {
    serde_json::json!({"type": "restarting"}).to_string()
}

pub fn hello(person: Option<i64>, name: Option<&str>) -> String {
    serde_json::json!({"type": "hello", "you": person, "name": name}).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(id: i64, title: &str) -> TeamView {
        TeamView {
            id,
            title: title.into(),
            pitcher: "p".into(),
            cap: 5,
            members: vec![],
            needs: vec![],
            still_needed: vec![],
            submitted: false,
        }
    }

    #[test]
    fn absorbing_keeps_the_latest_state_of_each_team_and_the_last_version() {
        let mut a = Change::new(1, 5);
        a.teams.push(team(1, "old"));
        let mut b = Change::new(1, 6);
        b.teams.push(team(1, "new"));
        b.teams.push(team(2, "other"));
        a.absorb(b);
        assert_eq!(a.version, 6);
        assert_eq!(a.teams.len(), 2);
        assert_eq!(a.teams[0].title, "new");
    }

    #[test]
    fn a_team_removed_after_a_change_is_dropped_and_readded_after_removal_is_kept() {
        let mut a = Change::new(1, 1);
        a.teams.push(team(1, "t"));
        let mut b = Change::new(1, 2);
        b.removed.push(1);
        a.absorb(b);
        assert!(a.teams.is_empty());
        assert_eq!(a.removed, vec![1]);
        let mut c = Change::new(1, 3);
        c.teams.push(team(1, "back"));
        a.absorb(c);
        assert!(a.removed.is_empty());
        assert_eq!(a.teams[0].title, "back");
    }

    #[test]
    fn commands_parse_and_junk_does_not() {
        assert!(matches!(
            serde_json::from_str::<Command>(r#"{"type":"join","id":"r1","team":3}"#),
            Ok(Command::Join { team: 3, .. })
        ));
        assert!(serde_json::from_str::<Command>(r#"{"type":"leave","id":"r2"}"#).is_ok());
        assert!(serde_json::from_str::<Command>(r#"{"type":"drop_tables"}"#).is_err());
        assert!(serde_json::from_str::<Command>("not json").is_err());
        assert!(serde_json::from_str::<Command>(r#"{"type":"join","id":"r1"}"#).is_err());
    }
}
