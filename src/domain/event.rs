//! An event's settings as organisers edit them: slug, join code, team size cap.

use super::text::{EventName, Venue};
use super::validation::{FieldErrors, Invalid};
use chrono::NaiveDateTime;
use serde::Serialize;

/// The short name in an event's address: `/e/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let slug = raw.trim().to_ascii_lowercase();
        let len = slug.chars().count();
        if !(2..=40).contains(&len) {
            return Err(Invalid::new(
                "slug",
                "The short name needs 2 to 40 characters",
            ));
        }
        let allowed = slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !allowed || slug.starts_with('-') || slug.ends_with('-') {
            return Err(Invalid::new(
                "slug",
                "Use only letters, digits and dashes (not at either end), like nhs-hack-day-leeds",
            ));
        }
        Ok(Self(slug))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether an address's slug is exactly as `parse` would store it, so
    /// lookups never send odd bytes to the database.
    pub fn is_canonical(raw: &str) -> bool {
        Self::parse(raw).is_ok_and(|s| s.0 == raw)
    }
}

/// An optional code attendees must give to sign up: it keeps strangers out
/// of a room's sign-up, so it is shown at the desk (and on the projector
/// only if organisers choose) and needs enough letters and digits not to be
/// guessed. Compared without regard to case or surrounding spaces, since
/// people read it off a screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct JoinCode(String);

impl JoinCode {
    /// The fewest letters and digits a join code may have.
    pub const MIN_STRENGTH: usize = 6;

    /// An empty field means "no join code".
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, Invalid> {
        let code = raw.trim();
        if code.is_empty() {
            return Ok(None);
        }
        if code.chars().count() > 20 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(Invalid::new(
                "join_code",
                "A join code has at most 20 letters, digits or dashes",
            ));
        }
        let strength = code.chars().filter(char::is_ascii_alphanumeric).count();
        if strength < Self::MIN_STRENGTH {
            return Err(Invalid::new(
                "join_code",
                format!(
                    "A join code needs at least {} letters or digits, so that it cannot be guessed \
                     quickly (like WARD-7-LEEDS)",
                    Self::MIN_STRENGTH
                ),
            ));
        }
        Ok(Some(Self(code.to_ascii_uppercase())))
    }

    /// A code read back from the database, kept as it was even if it is
    /// shorter than today's minimum (it was accepted when it was set).
    pub fn from_stored(stored: &str) -> Option<Self> {
        let code = stored.trim();
        (!code.is_empty()).then(|| Self(code.to_ascii_uppercase()))
    }

    pub fn matches(&self, typed: &str) -> bool {
        use subtle::ConstantTimeEq;
        let typed = typed.trim().to_ascii_uppercase();
        typed.as_bytes().ct_eq(self.0.as_bytes()).into()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How many people a team may have, the pitcher included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct TeamSizeCap(i32);

impl TeamSizeCap {
    pub const MIN: i32 = 1;
    pub const MAX: i32 = 30;

    pub fn new(value: i32) -> Result<Self, Invalid> {
        if (Self::MIN..=Self::MAX).contains(&value) {
            Ok(Self(value))
        } else {
            Err(Invalid::new(
                "team_size_cap",
                format!("A team can have {} to {} people", Self::MIN, Self::MAX),
            ))
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        raw.trim()
            .parse::<i32>()
            .map_err(|_| Invalid::new("team_size_cap", "Give the team size as a whole number"))
            .and_then(Self::new)
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

/// Parses a `datetime-local` form value (`2026-11-21T09:30`); empty is none.
pub fn parse_optional_datetime(
    field: &'static str,
    raw: &str,
) -> Result<Option<NaiveDateTime>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    parse_datetime(field, raw).map(Some)
}

pub fn parse_datetime(field: &'static str, raw: &str) -> Result<NaiveDateTime, Invalid> {
    let raw = raw.trim();
    NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| Invalid::new(field, "Give a date and time like 2026-11-21 09:30"))
}

/// The settings an organiser edits on the event form, all parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSettings {
    pub name: EventName,
    pub venue: Venue,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    pub team_size_cap: TeamSizeCap,
    pub join_code: Option<JoinCode>,
    /// Whether the public projector shows the join code.
    pub show_join_code: bool,
    pub late_pitches: bool,
    /// The event's time zone; none keeps the one it has.
    pub zone: Option<super::timezone::EventZone>,
}

/// The raw settings form, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
pub struct EventSettingsForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub team_size_cap: String,
    #[serde(default)]
    pub join_code: String,
    #[serde(default)]
    pub show_join_code: Option<String>,
    #[serde(default)]
    pub late_pitches: Option<String>,
    /// Empty keeps the event's zone (forms from before zones existed).
    #[serde(default)]
    pub time_zone: String,
}

impl EventSettings {
    pub fn parse(form: &EventSettingsForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.take(EventName::parse(&form.name));
        let venue = errors.take(Venue::parse(&form.venue));
        let starts_at = errors.take(parse_optional_datetime("starts_at", &form.starts_at));
        let ends_at = errors.take(parse_optional_datetime("ends_at", &form.ends_at));
        let team_size_cap = errors.take(TeamSizeCap::parse(&form.team_size_cap));
        let join_code = errors.take(JoinCode::parse_optional(&form.join_code));
        let zone = if form.time_zone.trim().is_empty() {
            None
        } else {
            errors.take(super::timezone::EventZone::parse(&form.time_zone))
        };
        if let (Some(Some(start)), Some(Some(end))) = (starts_at, ends_at)
            && end < start
        {
            errors.add("ends_at", "The end comes before the start");
        }
        match (name, venue, starts_at, ends_at, team_size_cap, join_code) {
            (Some(name), Some(venue), Some(starts_at), Some(ends_at), Some(cap), Some(code))
                if errors.is_empty() =>
            {
                Ok(Self {
                    name,
                    venue,
                    starts_at,
                    ends_at,
                    team_size_cap: cap,
                    join_code: code,
                    show_join_code: form.show_join_code.is_some(),
                    late_pitches: form.late_pitches.is_some(),
                    zone,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_is_lowercased_and_limited_to_letters_digits_and_dashes() {
        assert_eq!(Slug::parse(" NHS-Leeds ").unwrap().as_str(), "nhs-leeds");
        assert!(Slug::parse("a").is_err());
        assert!(Slug::parse("ab").is_ok());
        assert!(Slug::parse(&"a".repeat(40)).is_ok());
        assert!(Slug::parse(&"a".repeat(41)).is_err());
        assert!(Slug::parse("-leeds").is_err());
        assert!(Slug::parse("lee ds").is_err());
        assert!(Slug::parse("../etc").is_err());
    }

    #[test]
    fn a_join_code_matches_whatever_the_case_and_spaces() {
        let code = JoinCode::parse_optional("Ward-77").unwrap().unwrap();
        assert!(code.matches(" ward-77 "));
        assert!(!code.matches("ward-78"));
        assert!(!code.matches(""));
        assert_eq!(JoinCode::parse_optional("  ").unwrap(), None);
        assert!(JoinCode::parse_optional(&"x".repeat(21)).is_err());
        assert!(JoinCode::parse_optional("a b").is_err());
    }

    #[test]
    fn a_join_code_needs_six_letters_or_digits_but_a_stored_short_one_is_kept() {
        let err = JoinCode::parse_optional("ward7").unwrap_err();
        assert!(
            err.message.contains("at least 6 letters or digits"),
            "{}",
            err.message
        );
        assert!(
            JoinCode::parse_optional("w-a-r-d-7").is_err(),
            "dashes do not count"
        );
        assert!(JoinCode::parse_optional("ward77").unwrap().is_some());
        assert_eq!(JoinCode::from_stored("x").unwrap().as_str(), "X");
        assert_eq!(JoinCode::from_stored(""), None);
    }

    #[test]
    fn the_team_size_cap_runs_from_1_to_30() {
        assert!(TeamSizeCap::parse("0").is_err());
        assert_eq!(TeamSizeCap::parse("1").unwrap().get(), 1);
        assert_eq!(TeamSizeCap::parse(" 30 ").unwrap().get(), 30);
        assert!(TeamSizeCap::parse("31").is_err());
        assert!(TeamSizeCap::parse("six").is_err());
    }

    #[test]
    fn event_settings_report_every_bad_field_at_once() {
        let form = EventSettingsForm {
            name: String::new(),
            team_size_cap: "99".into(),
            starts_at: "2026-11-21T09:00".into(),
            ends_at: "2026-11-20T09:00".into(),
            ..Default::default()
        };
        let errors = EventSettings::parse(&form).unwrap_err();
        assert!(errors.get("name").is_some());
        assert!(errors.get("team_size_cap").is_some());
        assert!(errors.get("ends_at").is_some());
    }

    #[test]
    fn good_event_settings_parse() {
        let form = EventSettingsForm {
            name: "NHS Hack Day Leeds".into(),
            team_size_cap: "6".into(),
            starts_at: "2026-11-21T09:00".into(),
            late_pitches: Some("on".into()),
            ..Default::default()
        };
        let settings = EventSettings::parse(&form).unwrap();
        assert_eq!(settings.team_size_cap.get(), 6);
        assert!(settings.late_pitches);
        assert!(settings.starts_at.is_some() && settings.ends_at.is_none());
    }
}
