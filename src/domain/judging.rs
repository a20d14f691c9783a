//! The organisers' judging set-up as typed: criteria and prizes, and the
//! default criteria of a health hack day.

use super::ids::{CriterionId, PrizeId};
use super::validation::{FieldErrors, Invalid};

/// The most a judge's notes on one project may hold.
pub const NOTES_MAX: usize = 2000;

/// A judge's notes on one project: several lines, at most `NOTES_MAX`
/// characters, no control characters.
pub fn parse_notes(raw: &str) -> Result<String, Invalid> {
    super::text::refuse_controls("notes", "The notes", raw, super::text::Lines::Several)?;
    let notes = raw.replace("\r\n", "\n");
    if notes.chars().count() > NOTES_MAX {
        return Err(Invalid::new(
            "notes",
            format!("Notes can be at most {NOTES_MAX} characters"),
        ));
    }
    Ok(notes)
}

/// A criterion as typed, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionDraft {
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub scale_min: i32,
    pub scale_max: i32,
}

impl CriterionDraft {
    /// The criterion it describes, not stored yet (a template's, say).
    pub fn unsaved(self) -> Criterion {
        Criterion {
            id: CriterionId(0),
            name: self.name,
            description: self.description,
            weight: self.weight,
            scale_min: self.scale_min,
            scale_max: self.scale_max,
        }
    }
}

fn text(
    field: &'static str,
    label: &str,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<String, Invalid> {
    super::text::refuse_controls(field, label, raw, super::text::Lines::One)?;
    let t = raw.trim();
    let n = t.chars().count();
    if n < min {
        return Err(Invalid::new(field, format!("{label} is required")));
    }
    if n > max {
        return Err(Invalid::new(
            field,
            format!("{label} can be at most {max} characters on one line"),
        ));
    }
    Ok(t.to_string())
}

fn number(field: &'static str, label: &str, raw: &str, min: i32, max: i32) -> Result<i32, Invalid> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            Invalid::new(
                field,
                format!("{label} must be a whole number from {min} to {max}"),
            )
        })
}

impl CriterionDraft {
    pub fn parse(
        name: &str,
        description: &str,
        weight: &str,
        scale_max: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.take(text("name", "The name", name, 1, 60));
        let description = errors.take(text("description", "The description", description, 0, 200));
        let weight = errors.take(number("weight", "The weight", weight, 1, 10));
        let scale_max = errors.take(number(
            "scale_max",
            "The top of the scale",
            scale_max,
            2,
            10,
        ));
        match (name, description, weight, scale_max) {
            (Some(name), Some(description), Some(weight), Some(scale_max)) => Ok(Self {
                name,
                description,
                weight,
                scale_min: 1,
                scale_max,
            }),
            _ => Err(errors),
        }
    }
}

/// The default criteria of a health hack day, weighted, on a 1 to 5 scale.
pub fn default_criteria() -> Vec<CriterionDraft> {
    [
        (
            "Impact for patients and staff",
            "How much would this help patients, carers or staff if it were used?",
            3,
        ),
        (
            "How well it works",
            "Does the demo work? How far did the team get?",
            2,
        ),
        (
            "Design and usability",
            "Is it easy and pleasant to use for the people it is for?",
            2,
        ),
        (
            "Presentation",
            "Was the problem and the solution clear in the demo?",
            1,
        ),
        (
            "Openness",
            "Is the code open, licensed and documented so others can build on it?",
            1,
        ),
    ]
    .into_iter()
    .map(|(name, description, weight)| CriterionDraft {
        name: name.into(),
        description: description.into(),
        weight,
        scale_min: 1,
        scale_max: 5,
    })
    .collect()
}

/// How a prize's winner is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrizeKind {
    /// Ranked by the judges' scores.
    Judged,
    /// Attendees vote.
    PeoplesChoice,
    /// Decided by hand.
    Special,
}

impl PrizeKind {
    pub const ALL: [PrizeKind; 3] = [
        PrizeKind::Judged,
        PrizeKind::PeoplesChoice,
        PrizeKind::Special,
    ];

    /// The name stored and posted.
    pub fn as_str(self) -> &'static str {
        match self {
            PrizeKind::Judged => "judged",
            PrizeKind::PeoplesChoice => "peoples_choice",
            PrizeKind::Special => "special",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PrizeKind::Judged => "Judged (ranked by the judges' scores)",
            PrizeKind::PeoplesChoice => "People's choice (attendees vote)",
            PrizeKind::Special => "Special (decided by hand)",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrizeDraft {
    pub name: String,
    pub description: String,
    pub kind: PrizeKind,
    pub criteria: Vec<CriterionId>,
}

impl PrizeDraft {
    pub fn parse(
        name: &str,
        description: &str,
        kind: &str,
        criteria: &[String],
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.take(text("name", "The prize name", name, 1, 60));
        let description = errors.take(text("description", "The description", description, 0, 300));
        let kind = PrizeKind::parse(kind);
        if kind.is_none() {
            errors.add("kind", "Pick one of the kinds of prize");
        }
        let ids: Result<Vec<CriterionId>, _> = criteria
            .iter()
            .map(|c| c.parse::<i64>().map(CriterionId))
            .collect();
        if ids.is_err() {
            errors.add("criteria", "Pick criteria from the list");
        }
        match (name, description, kind, ids) {
            (Some(name), Some(description), Some(kind), Ok(criteria)) if errors.is_empty() => {
                Ok(Self {
                    name,
                    description,
                    kind,
                    criteria,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A criterion the judges score on, with its weight and scale.
#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: CriterionId,
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub scale_min: i32,
    pub scale_max: i32,
}

/// A prize and how its winner is found.
#[derive(Debug, Clone)]
pub struct Prize {
    pub id: PrizeId,
    pub name: String,
    pub description: String,
    pub kind: PrizeKind,
    /// Criterion ids it is judged on; empty means all.
    pub criteria: Vec<CriterionId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_criterion_needs_a_name_a_weight_from_1_to_10_and_a_scale_from_2_to_10() {
        assert!(CriterionDraft::parse("Impact", "", "1", "5").is_ok());
        assert!(CriterionDraft::parse("Impact", "", "10", "10").is_ok());
        let errors = CriterionDraft::parse("", "", "0", "11").unwrap_err();
        for field in ["name", "weight", "scale_max"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        assert!(CriterionDraft::parse("Impact", "", "11", "1").is_err());
    }

    #[test]
    fn the_default_set_has_five_weighted_criteria_on_a_1_to_5_scale() {
        let set = default_criteria();
        assert_eq!(set.len(), 5);
        assert!(
            set.iter()
                .all(|c| c.scale_min == 1 && c.scale_max == 5 && c.weight >= 1)
        );
        assert_eq!(set[0].name, "Impact for patients and staff");
    }

    #[test]
    fn a_prize_has_a_known_kind_and_criteria_ids() {
        let prize = PrizeDraft::parse(
            "Best patient impact",
            "",
            "judged",
            &["1".into(), "3".into()],
        )
        .unwrap();
        assert_eq!(prize.criteria, vec![CriterionId(1), CriterionId(3)]);
        assert!(
            PrizeDraft::parse("X", "", "lottery", &[])
                .unwrap_err()
                .get("kind")
                .is_some()
        );
        assert!(PrizeDraft::parse("X", "", "judged", &["one".into()]).is_err());
    }
}
