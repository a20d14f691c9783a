//! A pitch as typed on the form, parsed into its parts.

use super::skills::SkillSet;
use super::text::{Problem, Title};
use super::validation::FieldErrors;

#[derive(Debug, Clone)]
pub struct PitchDraft {
    pub title: Title,
    pub problem: Problem,
    pub skills_needed: SkillSet,
}

impl PitchDraft {
    pub fn parse<S: AsRef<str>>(
        title: &str,
        problem: &str,
        skills: &[S],
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.take(Title::parse(title));
        let problem = errors.take(Problem::parse(problem));
        let skills = errors.take(SkillSet::parse_choices("skills", skills, false));
        match (title, problem, skills) {
            (Some(title), Some(problem), Some(skills_needed)) => Ok(Self {
                title,
                problem,
                skills_needed,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pitch_with_a_long_title_and_an_unknown_skill_reports_both() {
        let errors = PitchDraft::parse(&"t".repeat(81), "fine", &["wizard"]).unwrap_err();
        assert!(errors.get("title").is_some());
        assert!(errors.get("skills").is_some());
        assert!(errors.get("problem").is_none());
    }

    #[test]
    fn a_pitch_needs_only_a_title() {
        let empty: [&str; 0] = [];
        let draft = PitchDraft::parse("Discharge letters patients can read", "", &empty).unwrap();
        assert_eq!(draft.title.as_str(), "Discharge letters patients can read");
        assert!(draft.skills_needed.is_empty());
    }
}
