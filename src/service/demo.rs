//! The demo event: a realistic hack day in the middle of team forming, so a
//! newcomer sees a living event within seconds of `hackday demo`.

use super::{ServiceError, ServiceResult};
use crate::domain::ScheduleKind;
use crate::domain::judging::PrizeKind;
use crate::domain::{
    EventName, EventSettings, JoinCode, Phase, Problem, Role, SecretToken, Skill, SkillSet,
    TeamSizeCap, Title, Venue,
};
use crate::store::{self, DbConn, Store, projects::Pitch};
use chrono::{Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

mod data;
mod people;

use data::{ATTENDEES, FIRST, LAST, PITCHES};
use people::{add_person, random_skills};

pub const DEMO_SLUG: &str = "demo";

/// The secrets of the links `hackday demo` prints, and what happened to the
/// demo event on this start.
pub struct DemoLinks {
    pub organiser: SecretToken,
    pub judge: SecretToken,
    pub state: DemoState,
}

/// What `hackday demo` did to the demo event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoState {
    /// There was none: it was loaded.
    Loaded,
    /// It was there and kept as it was, with every change made since.
    Kept,
    /// It was deleted with everything under it and loaded again (`--fresh`).
    Reset,
}

fn seed(conn: &mut DbConn) -> ServiceResult<DemoLinks> {
    let sized = SeedSize {
        slug: DEMO_SLUG,
        name: "NHS Hack Day (demo)",
        projects: PITCHES.len(),
        attendees: ATTENDEES,
    };
    Ok(seed_sized(conn, &sized)?.links)
}

/// What to seed: an event like the demo with this many pitches (the demo's
/// 25 repeated with a number) and attendees (at least as many).
struct SeedSize<'a> {
    slug: &'a str,
    name: &'a str,
    projects: usize,
    attendees: usize,
}

/// A seeded event's links: the organiser's and judge's, and one attendee's
/// (the pitcher of `project`).
pub struct Seeded {
    pub links: DemoLinks,
    pub attendee: String,
    pub project: i64,
}

/// Seeds an event like the demo, of `projects` pitches and `attendees`
/// people, in team forming (for benchmarks: `examples/page_bench/`).
pub async fn seed_event(
    store: &Store,
    slug: &str,
    name: &str,
    projects: usize,
    attendees: usize,
) -> ServiceResult<Seeded> {
    let (slug, name) = (slug.to_string(), name.to_string());
    let done = store
        .write(move |conn| {
            let sized = SeedSize {
                slug: &slug,
                name: &name,
                projects,
                attendees: attendees.max(projects),
            };
            seed_sized(conn, &sized)
        })
        .await;
    // The demo may have set the umbrella.
    store.memo().forget(store::umbrella::MEMO_KEY);
    done
}

fn seed_sized(conn: &mut DbConn, sized: &SeedSize<'_>) -> ServiceResult<Seeded> {
    let mut rng = StdRng::seed_from_u64(2026);
    // The series the demo runs under, unless an admin has set one already.
    store::umbrella::put_if_unset(conn, &crate::domain::umbrella::Umbrella::nhs_hack_day())?;
    let event = store::events::insert(conn, sized.slug, sized.name)?;
    let today = Utc::now().naive_utc().date();
    let at = |days: i64, hour: u32, minute: u32| {
        (today + Duration::days(days))
            .and_hms_opt(hour, minute, 0)
            .expect("a valid time of day")
    };
    let settings = EventSettings {
        name: EventName::parse(sized.name).expect("a valid name"),
        venue: Venue::parse("Old Medical School, Leeds").expect("a valid venue"),
        starts_at: Some(at(0, 9, 0)),
        ends_at: Some(at(1, 17, 0)),
        team_size_cap: TeamSizeCap::new(6).expect("a valid cap"),
        join_code: JoinCode::parse_optional("").expect("no join code"),
        show_join_code: false,
        late_pitches: true,
        zone: None,
    };
    store::events::update_settings(conn, event, &settings)?;
    for (kind, label, when) in [
        (ScheduleKind::Other, "Pitches", at(0, 10, 0)),
        (ScheduleKind::Other, "Lunch", at(0, 12, 30)),
        (
            ScheduleKind::SubmissionDeadline,
            "Demo submissions close",
            at(1, 13, 30),
        ),
        (ScheduleKind::Presentations, "Presentations", at(1, 14, 0)),
        (ScheduleKind::Other, "Prizes", at(1, 16, 30)),
    ] {
        store::events::add_schedule_item(conn, event, kind, label, when)?;
    }
    let (_, organiser) = add_person(
        conn,
        event,
        "Olu Adeyemi",
        SkillSet::empty(),
        Role::Organiser,
    )?;
    add_person(
        conn,
        event,
        "Hannah Price",
        SkillSet::empty(),
        Role::Organiser,
    )?;
    let (_, judge) = add_person(
        conn,
        event,
        "Dr Rachel Moss",
        SkillSet::from_skills([Skill::Clinician]),
        Role::Judge,
    )?;
    for name in ["Sunil Varma", "Kate Fielding", "Tom Ashworth"] {
        add_person(conn, event, name, SkillSet::empty(), Role::Judge)?;
    }
    let mut attendees = Vec::with_capacity(sized.attendees);
    let mut first_link = None;
    for i in 0..sized.attendees {
        let name = format!(
            "{} {}",
            FIRST[i % FIRST.len()],
            LAST[(i * 7 + i / FIRST.len()) % LAST.len()]
        );
        let skills = random_skills(&mut rng);
        let (person, link) = add_person(conn, event, &name, skills, Role::Attendee)?;
        first_link.get_or_insert(link);
        attendees.push(person);
    }
    let cap = settings.team_size_cap.get() as usize;
    let mut projects = Vec::new();
    for i in 0..sized.projects {
        let (title, problem, skills) = PITCHES[i % PITCHES.len()];
        let title = match i / PITCHES.len() {
            0 => title.to_string(),
            n => format!("{title} {}", n + 1),
        };
        let pitcher = attendees[i];
        let pitch = Pitch {
            title: &Title::parse(&title).expect("demo titles are valid"),
            problem: &Problem::parse(problem).expect("demo problems are valid"),
            skills_needed: SkillSet::from_skills(skills.iter().copied()),
        };
        let id = store::projects::insert(conn, event, pitcher, pitch)?;
        store::projects::put_in_team(conn, event, id, pitcher)?;
        projects.push((id, 1usize));
    }
    // Teams partly filled: about half the rest have joined so far.
    for &person in &attendees[sized.projects..] {
        if rng.gen_bool(0.5) {
            continue;
        }
        let (project, size) = &mut projects[rng.gen_range(0..sized.projects)];
        if *size < cap {
            store::projects::put_in_team(conn, event, *project, person)?;
            *size += 1;
        }
    }
    for draft in crate::domain::judging::default_criteria() {
        let criterion = store::judging::Criterion {
            id: crate::domain::ids::CriterionId(0),
            name: draft.name,
            description: draft.description,
            weight: draft.weight,
            scale_min: draft.scale_min,
            scale_max: draft.scale_max,
        };
        store::judging::add_criterion(conn, event, &criterion)?;
    }
    for (name, kind) in [
        ("Best in show", PrizeKind::Judged),
        ("People's choice", PrizeKind::PeoplesChoice),
        ("Patients' award", PrizeKind::Special),
    ] {
        let prize = store::judging::Prize {
            id: crate::domain::ids::PrizeId(0),
            name: name.into(),
            description: String::new(),
            kind,
            criteria: vec![],
        };
        store::judging::add_prize(conn, event, &prize)?;
    }
    store::events::set_phase(conn, event, Phase::TeamForming)?;
    Ok(Seeded {
        links: DemoLinks {
            organiser,
            judge,
            state: DemoState::Loaded,
        },
        attendee: first_link
            .expect("at least one attendee")
            .as_str()
            .to_string(),
        project: projects.first().map_or(0, |(id, _)| id.0),
    })
}

/// Loads the demo event unless it exists; either way returns fresh links
/// for its first organiser and judge (re-issuing them on an existing event).
pub async fn ensure_demo(store: &Store) -> ServiceResult<DemoLinks> {
    let done = store
        .write(|conn| {
            let Some(event) = store::events::find_by_slug(conn, DEMO_SLUG)? else {
                return seed(conn);
            };
            let mut reissue = |role: Role| -> ServiceResult<SecretToken> {
                let person = store::people::list_with_role(conn, event.id, role)?
                    .into_iter()
                    .next()
                    .ok_or_else(|| {
                        ServiceError::Conflict(format!("the demo event has no {}", role.as_str()))
                    })?;
                let token = SecretToken::generate();
                store::people::set_token_hash(conn, person.id, &token.hash())?;
                Ok(token)
            };
            let organiser = reissue(Role::Organiser)?;
            let judge = reissue(Role::Judge)?;
            Ok(DemoLinks {
                organiser,
                judge,
                state: DemoState::Kept,
            })
        })
        .await;
    // The demo may have set the umbrella.
    store.memo().forget(store::umbrella::MEMO_KEY);
    done
}

/// Puts the demo event back in its starting state: deletes it and everything
/// under it, then loads it again, in one transaction (other events are
/// untouched). Behind `hackday demo --fresh`.
pub async fn reset_demo(store: &Store) -> ServiceResult<DemoLinks> {
    let done = store
        .write(|conn| {
            let existed = store::events::delete_by_slug(conn, DEMO_SLUG)?;
            let links = seed(conn)?;
            Ok(DemoLinks {
                state: if existed {
                    DemoState::Reset
                } else {
                    DemoState::Loaded
                },
                ..links
            })
        })
        .await;
    // The demo may have set the umbrella.
    store.memo().forget(store::umbrella::MEMO_KEY);
    done
}
