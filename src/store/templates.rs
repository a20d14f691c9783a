//! Reading an event's set-up as a template and laying a template on a new
//! event (criteria, prizes, schedule, team cap): set-up tables only; and
//! the umbrella's defaults for new events, as the admin saved them.

use super::DbConn;
use super::schema::events;
use crate::domain::ids::LocalOrganiserId;
use crate::domain::judging::{Criterion, Prize};
use crate::domain::proposal::{Approval, Proposal};
use crate::domain::template::{EventTemplate, TemplateDoc, TemplateSource};
use crate::domain::{Event, EventId};
use chrono::NaiveDate;
use diesel::prelude::*;

/// The set-up of `event` as a template.
pub fn read(conn: &mut DbConn, event: &Event) -> QueryResult<EventTemplate> {
    let criteria = super::judging::criteria(conn, event.id)?;
    let prizes = super::judging::prizes(conn, event.id)?;
    let schedule = super::events::schedule(conn, event.id)?;
    Ok(EventTemplate::from_event(
        event.starts_at.map(|s| s.date()),
        criteria,
        prizes,
        schedule,
        (event.team_size_cap, event.late_pitches),
    ))
}

/// The umbrella's defaults live as one JSON value (`TemplateDoc`) under
/// this key of the key-value `settings` table, like the umbrella itself:
/// they are always read and written whole (the form, a new event, the
/// export), never queried by part, so rows in tables of their own would
/// buy nothing and need a migration on both databases.
const DEFAULTS_KEY: &str = "template_defaults";

/// The defaults the admin saved, if they did. A stored value that no
/// longer reads (only a hand edit could do that) counts as not saved.
pub fn saved_defaults(conn: &mut DbConn) -> QueryResult<Option<EventTemplate>> {
    let stored = super::settings::get(conn, DEFAULTS_KEY)?;
    Ok(stored
        .and_then(|json| serde_json::from_str::<TemplateDoc>(&json).ok())
        .and_then(|doc| doc.check().ok()))
}

/// What a new event "from the umbrella's defaults" starts with: the saved
/// defaults, or the built-in ones until an admin saves some.
pub fn defaults(conn: &mut DbConn) -> QueryResult<EventTemplate> {
    Ok(saved_defaults(conn)?.unwrap_or_else(EventTemplate::series_defaults))
}

pub fn put_defaults(conn: &mut DbConn, template: &EventTemplate) -> QueryResult<()> {
    let json = serde_json::to_string(&TemplateDoc::from_template(template))
        .expect("a template serialises");
    super::settings::put(conn, DEFAULTS_KEY, &json)
}

/// Lays `template` on the new event `id` starting on `start_day`; the
/// team cap typed on the new event's form, if any, wins over the template's.
pub fn apply(
    conn: &mut DbConn,
    id: EventId,
    template: &EventTemplate,
    start_day: Option<NaiveDate>,
    cap: Option<i32>,
) -> QueryResult<()> {
    for criterion in &template.criteria {
        super::judging::add_criterion(conn, id, criterion)?;
    }
    let made = super::judging::criteria(conn, id)?;
    for shape in &template.prizes {
        let prize = Prize {
            id: crate::domain::ids::PrizeId(0),
            name: shape.name.clone(),
            description: shape.description.clone(),
            kind: shape.kind,
            criteria: shape
                .criteria
                .iter()
                .filter_map(|i| made.get(*i).map(|c: &Criterion| c.id))
                .collect(),
        };
        super::judging::add_prize(conn, id, &prize)?;
    }
    // Without a start day there is nothing to hang the schedule on.
    for (kind, label, at) in start_day.map_or(vec![], |d| template.schedule_from(d)) {
        super::events::add_schedule_item(conn, id, kind, &label, at)?;
    }
    diesel::update(events::table.find(id.0))
        .set((
            events::late_pitches.eq(template.late_pitches),
            events::team_size_cap.eq(cap.unwrap_or(template.team_size_cap)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Makes a new event from a proposal with its set-up from `source` (a
/// past event, already checked as one the asker may copy), the umbrella's
/// defaults or nothing, as the proposal chose.
pub fn create_event(
    conn: &mut DbConn,
    proposal: &Proposal,
    (approval, proposed_by): (Approval, Option<LocalOrganiserId>),
    source: Option<&Event>,
) -> QueryResult<EventId> {
    let id = super::local_organisers::insert_event(conn, proposal, approval, proposed_by)?;
    let template = match (&proposal.template, source) {
        (TemplateSource::Event(_), Some(event)) => read(conn, event)?,
        (TemplateSource::SeriesDefaults, _) => defaults(conn)?,
        _ => EventTemplate::blank(),
    };
    let cap = proposal.team_size_cap.map(|c| c.get());
    let start_day = proposal.starts_at.map(|s| s.date());
    apply(conn, id, &template, start_day, cap)?;
    Ok(id)
}
