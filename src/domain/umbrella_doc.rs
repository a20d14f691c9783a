//! The umbrella-wide export format (`hackday-umbrella`, version 1): the
//! document's shape, and its parsing into checked values for an import.
//! The README documents the format; change both together.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

mod check;
use check::check;
pub use check::{Checked, CheckedEvent, CheckedProject};

pub const FORMAT: &str = "hackday-umbrella";
pub const VERSION: i64 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: i64,
    pub exported_at: NaiveDateTime,
    pub umbrella: UmbrellaDoc,
    /// The umbrella's defaults for new events, when the admin saved some.
    /// Optional in version 1: documents without it import as before, and
    /// the installation keeps its built-in defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defaults: Option<crate::domain::template::TemplateDoc>,
    pub events: Vec<EventDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct UmbrellaDoc {
    pub name: String,
    pub description: String,
    pub principles: Vec<String>,
    pub code_of_conduct: String,
    pub brand_colour: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct EventDoc {
    pub slug: String,
    pub name: String,
    pub venue: String,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    /// The event's IANA time zone; the times above are wall-clock times
    /// there. Optional in version 1: absent means Europe/London.
    #[serde(default)]
    pub time_zone: Option<String>,
    pub phase: String,
    pub team_size_cap: i32,
    pub schedule: Vec<ScheduleDoc>,
    pub prizes: Vec<PrizeDoc>,
    pub projects: Vec<ProjectDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ScheduleDoc {
    pub kind: String,
    pub label: String,
    pub at: NaiveDateTime,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PrizeDoc {
    pub name: String,
    pub description: String,
    pub kind: String,
    /// The `id` of the winning project in this event, once revealed.
    pub winner: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectDoc {
    /// Unique within its event in this document (links prize winners).
    pub id: i64,
    pub title: String,
    pub problem: String,
    pub skills_needed: Vec<String>,
    pub pitcher: String,
    pub team: Vec<MemberDoc>,
    pub submission: Option<SubmissionDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct MemberDoc {
    pub name: String,
    pub skills: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SubmissionDoc {
    pub repo_url: String,
    pub demo_url: Option<String>,
    pub slides_url: Option<String>,
    pub video_url: Option<String>,
    pub built: String,
    pub licence: String,
    pub keep_working: bool,
    pub late: bool,
    pub submitted_at: NaiveDateTime,
}

/// Why a document was refused, in words for the admin.
#[derive(Debug)]
pub struct Refusal(pub Vec<String>);

/// Reads a document: first what it says it is (format and version), then
/// its shape, then every value. Nothing is half-accepted.
pub fn parse(text: &str) -> Result<Checked, Refusal> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Refusal(vec![format!("This is not a JSON document ({e})")]))?;
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(FORMAT) {
        return Err(Refusal(vec![format!(
            "This is not a hackday umbrella export: its \"format\" should be \"{FORMAT}\", not {}",
            value
                .get("format")
                .map_or("missing".into(), |f| f.to_string())
        )]));
    }
    let version = value.get("version").and_then(|v| v.as_i64());
    if version != Some(VERSION) {
        return Err(Refusal(vec![format!(
            "This server reads version {VERSION} of the format; the document says {}",
            value
                .get("version")
                .map_or("nothing".into(), |v| v.to_string())
        )]));
    }
    let doc: Document = serde_json::from_str(text).map_err(|e| {
        Refusal(vec![format!(
            "The document does not have the shape of version {VERSION}: {e}"
        )])
    })?;
    check(doc)
}
