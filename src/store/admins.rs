//! Admins of the whole installation, who create events.

use super::DbConn;
use super::schema::admins;
use crate::domain::ids::AdminId;
use chrono::Utc;
use diesel::prelude::*;

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    admins::table.count().get_result(conn)
}

pub fn insert(conn: &mut DbConn, name: &str, token_hash: &str) -> QueryResult<AdminId> {
    diesel::insert_into(admins::table)
        .values((
            admins::name.eq(name),
            admins::token_hash.eq(token_hash),
            admins::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(admins::id)
        .get_result(conn)
        .map(AdminId)
}

pub fn find_by_token_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<(AdminId, String)>> {
    admins::table
        .filter(admins::token_hash.eq(hash))
        .select((admins::id, admins::name))
        .first::<(i64, String)>(conn)
        .optional()
        .map(|row| row.map(|(id, name)| (AdminId(id), name)))
}

pub fn name_of(conn: &mut DbConn, id: AdminId) -> QueryResult<Option<String>> {
    admins::table
        .find(id.0)
        .select(admins::name)
        .first(conn)
        .optional()
}

pub fn set_token_hash(conn: &mut DbConn, id: AdminId, hash: &str) -> QueryResult<usize> {
    diesel::update(admins::table.find(id.0))
        .set(admins::token_hash.eq(hash))
        .execute(conn)
}
