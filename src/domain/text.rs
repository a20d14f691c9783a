//! Free text that people type, each kind with its own limits. Lengths count
//! characters as a person sees them (Unicode scalar values), not bytes.

use super::validation::Invalid;
use serde::Serialize;

/// Trims, refuses control characters other than line breaks and tabs, and
/// checks the length in characters.
fn clean(
    field: &'static str,
    label: &str,
    raw: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, Invalid> {
    let trimmed = raw.trim();
    let normalised: String = if multiline {
        trimmed.replace("\r\n", "\n")
    } else {
        trimmed.to_string()
    };
    let bad_char = normalised
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')));
    if bad_char {
        return Err(Invalid::new(
            field,
            format!("{label} contains characters that cannot be shown"),
        ));
    }
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
