//! The umbrella (the installation's series, such as NHS Hack Day): its name,
//! description, principles, code of conduct and brand colour, parsed, and
//! which events it shows the public.

use super::Phase;
pub use super::brand_colour::BrandColour;
use super::records::Event;
use super::text::{Lines, refuse_controls};
use super::validation::{FieldErrors, Invalid};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The umbrella as the admin set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Umbrella {
    pub name: String,
    pub description: String,
    pub principles: Vec<String>,
    /// The code of conduct: a link (http or https) or its text.
    pub code_of_conduct: String,
    pub brand_colour: BrandColour,
}

impl Default for Umbrella {
    fn default() -> Self {
        Self {
            name: "Hack days".into(),
            description: String::new(),
            principles: vec![],
            code_of_conduct: DEFAULT_CONDUCT.into(),
            brand_colour: BrandColour::nhs_blue(),
        }
    }
}

/// The code of conduct of an installation whose admin has not set one.
pub const DEFAULT_CONDUCT: &str = "Be kind and respectful to everyone here, whatever their \
     background or role. Harassment of any kind is not tolerated: if something is wrong, \
     tell an organiser, who will act on it.";

/// The most principles an umbrella lists.
pub const MAX_PRINCIPLES: usize = 12;

fn text(
    field: &'static str,
    label: &str,
    raw: &str,
    max: usize,
    lines: Lines,
) -> Result<String, Invalid> {
    refuse_controls(field, label, raw, lines)?;
    let text = raw.trim().replace("\r\n", "\n");
    let count = text.chars().count();
    if count > max {
        return Err(Invalid::new(
            field,
            format!("{label} can be at most {max} characters (this has {count})"),
        ));
    }
    Ok(text)
}

impl Umbrella {
    /// The NHS Hack Day series, as the demo sets it up.
    pub fn nhs_hack_day() -> Self {
        Self {
            name: "NHS Hack Day".into(),
            description: "Weekend hack days where clinicians, patients, developers and \
                designers build things that make the NHS better. Run by volunteers, \
                in cities and specialties across the country."
                .into(),
            principles: [
                "Free to attend",
                "Open source by default",
                "No product pitches",
                "Everyone follows the code of conduct",
            ]
            .map(String::from)
            .to_vec(),
            code_of_conduct: "https://nhshackday.com/conduct".into(),
            brand_colour: BrandColour::nhs_blue(),
        }
    }

    /// Parses the admin's form; `principles` has one principle per line.
    pub fn parse(
        name: &str,
        description: &str,
        principles: &str,
        code_of_conduct: &str,
        colour: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.take(
            text("name", "The name", name, 80, Lines::One).and_then(|n| {
                if n.is_empty() {
                    Err(Invalid::new("name", "The name is required"))
                } else {
                    Ok(n)
                }
            }),
        );
        let description = errors.take(text(
            "description",
            "The description",
            description,
            500,
            Lines::Several,
        ));
        let principles = errors.take(parse_principles(principles));
        let conduct = errors.take(
            text("code_of_conduct", "The code of conduct", code_of_conduct, 5000, Lines::Several)
                .and_then(|c| {
                    if c.is_empty() {
                        Err(Invalid::new(
                            "code_of_conduct",
                            "A code of conduct is required (a link or its text): every attendee accepts it",
                        ))
                    } else {
                        Ok(c)
                    }
                }),
        );
        let colour = errors.take(BrandColour::parse(colour));
        match (name, description, principles, conduct, colour) {
            (
                Some(name),
                Some(description),
                Some(principles),
                Some(code_of_conduct),
                Some(brand_colour),
            ) if errors.is_empty() => Ok(Self {
                name,
                description,
                principles,
                code_of_conduct,
                brand_colour,
            }),
            _ => Err(errors),
        }
    }

    /// The code of conduct as a link, when it is one.
    pub fn conduct_link(&self) -> Option<&str> {
        let c = self.code_of_conduct.as_str();
        let one_word = !c.contains(char::is_whitespace);
        (one_word && (c.starts_with("https://") || c.starts_with("http://"))).then_some(c)
    }

    /// The principles, one per line, as the admin's form shows them.
    pub fn principles_text(&self) -> String {
        self.principles.join("\n")
    }

    /// Whether attendees must accept a code of conduct to sign up.
    pub fn has_conduct(&self) -> bool {
        !self.code_of_conduct.is_empty()
    }
}

fn parse_principles(raw: &str) -> Result<Vec<String>, Invalid> {
    refuse_controls("principles", "The principles", raw, Lines::Several)?;
    let list: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if list.len() > MAX_PRINCIPLES {
        return Err(Invalid::new(
            "principles",
            format!("At most {MAX_PRINCIPLES} principles, one per line"),
        ));
    }
    if let Some(long) = list.iter().find(|p| p.chars().count() > 200) {
        return Err(Invalid::new(
            "principles",
            format!(
                "Each principle can be at most 200 characters: “{}…” is longer",
                long.chars().take(30).collect::<String>()
            ),
        ));
    }
    Ok(list)
}

/// Whether the public sees this event: on the home page, in the archive
/// and in the umbrella's export. The one place that decides it.
pub fn event_is_public(event: &Event) -> bool {
    event.is_public()
}

/// Where an event stands in lists of events (the home page, a local
/// organiser's page): happening now, coming up, or over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Live,
    Upcoming,
    Closed,
}

impl Standing {
    /// A draft has not started for anyone yet; an open event is coming up
    /// until its start (in its own time zone) has passed.
    pub fn of(event: &Event, now: DateTime<Utc>) -> Self {
        if event.phase == Phase::Closed {
            Standing::Closed
        } else if event.phase == Phase::Draft
            || event
                .starts_at
                .is_some_and(|start| !event.zone.has_passed(start, now))
        {
            Standing::Upcoming
        } else {
            Standing::Live
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Standing::Live => "Live now",
            Standing::Upcoming => "Coming up",
            Standing::Closed => "Closed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principles_are_one_per_line() {
        let u = Umbrella::parse(
            "NHS Hack Day",
            "",
            "Free\n\n Open source \n",
            "Be kind",
            "#005eb8",
        )
        .unwrap();
        assert_eq!(u.principles, vec!["Free", "Open source"]);
        let many = "x\n".repeat(MAX_PRINCIPLES + 1);
        let errors = Umbrella::parse("N", "", &many, "Be kind", "#005eb8").unwrap_err();
        assert!(errors.get("principles").is_some());
        let errors = Umbrella::parse(" ", "", "", "", "blue").unwrap_err();
        for field in ["name", "colour", "code_of_conduct"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn a_conduct_link_is_told_from_conduct_text() {
        let mut u = Umbrella {
            code_of_conduct: "https://nhshackday.com/conduct".into(),
            ..Umbrella::default()
        };
        assert!(u.conduct_link().is_some());
        u.code_of_conduct = "Be kind. See https://example.org".into();
        assert!(u.conduct_link().is_none());
    }
}
