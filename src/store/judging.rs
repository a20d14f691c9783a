//! Judging set-up in the database: criteria, prizes, and whether judging
//! and voting are open.

use super::DbConn;
use super::schema::{criteria, events, prizes};
use crate::domain::EventId;
use crate::domain::ids::{CriterionId, PrizeId};
pub use crate::domain::judging::{Criterion, Prize};
use diesel::prelude::*;

pub fn criteria(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<Criterion>> {
    criteria::table
        .filter(criteria::event_id.eq(event.0))
        .order((criteria::position.asc(), criteria::id.asc()))
        .select((
            criteria::id,
            criteria::name,
            criteria::description,
            criteria::weight,
            criteria::scale_min,
            criteria::scale_max,
        ))
        .load::<(i64, String, String, i32, i32, i32)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(
                    |(id, name, description, weight, scale_min, scale_max)| Criterion {
                        id: CriterionId(id),
                        name,
                        description,
                        weight,
                        scale_min,
                        scale_max,
                    },
                )
                .collect()
        })
}

pub fn add_criterion(conn: &mut DbConn, event: EventId, c: &Criterion) -> QueryResult<()> {
    let position: i64 = criteria::table
        .filter(criteria::event_id.eq(event.0))
        .count()
        .get_result(conn)?;
    diesel::insert_into(criteria::table)
        .values((
            criteria::event_id.eq(event.0),
            criteria::name.eq(&c.name),
            criteria::description.eq(&c.description),
            criteria::weight.eq(c.weight),
            criteria::scale_min.eq(c.scale_min),
            criteria::scale_max.eq(c.scale_max),
            criteria::position.eq(position as i32),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn delete_criterion(conn: &mut DbConn, event: EventId, id: CriterionId) -> QueryResult<usize> {
    diesel::delete(
        criteria::table
            .filter(criteria::event_id.eq(event.0))
            .filter(criteria::id.eq(id.0)),
    )
    .execute(conn)
}

pub fn prizes(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<Prize>> {
    prizes::table
        .filter(prizes::event_id.eq(event.0))
        .order((prizes::position.asc(), prizes::id.asc()))
        .select((
            prizes::id,
            prizes::name,
            prizes::description,
            prizes::kind,
            prizes::criteria,
        ))
        .load::<(i64, String, String, String, String)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(id, name, description, kind, criteria)| Prize {
                    id: PrizeId(id),
                    name,
                    description,
                    // An unknown stored kind (from a newer version) is decided by hand.
                    kind: crate::domain::judging::PrizeKind::parse(&kind)
                        .unwrap_or(crate::domain::judging::PrizeKind::Special),
                    criteria: criteria
                        .split(',')
                        .filter_map(|c| c.trim().parse().ok().map(CriterionId))
                        .collect(),
                })
                .collect()
        })
}

pub fn add_prize(conn: &mut DbConn, event: EventId, p: &Prize) -> QueryResult<()> {
    let position: i64 = prizes::table
        .filter(prizes::event_id.eq(event.0))
        .count()
        .get_result(conn)?;
    let criteria = p
        .criteria
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(",");
    diesel::insert_into(prizes::table)
        .values((
            prizes::event_id.eq(event.0),
            prizes::name.eq(&p.name),
            prizes::description.eq(&p.description),
            prizes::kind.eq(p.kind.as_str()),
            prizes::criteria.eq(criteria),
            prizes::position.eq(position as i32),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn delete_prize(conn: &mut DbConn, event: EventId, id: PrizeId) -> QueryResult<usize> {
    diesel::delete(
        prizes::table
            .filter(prizes::event_id.eq(event.0))
            .filter(prizes::id.eq(id.0)),
    )
    .execute(conn)
}

pub fn set_flags(
    conn: &mut DbConn,
    event: EventId,
    judging_open: Option<bool>,
    voting_open: Option<bool>,
) -> QueryResult<()> {
    if let Some(open) = judging_open {
        diesel::update(events::table.find(event.0))
            .set(events::judging_open.eq(open))
            .execute(conn)?;
    }
    if let Some(open) = voting_open {
        diesel::update(events::table.find(event.0))
            .set(events::voting_open.eq(open))
            .execute(conn)?;
    }
    Ok(())
}

/// (judging_open, voting_open)
pub fn flags(conn: &mut DbConn, event: EventId) -> QueryResult<(bool, bool)> {
    events::table
        .find(event.0)
        .select((events::judging_open, events::voting_open))
        .first(conn)
}
