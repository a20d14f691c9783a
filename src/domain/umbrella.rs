//! The umbrella (the installation's series, such as NHS Hack Day): its name,
//! description, principles, code of conduct and brand colour, parsed, and
//! which events it shows the public.

use super::records::Event;
use super::text::{Lines, refuse_controls};
use super::validation::{FieldErrors, Invalid};
use serde::{Deserialize, Serialize};

/// A colour as `#rrggbb` (lower case); `#rgb` is widened on the way in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BrandColour(String);

impl BrandColour {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let bad = || {
            Invalid::new(
                "colour",
                "A colour is # and six hex digits, like #005eb8 (NHS blue)",
            )
        };
        let hex = raw.trim().strip_prefix('#').ok_or_else(bad)?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let full = match hex.len() {
            6 => hex.to_string(),
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            _ => return Err(bad()),
        };
        Ok(Self(format!("#{}", full.to_ascii_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn channels(&self) -> [u8; 3] {
        let byte = |i: usize| u8::from_str_radix(&self.0[i..i + 2], 16).unwrap_or(0);
        [byte(1), byte(3), byte(5)]
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(&self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.channels();
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// The text colour that reads best on this colour (white or black,
    /// whichever has the higher WCAG contrast ratio).
    pub fn text_colour(&self) -> &'static str {
        let on_white = contrast(1.0, self.luminance());
        let on_dark = contrast(self.luminance(), DARK_LUMINANCE);
        if on_white >= on_dark {
            "#ffffff"
        } else {
            DARK
        }
    }

    /// The contrast ratio between this colour and its text colour.
    pub fn text_contrast(&self) -> f64 {
        let text = if self.text_colour() == DARK {
            DARK_LUMINANCE
        } else {
            1.0
        };
        contrast(self.luminance(), text)
    }
}

/// The dark text colour and its luminance: pure black, so that one of the
/// two always reaches the WCAG AA ratio of 4.5 (at least 4.58).
const DARK: &str = "#000000";
const DARK_LUMINANCE: f64 = 0.0;

fn contrast(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    (hi + 0.05) / (lo + 0.05)
}

impl TryFrom<String> for BrandColour {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw).map_err(|e| e.message)
    }
}

impl From<BrandColour> for String {
    fn from(c: BrandColour) -> String {
        c.0
    }
}

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
            brand_colour: BrandColour("#005eb8".into()),
        }
    }
}

/// The code of conduct of an installation whose admin has not set one.
pub const DEFAULT_CONDUCT: &str = "Be kind and respectful to everyone here, whatever their \
     background or role. Harassment of any kind is not tolerated: if something is wrong, \
     tell an organiser, who will act on it.";

/// The most principles an umbrella lists.
pub const MAX_PRINCIPLES: usize = 12;

fn text(field: &'static str, label: &str, raw: &str, max: usize, lines: Lines) -> Result<String, Invalid> {
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
            brand_colour: BrandColour("#005eb8".into()),
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
        let name = errors.take(text("name", "The name", name, 80, Lines::One).and_then(|n| {
            if n.is_empty() {
                Err(Invalid::new("name", "The name is required"))
            } else {
                Ok(n)
            }
        }));
        let description = errors.take(text("description", "The description", description, 500, Lines::Several));
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
            (Some(name), Some(description), Some(principles), Some(code_of_conduct), Some(brand_colour))
                if errors.is_empty() =>
            {
                Ok(Self { name, description, principles, code_of_conduct, brand_colour })
            }
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
            format!("Each principle can be at most 200 characters: “{}…” is longer", long.chars().take(30).collect::<String>()),
        ));
    }
    Ok(list)
}

/// Whether the public sees this event: on the home page, in the archive
/// and in the umbrella's export. The one place that decides it.
pub fn event_is_public(event: &Event) -> bool {
    event.phase.is_public()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_checked_and_widened() {
        assert_eq!(BrandColour::parse("#ABC").unwrap().as_str(), "#aabbcc");
        assert_eq!(BrandColour::parse(" #005EB8 ").unwrap().as_str(), "#005eb8");
        for bad in ["005eb8", "#12345", "#gggggg", "red", "#1234567", ""] {
            assert!(BrandColour::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_on_a_brand_colour_is_readable() {
        let blue = BrandColour::parse("#005eb8").unwrap();
        assert_eq!(blue.text_colour(), "#ffffff");
        let yellow = BrandColour::parse("#ffeb3b").unwrap();
        assert_eq!(yellow.text_colour(), "#000000");
        for c in ["#000000", "#ffffff", "#777777", "#ff0000", "#00ff00", "#0000ff", "#808000"] {
            let colour = BrandColour::parse(c).unwrap();
            assert!(colour.text_contrast() >= 4.5, "{c}: {}", colour.text_contrast());
        }
    }

    #[test]
    fn principles_are_one_per_line() {
        let u = Umbrella::parse("NHS Hack Day", "", "Free\n\n Open source \n", "Be kind", "#005eb8").unwrap();
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
        let mut u = Umbrella::default();
        u.code_of_conduct = "https://nhshackday.com/conduct".into();
        assert!(u.conduct_link().is_some());
        u.code_of_conduct = "Be kind. See https://example.org".into();
        assert!(u.conduct_link().is_none());
    }
}
