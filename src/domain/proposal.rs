//! Events proposed by local organisers: whether an admin has approved them,
//! and the proposal form as typed and parsed.

use super::event::{Slug, TeamSizeCap, parse_optional_datetime};
use super::template_source::TemplateSource;
use super::text::{EventName, Venue};
use super::timezone::EventZone;
use super::validation::FieldErrors;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Where an event stands with the umbrella's admins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    Pending,
    Approved,
    Declined,
}

impl Approval {
    pub fn as_str(self) -> &'static str {
        match self {
            Approval::Pending => "pending",
            Approval::Approved => "approved",
            Approval::Declined => "declined",
        }
    }

    /// Events from before proposals existed were made by admins: approved.
    pub fn from_stored(raw: &str) -> Self {
        match raw {
            "pending" => Approval::Pending,
            "declined" => Approval::Declined,
            _ => Approval::Approved,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Approval::Pending => "Waiting for approval",
            Approval::Approved => "Approved",
            Approval::Declined => "Declined",
        }
    }
}

/// The proposal form as typed (also the admin's new-event fields).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ProposalForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub team_size_cap: String,
    #[serde(default)]
    pub template: String,
}

/// A new event, parsed: proposed by a local organiser (dates required) or
/// created by an admin (dates optional).
#[derive(Debug, Clone)]
pub struct Proposal {
    pub name: EventName,
    pub slug: Slug,
    pub venue: Venue,
    pub starts_at: Option<NaiveDateTime>,
    pub ends_at: Option<NaiveDateTime>,
    pub zone: EventZone,
    /// None: the template's cap.
    pub team_size_cap: Option<TeamSizeCap>,
    pub template: TemplateSource,
}

impl Proposal {
    /// A local organiser's proposal: dates are required.
    pub fn parse(form: &ProposalForm) -> Result<Self, FieldErrors> {
        Self::parse_with(form, true)
    }

    /// An admin's new event: only the name and short name are required.
    pub fn parse_for_admin(form: &ProposalForm) -> Result<Self, FieldErrors> {
        Self::parse_with(form, false)
    }

    fn parse_with(form: &ProposalForm, dates_required: bool) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.take(EventName::parse(&form.name));
        let slug = errors.take(Slug::parse(&form.slug));
        let venue = errors.take(Venue::parse(&form.venue));
        let starts_at = errors.take(parse_optional_datetime("starts_at", &form.starts_at));
        let ends_at = errors.take(parse_optional_datetime("ends_at", &form.ends_at));
        let zone = if form.time_zone.trim().is_empty() && !dates_required {
            Some(EventZone::default())
        } else {
            errors.take(EventZone::parse(&form.time_zone))
        };
        let cap = if form.team_size_cap.trim().is_empty() {
            Some(None)
        } else {
            errors.take(TeamSizeCap::parse(&form.team_size_cap).map(Some))
        };
        let template = errors.take(TemplateSource::parse(&form.template));
        if dates_required && matches!(starts_at, Some(None)) {
            errors.add("starts_at", "When does it start? Give a date and time");
        }
        if dates_required && matches!(ends_at, Some(None)) {
            errors.add("ends_at", "When does it end? Give a date and time");
        }
        if let (Some(Some(start)), Some(Some(end))) = (starts_at, ends_at)
            && end < start
        {
            errors.add("ends_at", "The end comes before the start");
        }
        match (name, slug, venue, (starts_at, ends_at), zone, cap, template) {
            (
                Some(name),
                Some(slug),
                Some(venue),
                (Some(s), Some(e)),
                Some(zone),
                Some(cap),
                Some(template),
            ) if errors.is_empty() => Ok(Self {
                name,
                slug,
                venue,
                starts_at: s,
                ends_at: e,
                zone,
                team_size_cap: cap,
                template,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_needs_dates_and_a_real_time_zone() {
        let form = ProposalForm {
            name: "NHS Hack Day Gloucester".into(),
            slug: "glos".into(),
            time_zone: "Europe/Gloucester".into(),
            team_size_cap: "6".into(),
            ..Default::default()
        };
        let errors = Proposal::parse(&form).unwrap_err();
        assert!(errors.get("time_zone").is_some());
        assert!(errors.get("starts_at").is_some());
        let good = ProposalForm {
            time_zone: "Europe/London".into(),
            starts_at: "2026-10-24T09:00".into(),
            ends_at: "2026-10-25T17:00".into(),
            ..form
        };
        let p = Proposal::parse(&good).unwrap();
        assert_eq!(p.zone.name(), "Europe/London");
        let admin = ProposalForm {
            starts_at: String::new(),
            ends_at: String::new(),
            time_zone: String::new(),
            ..good
        };
        assert!(Proposal::parse(&admin).is_err());
        let p = Proposal::parse_for_admin(&admin).unwrap();
        assert_eq!((p.zone.name(), p.starts_at), ("Europe/London", None));
    }
}
