//! Where a new event's set-up comes from (a template's source), as chosen
//! on the proposal and create-event forms.

/// Where a new event's set-up comes from, as chosen on its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSource {
    /// Nothing: criteria, prizes and schedule are added by hand.
    Blank,
    /// The umbrella's defaults (as the admin saved them, or
    /// `EventTemplate::series_defaults` until they do).
    SeriesDefaults,
    /// A copy of this past event's set-up (by its slug).
    Event(String),
}

impl TemplateSource {
    /// The form's value: `defaults`, `blank` (also when empty, as forms
    /// from before templates sent) or `event:SLUG`.
    pub fn parse(raw: &str) -> Result<Self, super::validation::Invalid> {
        match raw.trim() {
            "defaults" => Ok(Self::SeriesDefaults),
            "" | "blank" => Ok(Self::Blank),
            other => other
                .strip_prefix("event:")
                .filter(|slug| super::event::Slug::is_canonical(slug))
                .map(|slug| Self::Event(slug.to_string()))
                .ok_or_else(|| {
                    super::validation::Invalid::new("template", "Choose a template from the list")
                }),
        }
    }

    pub fn value(&self) -> String {
        match self {
            Self::Blank => "blank".into(),
            Self::SeriesDefaults => "defaults".into(),
            Self::Event(slug) => format!("event:{slug}"),
        }
    }
}
