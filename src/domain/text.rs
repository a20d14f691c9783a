//! Free text that people type, each kind with its own limits. Lengths count
//! characters as a person sees them (Unicode scalar values), not bytes.

use super::validation::Invalid;
use serde::Serialize;

/// Whether a field holds one line (a name, a title, a label) or several
/// (a description, notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Several,
}

/// Text-direction overrides and isolates: invisible, and in a name or a
/// title they can make "evil.exe" read as something else on every screen.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Refuses characters that have no business in what people type: NUL and
/// every other control character (tab and line breaks are fine where a
/// field takes several lines), and text-direction overrides in one-line
/// fields. Every text field goes through here, so nothing of the kind
/// reaches a page or the database (PostgreSQL refuses NUL outright).
pub fn refuse_controls(
    field: &'static str,
    label: &str,
    raw: &str,
    lines: Lines,
) -> Result<(), Invalid> {
    let allowed = |c: char| lines == Lines::Several && matches!(c, '\n' | '\r' | '\t');
    let bad = raw
        .chars()
        .any(|c| (c.is_control() && !allowed(c)) || (lines == Lines::One && is_bidi_control(c)));
    if bad {
        let mut chars = label.chars();
        let lower: String = chars
            .next()
            .map(|first| first.to_lowercase().chain(chars).collect())
            .unwrap_or_default();
        return Err(Invalid::new(
            field,
            format!(
                "There is an invisible control character (such as a NUL or a \
                 text-direction override) in {lower}: remove it and try again"
            ),
        ));
    }
    Ok(())
}

/// Trims, refuses control characters (see `refuse_controls`) and checks
/// the length in characters.
fn clean(
    field: &'static str,
    label: &str,
    raw: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, Invalid> {
    let lines = if multiline {
        Lines::Several
    } else {
        Lines::One
    };
    refuse_controls(field, label, raw, lines)?;
    let trimmed = raw.trim();
    let normalised: String = if multiline {
        trimmed.replace("\r\n", "\n")
    } else {
        trimmed.to_string()
    };
    let count = normalised.chars().count();
    if count < min {
        return Err(Invalid::new(
            field,
            if min == 1 {
                format!("{label} is required")
            } else {
                format!("{label} needs at least {min} characters")
            },
        ));
    }
    if count > max {
        return Err(Invalid::new(
            field,
            format!("{label} can be at most {max} characters (this has {count})"),
        ));
    }
    Ok(normalised)
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $field:literal, $label:literal, $min:expr, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, Invalid> {
                clean($field, $label, raw, $min, $max, $multiline).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

text_type!(
    /// A pitch's title: required, at most 80 characters, one line.
    Title, "title", "The title", 1, 80, false
);
text_type!(
    /// The problem and the idea of a pitch: optional, at most 1,000 characters.
    Problem, "problem", "The problem and idea", 0, 1000, true
);
text_type!(
    /// The name a person goes by at the event.
    PersonName, "name", "Your name", 1, 60, false
);
text_type!(
    /// An event's name.
    EventName, "name", "The event name", 1, 100, false
);
text_type!(
    /// Where an event takes place; may be empty.
    Venue, "venue", "The venue", 0, 120, false
);
text_type!(
    /// A label in the event's schedule.
    ScheduleLabel, "label", "The label", 1, 80, false
);
text_type!(
    /// An organisers' announcement to every phone and the projector.
    AnnouncementText, "message", "The announcement", 1, 200, false
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_of_exactly_80_characters_is_accepted_and_81_is_refused() {
        assert!(Title::parse(&"a".repeat(80)).is_ok());
        let err = Title::parse(&"a".repeat(81)).unwrap_err();
        assert_eq!(err.field, "title");
        assert!(err.message.contains("at most 80"), "{}", err.message);
    }

    #[test]
    fn a_title_counts_characters_not_bytes() {
        assert!(Title::parse(&"é".repeat(80)).is_ok());
        assert!(Title::parse(&"🩺".repeat(80)).is_ok());
        assert!(Title::parse(&"🩺".repeat(81)).is_err());
    }

    #[test]
    fn an_empty_or_blank_title_is_required() {
        assert_eq!(
            Title::parse("").unwrap_err().message,
            "The title is required"
        );
        assert!(Title::parse("   \t ").is_err());
    }

    #[test]
    fn a_title_is_trimmed() {
        assert_eq!(
            Title::parse("  Ward rounds  ").unwrap().as_str(),
            "Ward rounds"
        );
    }

    #[test]
    fn a_title_refuses_control_characters_and_line_breaks() {
        assert!(Title::parse("a\u{0007}b").is_err());
        assert!(Title::parse("a\nb").is_err());
    }

    #[test]
    fn nul_and_direction_overrides_are_refused_but_tabs_and_line_breaks_are_kept_in_long_text() {
        let err = PersonName::parse("Sam\u{0}").unwrap_err();
        assert!(err.message.contains("control character"), "{}", err.message);
        assert!(PersonName::parse("Sam\u{202E}gnp.exe").is_err());
        assert!(Title::parse("a\u{2066}b").is_err());
        assert!(Problem::parse("a\u{0}b").is_err());
        assert!(Problem::parse("a\u{1b}[31mb").is_err());
        assert_eq!(Problem::parse("a\tb\r\nc").unwrap().as_str(), "a\tb\nc");
        assert!(PersonName::parse("Zoë Ōkubo-Ng").is_ok());
    }

    #[test]
    fn the_problem_may_be_empty_and_keeps_line_breaks_up_to_1000_characters() {
        assert_eq!(Problem::parse("").unwrap().as_str(), "");
        assert_eq!(Problem::parse("one\r\ntwo").unwrap().as_str(), "one\ntwo");
        assert!(Problem::parse(&"x".repeat(1000)).is_ok());
        assert!(Problem::parse(&"x".repeat(1001)).is_err());
    }

    #[test]
    fn html_is_kept_as_typed_because_escaping_happens_when_shown() {
        let title = Title::parse("<script>alert(1)</script>").unwrap();
        assert_eq!(title.as_str(), "<script>alert(1)</script>");
    }

    #[test]
    fn a_person_name_is_between_1_and_60_characters() {
        assert!(PersonName::parse("A").is_ok());
        assert!(PersonName::parse(&"n".repeat(60)).is_ok());
        assert!(PersonName::parse(&"n".repeat(61)).is_err());
        assert!(PersonName::parse(" ").is_err());
    }
}
