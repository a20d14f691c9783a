//! Which teams need what a person does: the matching behind the people
//! view's suggestions and the attendee's "these teams need a designer like
//! you", ranked so the best fit comes first.

use super::ids::ProjectId;
use super::records::ProjectCard;
use super::skills::SkillSet;

/// A team that still needs some of a person's skills and has room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub project: ProjectId,
    pub title: String,
    /// The person's skills the team still lacks.
    pub matched: SkillSet,
    /// Places left under the team size cap.
    pub room: i64,
}

/// Teams with room whose missing skills overlap `skills`, best first: more
/// matched skills, then more room (a nearly empty team needs people most),
/// then the earlier pitch. At most `limit` of them.
pub fn teams_needing(
    skills: SkillSet,
    teams: &[ProjectCard],
    cap: i64,
    limit: usize,
) -> Vec<Suggestion> {
    let mut found: Vec<Suggestion> = teams
        .iter()
        .filter_map(|card| {
            let matched =
                SkillSet::from_skills(card.still_needed.iter().filter(|s| skills.contains(*s)));
            let room = cap - card.members.len() as i64;
            (!matched.is_empty() && room > 0).then(|| Suggestion {
                project: card.project.id,
                title: card.project.title.clone(),
                matched,
                room,
            })
        })
        .collect();
    found.sort_by(|a, b| {
        let count = |s: &Suggestion| s.matched.iter().count();
        count(b)
            .cmp(&count(a))
            .then(b.room.cmp(&a.room))
            .then(a.project.0.cmp(&b.project.0))
    });
    found.truncate(limit);
    found
}

/// Whether a person's name matches what an organiser typed: every word of
/// the query starts a word of the name, ignoring case ("sam j" finds
/// "Sam Jones"; "am" does not).
pub fn name_matches(name: &str, query: &str) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let query: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    !query.is_empty()
        && query
            .iter()
            .all(|q| words.iter().any(|w| w.starts_with(q.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{EventId, PersonId};
    use crate::domain::records::{Member, Project, ProjectStatus};
    use crate::domain::skills::Skill;

    fn card(id: i64, needs: &[Skill], members: &[&[Skill]]) -> ProjectCard {
        let project = Project {
            id: ProjectId(id),
            event_id: EventId(1),
            pitcher_id: PersonId(1),
            pitcher_name: "P".into(),
            title: format!("Team {id}"),
            problem: String::new(),
            skills_needed: SkillSet::from_skills(needs.iter().copied()),
            status: ProjectStatus::Open,
            created_at: chrono::NaiveDateTime::default(),
        };
        let members = members
            .iter()
            .enumerate()
            .map(|(i, skills)| Member {
                project_id: ProjectId(id),
                person_id: PersonId(100 + i as i64),
                name: format!("M{i}"),
                skills: SkillSet::from_skills(skills.iter().copied()),
            })
            .collect();
        ProjectCard::new(project, members)
    }

    use Skill::{Clinician, Designer, Developer};

    #[test]
    fn teams_that_still_lack_a_persons_skill_and_have_room_are_suggested_best_first() {
        let teams = [
            card(1, &[Designer], &[&[Developer]]),
            card(2, &[Designer, Clinician], &[]),
            card(3, &[Designer], &[&[Designer]]),
            card(4, &[Developer], &[]),
            card(5, &[Designer], &[&[Developer], &[Developer]]),
        ];
        let me = SkillSet::from_skills([Designer, Clinician]);
        let found = teams_needing(me, &teams, 2, 10);
        let ids: Vec<i64> = found.iter().map(|s| s.project.0).collect();
        // 2 needs both skills; 1 needs one and has room; 3 already has a
        // designer; 4 needs a developer; 5 is full.
        assert_eq!(ids, vec![2, 1]);
        assert_eq!(found[0].matched, me);
        assert_eq!(found[0].room, 2);
        assert_eq!(found[1].room, 1);
    }

    #[test]
    fn more_room_ranks_first_among_equal_matches_and_the_limit_holds() {
        let teams = [
            card(1, &[Designer], &[&[Developer], &[Developer]]),
            card(2, &[Designer], &[]),
            card(3, &[Designer], &[&[Developer]]),
        ];
        let found = teams_needing(SkillSet::from_skills([Designer]), &teams, 5, 2);
        let ids: Vec<i64> = found.iter().map(|s| s.project.0).collect();
        assert_eq!(ids, vec![2, 3]);
        assert!(teams_needing(SkillSet::empty(), &teams, 5, 2).is_empty());
    }

    #[test]
    fn a_name_matches_when_each_typed_word_starts_one_of_its_words() {
        assert!(name_matches("Sam Jones", "sam"));
        assert!(name_matches("Sam Jones", "JONES s"));
        assert!(!name_matches("Sam Jones", "am"));
        assert!(!name_matches("Sam Jones", "sam k"));
        assert!(!name_matches("Sam Jones", "  "));
    }
}
