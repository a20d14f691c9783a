//! The view of team suggestions ("these teams need a designer like you"),
//! shared by the people view and the attendee's event page; the matching
//! itself is `domain::suggestions`.

use crate::domain::suggestions::{Suggestion, teams_needing};
use crate::domain::{Event, ProjectCard, SkillSet};
use crate::web::views::skill_labels;
use serde::Serialize;

/// How many teams a person is offered at most.
pub const SHOWN: usize = 3;

#[derive(Debug, Serialize)]
pub struct SuggestionView {
    pub id: i64,
    pub url: String,
    pub title: String,
    /// The person's skills the team still lacks, as labels.
    pub needs: Vec<&'static str>,
    /// "1 place left", "3 places left".
    pub room: String,
}

fn view(event: &Event, s: Suggestion) -> SuggestionView {
    SuggestionView {
        id: s.project.0,
        url: format!("/e/{}/p/{}", event.slug, s.project.0),
        title: s.title,
        needs: skill_labels(s.matched),
        room: match s.room {
            1 => "1 place left".to_string(),
            n => format!("{n} places left"),
        },
    }
}

/// The teams with room that need some of `skills`, best first.
pub fn suggestions(event: &Event, skills: SkillSet, teams: &[ProjectCard]) -> Vec<SuggestionView> {
    teams_needing(skills, teams, i64::from(event.team_size_cap), SHOWN)
        .into_iter()
        .map(|s| view(event, s))
        .collect()
}

/// The attendee's line: their skills that teams need, in words ("a
/// designer", "a clinician or a patient"), for "these teams need … like you".
pub fn like_you(skills: SkillSet, shown: &[SuggestionView]) -> String {
    let wanted: Vec<String> = skills
        .iter()
        .filter(|s| *s != crate::domain::Skill::Other)
        .filter(|s| shown.iter().any(|v| v.needs.contains(&s.label())))
        .map(|s| {
            let word = s.as_str();
            let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {word}")
        })
        .collect();
    match wanted.as_slice() {
        [] => "someone".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The attendee's suggestion line on the event page.
#[derive(Debug, Serialize)]
pub struct ForAttendee {
    pub like_you: String,
    pub teams: Vec<SuggestionView>,
}

/// Suggestions for the person viewing the event page: only while teams are
/// open, only for someone in no team, only when a team needs them.
pub fn for_attendee(page: &crate::service::pitches::EventPage) -> Option<ForAttendee> {
    let person = page.viewer.person.as_ref()?;
    if page.my_team.is_some() || !page.event.phase.teams_open() {
        return None;
    }
    let teams = suggestions(&page.event, person.skills, &page.projects);
    (!teams.is_empty()).then(|| ForAttendee {
        like_you: like_you(person.skills, &teams),
        teams,
    })
}
