//! Running an event: the home page's list, the organiser console, settings,
//! phases and the schedule.

use super::change::{Needs, organiser_change};
use super::{Claim, ServiceError, ServiceResult, Viewer, read};
use crate::domain::audit::{AuditAction, judging_flags_detail};
use crate::domain::event::parse_datetime;
use crate::domain::ids::ScheduleItemId;
use crate::domain::text::ScheduleLabel;
use crate::domain::when::when_in;
use crate::domain::{
    Event, EventSettings, FieldErrors, Person, Phase, Role, ScheduleItem, ScheduleKind,
};
use crate::live::Live;
use crate::store::{self, Store};
use chrono::NaiveDateTime;

/// The home page: public events split into live, upcoming and past.
pub struct EventList {
    pub live: Vec<Event>,
    pub upcoming: Vec<Event>,
    pub past: Vec<Event>,
}

pub async fn list(store: &Store) -> ServiceResult<EventList> {
    let all = store
        .run(|conn| Ok::<_, ServiceError>(store::events::list_all(conn)?))
        .await?;
    let mut list = EventList {
        live: vec![],
        upcoming: vec![],
        past: vec![],
    };
    for event in all.into_iter().filter(Event::is_public) {
        match event.phase {
            Phase::Draft => {}
            Phase::Closed => list.past.push(event),
            _ => list.live.push(event),
        }
    }
    // Upcoming: live-phase events whose start is still ahead.
    let now = chrono::Utc::now();
    let (upcoming, live): (Vec<_>, Vec<_>) = list.live.into_iter().partition(|e| {
        e.starts_at.is_some_and(|s| !e.zone.has_passed(s, now)) && e.phase == Phase::Pitching
    });
    list.live = live;
    list.upcoming = upcoming;
    Ok(list)
}

pub struct OrganisePage {
    pub event: Event,
    pub viewer: Viewer,
    pub schedule: Vec<ScheduleItem>,
    pub organisers: Vec<Person>,
    pub judges: Vec<Person>,
    pub people_count: i64,
    pub recent: Vec<store::audit::Logged>,
    pub scene: Option<String>,
    pub timer: crate::domain::timer::Timer,
    /// For moving people between teams.
    pub attendees: Vec<Person>,
    pub teams: Vec<(crate::domain::ProjectId, String)>,
}

pub async fn organise_page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<OrganisePage> {
    read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        Ok(OrganisePage {
            schedule: store::events::schedule(conn, event.id)?,
            organisers: store::people::list_with_role(conn, event.id, Role::Organiser)?,
            judges: store::people::list_with_role(conn, event.id, Role::Judge)?,
            people_count: store::people::count_attendees(conn, event.id)?,
            recent: store::audit::recent(conn, event.id, 20)?,
            attendees: store::people::list_with_role(conn, event.id, Role::Attendee)?,
            teams: store::projects::list_open(conn, event.id)?
                .into_iter()
                .map(|p| (p.id, p.title))
                .collect(),
            scene: store::events::display_scene(conn, event.id)?,
            timer: store::events::timer(conn, event.id)?,
            event,
            viewer,
        })
    })
    .await
}

/// Saves the settings. Answers the teams that are now over a lowered cap
/// (title, size): their members stay, and nobody new can join them.
pub async fn update_settings(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    settings: EventSettings,
) -> ServiceResult<Vec<(String, i64)>> {
    super::change::run(
        store,
        live,
        slug,
        claim,
        Needs::Organiser,
        move |conn, cx, fx| {
            store::events::update_settings(conn, cx.event.id, &settings)?;
            let cap = i64::from(settings.team_size_cap.get());
            let mut over = Vec::new();
            for project in store::projects::list_open(conn, cx.event.id)? {
                let size = store::projects::member_count(conn, project.id)?;
                if size > cap {
                    over.push((project.title, size));
                }
            }
            let mut detail = format!("name “{}”", settings.name.as_str());
            if !over.is_empty() {
                detail.push_str(&format!(
                "; the team cap of {cap} is below the size of {} team(s), who keep their members",
                over.len()
            ));
            }
            fx.audit(AuditAction::SettingsChanged, detail);
            fx.event_changed();
            Ok(over)
        },
    )
    .await
}

pub async fn set_phase(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    phase: Phase,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        store::events::set_phase(conn, event.id, phase)?;
        fx.audit(
            AuditAction::PhaseChanged,
            format!("from {} to {}", event.phase.label(), phase.label()),
        );
        let open_now = store::judging::flags(conn, event.id)?;
        let (judging, voting) = flags_after_move(event.phase, phase, open_now);
        if judging.is_some() || voting.is_some() {
            store::judging::set_flags(conn, event.id, judging, voting)?;
            fx.audit(
                AuditAction::JudgingFlags,
                judging_flags_detail(judging, voting),
            );
        }
        Ok(())
    })
    .await
}

/// What moving from `from` to `to` changes in (judging open, voting open),
/// given how they stand: "Start judging" means judges can score, so moving
/// on into judging opens it (closing it again stays on the judging set-up
/// page); moving on to results closes judging and voting, so the scores
/// and votes stand still while the winners are decided.
fn flags_after_move(
    from: Phase,
    to: Phase,
    (judging, voting): (bool, bool),
) -> (Option<bool>, Option<bool>) {
    let forward_into = |phase: Phase| to == phase && from < phase;
    if forward_into(Phase::Judging) {
        return ((!judging).then_some(true), None);
    }
    if forward_into(Phase::Results) || forward_into(Phase::Closed) {
        return (judging.then_some(false), voting.then_some(false));
    }
    (None, None)
}

/// A schedule entry as typed.
pub struct NewScheduleItem {
    pub kind: ScheduleKind,
    pub label: ScheduleLabel,
    pub at: NaiveDateTime,
}

impl NewScheduleItem {
    pub fn parse(kind: &str, label: &str, at: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = ScheduleKind::parse(kind);
        if kind.is_none() {
            errors.add("kind", "Pick one of the kinds");
        }
        let label = errors.take(ScheduleLabel::parse(label));
        let at = errors.take(parse_datetime("at", at));
        match (kind, label, at) {
            (Some(kind), Some(label), Some(at)) => Ok(Self { kind, label, at }),
            _ => Err(errors),
        }
    }
}

pub async fn add_schedule_item(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    item: NewScheduleItem,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        store::events::add_schedule_item(conn, event.id, item.kind, item.label.as_str(), item.at)?;
        fx.audit(
            AuditAction::ScheduleAdded,
            format!(
                "“{}” at {}",
                item.label.as_str(),
                when_in(item.at, event.zone)
            ),
        );
        Ok(())
    })
    .await
}

pub async fn delete_schedule_item(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    item: ScheduleItemId,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let label = store::events::schedule(conn, event.id)?
            .into_iter()
            .find(|s| s.id == item)
            .map(|s| s.label)
            .ok_or(ServiceError::NotFound)?;
        store::events::delete_schedule_item(conn, event.id, item)?;
        fx.audit(AuditAction::ScheduleRemoved, format!("“{label}”"));
        Ok(())
    })
    .await
}
