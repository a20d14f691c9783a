//! Sign-in sessions: who holds one, how long one lasts, and the hash of its
//! secret that the cookie's secret is checked against.

use super::ids::{AdminId, LocalOrganiserId, PersonId};
use chrono::{Duration, NaiveDateTime};
use sha2::{Digest, Sha256};

/// How long a session lasts from sign-in, however active: a hack day is a
/// weekend, and a month covers the follow-up without leaving a forgotten
/// laptop signed in for good.
pub const SESSION_LIFETIME_DAYS: i64 = 30;

/// Who a session signs in: one person at one event, an admin, or a local
/// organiser of the umbrella (who has no power at any event by it: they
/// run an event as its organiser, a person of that event).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Person(PersonId),
    Admin(AdminId),
    Local(LocalOrganiserId),
}

/// The SHA-256 of a session's secret: what the database keeps and what a
/// claim carries (small and `Copy`, and never the secret itself).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionHash([u8; 32]);

impl SessionHash {
    pub fn of_secret(secret: &str) -> Self {
        Self(Sha256::digest(secret.as_bytes()).into())
    }

    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl std::fmt::Debug for SessionHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionHash(…)")
    }
}

/// The oldest start a session may have and still be in use at `now`.
pub fn oldest_live_start(now: NaiveDateTime) -> NaiveDateTime {
    now - Duration::days(SESSION_LIFETIME_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SecretToken;

    #[test]
    fn a_session_hash_is_the_same_as_the_tokens_hash_and_hides_itself() {
        let token = SecretToken::generate();
        let hash = SessionHash::of_secret(token.as_str());
        assert_eq!(hash.hex(), token.hash());
        assert_eq!(format!("{hash:?}"), "SessionHash(…)");
    }

    #[test]
    fn a_session_lives_thirty_days_from_sign_in() {
        let now = chrono::DateTime::from_timestamp(2_000_000_000, 0)
            .expect("a time")
            .naive_utc();
        assert_eq!(now - oldest_live_start(now), Duration::days(30));
    }
}
