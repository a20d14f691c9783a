//! A brand colour, and the text colour that reads best on it.

use super::validation::Invalid;
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

    /// NHS blue, #005eb8: the colour of a new installation.
    pub fn nhs_blue() -> Self {
        Self("#005eb8".into())
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
        if on_white >= on_dark { "#ffffff" } else { DARK }
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
        for c in [
            "#000000", "#ffffff", "#777777", "#ff0000", "#00ff00", "#0000ff", "#808000",
        ] {
            let colour = BrandColour::parse(c).unwrap();
            assert!(
                colour.text_contrast() >= 4.5,
                "{c}: {}",
                colour.text_contrast()
            );
        }
    }
}
