//! What people do (clinician, patient, developer...) and the skills a pitch
//! needs: one list for both, so the team board can say what a team lacks.

use super::validation::Invalid;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Skill {
    Clinician,
    Patient,
    Developer,
    Designer,
    Student,
    Other,
}

impl Skill {
    pub const ALL: [Skill; 6] = [
        Skill::Clinician,
        Skill::Patient,
        Skill::Developer,
        Skill::Designer,
        Skill::Student,
        Skill::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Skill::Clinician => "clinician",
            Skill::Patient => "patient",
            Skill::Developer => "developer",
            Skill::Designer => "designer",
            Skill::Student => "student",
            Skill::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Skill::Clinician => "Clinician",
            Skill::Patient => "Patient",
            Skill::Developer => "Developer",
            Skill::Designer => "Designer",
            Skill::Student => "Student",
            Skill::Other => "Other",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        super::text::refuse_controls("skills", "The skill", raw, super::text::Lines::One)?;
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim())
            .ok_or_else(|| Invalid::new("skills", format!("“{raw}” is not one of the choices")))
    }
}

/// A set of skills, stored as a comma-separated list of names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SkillSet(u8);

impl SkillSet {
    pub fn empty() -> Self {
        Self(0)
    }

    pub fn from_skills(skills: impl IntoIterator<Item = Skill>) -> Self {
        let mut set = Self::empty();
        for skill in skills {
            set.insert(skill);
        }
        set
    }

    /// Parses the names ticked on a form. `field` names the form field for
    /// the message; `required` refuses an empty choice.
    pub fn parse_choices<S: AsRef<str>>(
        field: &'static str,
        choices: &[S],
        required: bool,
    ) -> Result<Self, Invalid> {
        let mut set = Self::empty();
        for choice in choices {
            let skill =
                Skill::parse(choice.as_ref()).map_err(|e| Invalid::new(field, e.message))?;
            set.insert(skill);
        }
        if required && set.is_empty() {
            return Err(Invalid::new(field, "Pick at least one"));
        }
        Ok(set)
    }

    /// Reads the stored form, skipping names that are no longer known so old
    /// rows never break a page.
    pub fn from_stored(stored: &str) -> Self {
        Self::from_skills(stored.split(',').filter_map(|s| Skill::parse(s).ok()))
    }

    pub fn to_stored(self) -> String {
        self.iter().map(Skill::as_str).collect::<Vec<_>>().join(",")
    }

    pub fn insert(&mut self, skill: Skill) {
        self.0 |= skill.bit();
    }

    pub fn contains(self, skill: Skill) -> bool {
        self.0 & skill.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The skills in `self` that `present` lacks: what a team still needs.
    pub fn missing_from(self, present: Self) -> Self {
        Self(self.0 & !present.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Skill> {
        Skill::ALL.into_iter().filter(move |s| self.contains(*s))
    }
}

impl Serialize for SkillSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skill_set_survives_storage_in_a_fixed_order() {
        let set = SkillSet::from_skills([Skill::Designer, Skill::Clinician]);
        assert_eq!(set.to_stored(), "clinician,designer");
        assert_eq!(SkillSet::from_stored("clinician,designer"), set);
        assert_eq!(SkillSet::from_stored(""), SkillSet::empty());
        assert_eq!(
            SkillSet::from_stored("astronaut,patient").to_stored(),
            "patient"
        );
    }

    #[test]
    fn choices_from_a_form_must_be_known_and_may_be_required() {
        let set = SkillSet::parse_choices("skills", &["developer", "patient"], true).unwrap();
        assert!(set.contains(Skill::Developer) && set.contains(Skill::Patient));
        assert!(SkillSet::parse_choices("skills", &["wizard"], false).is_err());
        let empty: [&str; 0] = [];
        assert_eq!(
            SkillSet::parse_choices("skills", &empty, true)
                .unwrap_err()
                .message,
            "Pick at least one"
        );
        assert!(
            SkillSet::parse_choices("skills", &empty, false)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn what_a_team_still_needs_is_what_it_asked_for_minus_what_it_has() {
        let needed = SkillSet::from_skills([Skill::Designer, Skill::Clinician, Skill::Developer]);
        let present = SkillSet::from_skills([Skill::Developer, Skill::Patient]);
        let missing = needed.missing_from(present);
        assert_eq!(
            missing.iter().collect::<Vec<_>>(),
            vec![Skill::Clinician, Skill::Designer]
        );
    }
}
