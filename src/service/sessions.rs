//! Sign-in sessions as use cases: start one at sign-in, check the sessions
//! a claim names on every use, and end them. The state is in the database,
//! so every instance agrees at once.

use super::{Claim, ServiceResult};
use crate::domain::SecretToken;
use crate::domain::session::{Holder, SessionHash};
use crate::store::{self, DbConn, Store};
use chrono::Utc;

/// Starts a session for a person or an admin and returns its secret, which
/// only the cookie keeps.
pub async fn start(store: &Store, holder: Holder) -> ServiceResult<SecretToken> {
    store
        .write(move |conn| {
            let secret = SecretToken::generate();
            let hash = SessionHash::of_secret(secret.as_str());
            store::sessions::start(conn, hash, holder, Utc::now().naive_utc())?;
            Ok(secret)
        })
        .await
}

/// Ends these sessions (a browser signing out), wherever they are used.
pub async fn end(store: &Store, hashes: Vec<SessionHash>) -> ServiceResult<()> {
    if hashes.is_empty() {
        return Ok(());
    }
    store
        .write(move |conn| {
            store::sessions::end(conn, &hashes, Utc::now().naive_utc())?;
            Ok(())
        })
        .await
}

/// The claim with every identity whose session is not live taken out: a
/// cookie copied before sign-out, a new link or a revocation, or one past
/// its lifetime, claims nobody.
pub(crate) fn verified(conn: &mut DbConn, claim: Claim) -> ServiceResult<Claim> {
    let now = Utc::now().naive_utc();
    let person = match (claim.person, claim.person_session) {
        (Some(id), Some(hash))
            if store::sessions::is_live(conn, hash, Holder::Person(id), now)? =>
        {
            Some(id)
        }
        _ => None,
    };
    let admin = match (claim.admin, claim.admin_session) {
        (Some(id), Some(hash)) if store::sessions::is_live(conn, hash, Holder::Admin(id), now)? => {
            Some(id)
        }
        _ => None,
    };
    let local = match (claim.local, claim.local_session) {
        (Some(id), Some(hash)) if store::sessions::is_live(conn, hash, Holder::Local(id), now)? => {
            Some(id)
        }
        _ => None,
    };
    Ok(Claim {
        person,
        admin,
        local,
        ..claim
    })
}
