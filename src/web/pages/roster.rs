//! `/e/{slug}/people`: the organisers' people view: who is here, what they
//! do and their team; who is not in a team yet with the teams that need
//! them; finding someone by name (people who share a name told apart by
//! what they do and when they signed up) to move them or take them out.

use crate::domain::suggestions::name_matches;
use crate::domain::when::instant_to_the_second_in;
use crate::domain::{Person, PersonId, ProjectCard, Role};
use crate::service::{self, ServiceError, people::Roster};
use crate::web::error::AppError;
use crate::web::form::{CheckedForm, chosen_team};
use crate::web::suggest::{SuggestionView, suggestions};
use crate::web::views::skill_labels;
use crate::web::visit::Visit;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct PersonView {
    id: i64,
    name: String,
    /// "judge" or "organiser"; empty for attendees.
    role: &'static str,
    skills: Vec<&'static str>,
    signed_up: String,
    team: Option<String>,
    team_id: Option<i64>,
    suggestions: Vec<SuggestionView>,
}

#[derive(Serialize)]
struct TeamOption {
    id: i64,
    title: String,
    room: String,
}

#[derive(Serialize)]
struct RosterView {
    slug: String,
    query: String,
    searched: bool,
    matches: Vec<PersonView>,
    /// Whether two or more matches share a name.
    namesakes: bool,
    without_team: Vec<PersonView>,
    everyone: Vec<PersonView>,
    teams: Vec<TeamOption>,
}

pub async fn page(v: Visit, search: web::Query<Search>) -> Result<HttpResponse, AppError> {
    let roster = service::people::roster(v.store(), &v.slug, v.claim).await?;
    let mut layout = v.layout("People", &roster.event, &roster.viewer).await;
    layout.body_class = "console-page".into();
    let view = roster_view(&roster, search.q.trim());
    v.render(StatusCode::OK, "pages/people", &layout, &view)
}

fn roster_view(r: &Roster, query: &str) -> RosterView {
    let team_of: HashMap<PersonId, &ProjectCard> = r
        .teams
        .iter()
        .flat_map(|c| c.members.iter().map(move |m| (m.person_id, c)))
        .collect();
    let person = |(p, at): &(Person, NaiveDateTime)| {
        let card = team_of.get(&p.id);
        PersonView {
            id: p.id.0,
            name: p.name.clone(),
            role: if p.role == Role::Attendee {
                ""
            } else {
                p.role.as_str()
            },
            skills: skill_labels(p.skills),
            signed_up: instant_to_the_second_in(*at, r.event.zone),
            team: card.map(|c| c.project.title.clone()),
            team_id: card.map(|c| c.project.id.0),
            suggestions: match card {
                Some(_) => vec![],
                None => suggestions(&r.event, p.skills, &r.teams),
            },
        }
    };
    let matches: Vec<PersonView> = r
        .people
        .iter()
        .filter(|(p, _)| name_matches(&p.name, query))
        .map(person)
        .collect();
    let namesakes = matches.iter().enumerate().any(|(i, a)| {
        matches[i + 1..]
            .iter()
            .any(|b| b.name.eq_ignore_ascii_case(&a.name))
    });
    RosterView {
        slug: r.event.slug.clone(),
        query: query.to_string(),
        searched: !query.is_empty(),
        namesakes,
        matches,
        without_team: r
            .people
            .iter()
            .filter(|(p, _)| p.role == Role::Attendee && !team_of.contains_key(&p.id))
            .map(person)
            .collect(),
        everyone: r.people.iter().map(person).collect(),
        teams: r.teams.iter().map(|c| team_option(r, c)).collect(),
    }
}

fn team_option(r: &Roster, c: &ProjectCard) -> TeamOption {
    let left = i64::from(r.event.team_size_cap) - c.members.len() as i64;
    TeamOption {
        id: c.project.id.0,
        title: c.project.title.clone(),
        room: if left > 0 {
            format!("{left} left")
        } else {
            "full".to_string()
        },
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    person: i64,
    /// A project id, or empty to take the person out of every team.
    #[serde(default)]
    to: String,
    /// The search to come back to.
    #[serde(default)]
    q: String,
}

/// Moves someone (or takes them out of every team) and comes back to the
/// people view saying who went where; a refusal (a full team) comes back
/// with why.
pub async fn move_person(
    v: Visit,
    CheckedForm(form): CheckedForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let to = chosen_team(&form.to)?;
    let person = PersonId(form.person);
    let back = back_to(&form.q);
    let result =
        service::teams::organiser_move(v.store(), v.live(), &v.slug, v.claim, person, to).await;
    match result {
        Ok(_) => {
            let said = moved_words(&v, person).await?;
            Ok(v.saved(&back, &said))
        }
        Err(ServiceError::Conflict(message)) => Ok(v.back_with(&back, &message)),
        Err(e) => Err(e.into()),
    }
}

/// The people view again, with the search it came from.
fn back_to(query: &str) -> String {
    match query.trim() {
        "" => "/people".to_string(),
        q => format!(
            "/people?{}",
            serde_html_form::to_string([("q", q)]).unwrap_or_default()
        ),
    }
}

/// "Sam Jones (Designer) is now in “Bed board”.", read after the move.
async fn moved_words(v: &Visit, person: PersonId) -> Result<String, AppError> {
    let roster = service::people::roster(v.store(), &v.slug, v.claim).await?;
    let Some((p, _)) = roster.people.iter().find(|(p, _)| p.id == person) else {
        return Ok("Moved.".to_string());
    };
    let who = format!("{} ({})", p.name, skill_labels(p.skills).join(", "));
    let team = roster
        .teams
        .iter()
        .find(|c| c.members.iter().any(|m| m.person_id == person));
    Ok(match team {
        Some(c) => format!("{who} is now in “{}”.", c.project.title),
        None => format!("{who} is now in no team."),
    })
}
