//! Sign-in sessions: started at sign-in, checked on every use, ended by
//! signing out, a new sign-in link or revoking the person.

use super::DbConn;
use super::schema::{session_endings, sessions};
use crate::domain::PersonId;
use crate::domain::ids::AdminId;
use crate::domain::session::{Holder, SessionHash, oldest_live_start};
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub fn start(
    conn: &mut DbConn,
    hash: SessionHash,
    holder: Holder,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (person, admin, local) = match holder {
        Holder::Person(p) => (Some(p.0), None, None),
        Holder::Admin(a) => (None, Some(a.0), None),
        Holder::Local(l) => (None, None, Some(l.0)),
    };
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(hash.hex()),
            sessions::person_id.eq(person),
            sessions::admin_id.eq(admin),
            sessions::local_organiser_id.eq(local),
            sessions::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Whether this session is live (not ended, not expired) and held by this holder.
pub fn is_live(
    conn: &mut DbConn,
    hash: SessionHash,
    holder: Holder,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let live = sessions::table
        .filter(sessions::token_hash.eq(hash.hex()))
        .filter(sessions::ended_at.is_null())
        .filter(sessions::created_at.gt(oldest_live_start(now)));
    let found = match holder {
        Holder::Person(p) => diesel::select(diesel::dsl::exists(
            live.filter(sessions::person_id.eq(p.0)),
        ))
        .get_result(conn)?,
        Holder::Admin(a) => {
            diesel::select(diesel::dsl::exists(live.filter(sessions::admin_id.eq(a.0))))
                .get_result(conn)?
        }
        Holder::Local(l) => diesel::select(diesel::dsl::exists(
            live.filter(sessions::local_organiser_id.eq(l.0)),
        ))
        .get_result(conn)?,
    };
    Ok(found)
}

/// Ends the sessions with these hashes (a browser signing out).
pub fn end(conn: &mut DbConn, hashes: &[SessionHash], now: NaiveDateTime) -> QueryResult<usize> {
    let hexes: Vec<String> = hashes.iter().map(SessionHash::hex).collect();
    diesel::update(
        sessions::table
            .filter(sessions::token_hash.eq_any(hexes))
            .filter(sessions::ended_at.is_null()),
    )
    .set(sessions::ended_at.eq(now))
    .execute(conn)
    .and_then(|ended| counted(conn, ended))
}

/// Ends every session of a person, except perhaps the one asking (someone
/// who makes their own new link stays signed in where they are).
pub fn end_for_person(
    conn: &mut DbConn,
    person: PersonId,
    except: Option<SessionHash>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let keep = except.map(|h| h.hex()).unwrap_or_default();
    diesel::update(
        sessions::table
            .filter(sessions::person_id.eq(person.0))
            .filter(sessions::token_hash.ne(keep))
            .filter(sessions::ended_at.is_null()),
    )
    .set(sessions::ended_at.eq(now))
    .execute(conn)
    .and_then(|ended| counted(conn, ended))
}

/// Ends every session of an admin.
pub fn end_for_admin(conn: &mut DbConn, admin: AdminId, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .filter(sessions::admin_id.eq(admin.0))
            .filter(sessions::ended_at.is_null()),
    )
    .set(sessions::ended_at.eq(now))
    .execute(conn)
    .and_then(|ended| counted(conn, ended))
}

/// `ended` sessions ended: counted if there were any.
fn counted(conn: &mut DbConn, ended: usize) -> QueryResult<usize> {
    if ended > 0 {
        count_ending(conn)?;
    }
    Ok(ended)
}

/// How many times sessions have been ended so far (see `count_ending`).
pub fn endings(conn: &mut DbConn) -> QueryResult<i64> {
    session_endings::table
        .select(session_endings::count)
        .first(conn)
}

/// Counts an ending of sessions, in the transaction that ends them: an
/// instance that kept what it checked of a session learns from the count
/// that it must check again, whichever instance ended it.
fn count_ending(conn: &mut DbConn) -> QueryResult<()> {
    diesel::update(session_endings::table)
        .set(session_endings::count.eq(session_endings::count + 1))
        .execute(conn)
        .map(|_| ())
}
