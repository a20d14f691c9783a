//! Claims checked against the database a moment ago, so that a signed-in
//! visitor's page costs no query of its own. An answer is kept with a
//! count that moves whenever a session may have ended (this process's
//! finished writes on SQLite, where every change passes through it; the
//! database's count of session endings on PostgreSQL, read for many
//! requests at once by `fence`), and holds only while that count stands
//! still, and for at most a minute (a session also ends by the clock, after
//! its lifetime of days: a minute late at most).

use crate::service::{Claim, ServiceResult, verified};
use crate::store::{self, DbConn};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an answer is trusted at most, writes or not.
const MAX_AGE: Duration = Duration::from_secs(60);
/// Answers kept at most; past it they are all dropped (one query each to
/// learn again), so a flood of made-up cookies cannot grow memory.
const MAX_KEPT: usize = 20_000;

/// What the database said of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The claim with every identity whose session is not live taken out.
    pub claim: Claim,
    /// Whether the admin it names (live session) is still an admin.
    pub is_admin: bool,
}

struct Kept {
    checked: Checked,
    /// The count of changes read before the check began.
    changes: u64,
    at: Instant,
}

#[derive(Default)]
pub struct CheckedClaims {
    kept: Mutex<HashMap<Claim, Kept>>,
}

impl CheckedClaims {
    /// The kept answer for `claim`, if the count of changes is still
    /// `changes_now` and the answer is recent.
    pub fn get(&self, claim: &Claim, changes_now: u64) -> Option<Checked> {
        let kept = self.kept.lock().expect("claims lock");
        let found = kept.get(claim)?;
        (found.changes == changes_now && found.at.elapsed() < MAX_AGE).then_some(found.checked)
    }

    /// Keeps what the database said of `claim`; `changes_before` is the
    /// count read before the check began, so a session ended during the
    /// check makes the answer count as old at once.
    pub fn put(&self, claim: Claim, checked: Checked, changes_before: u64) {
        let mut kept = self.kept.lock().expect("claims lock");
        if kept.len() >= MAX_KEPT {
            kept.clear();
        }
        kept.insert(
            claim,
            Kept {
                checked,
                changes: changes_before,
                at: Instant::now(),
            },
        );
    }
}

/// The claim's sessions checked against the database, and whether the
/// admin it names is still one (no query for identities it does not name).
pub fn check(conn: &mut DbConn, claim: Claim) -> ServiceResult<Checked> {
    let claim = verified(conn, claim)?;
    let is_admin = match claim.admin {
        Some(id) => store::admins::name_of(conn, id)?.is_some(),
        None => false,
    };
    Ok(Checked { claim, is_admin })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PersonId;

    fn claim(id: i64) -> Claim {
        Claim {
            person: Some(PersonId(id)),
            ..Claim::default()
        }
    }

    #[test]
    fn an_answer_holds_while_the_count_of_changes_stands_still() {
        let claims = CheckedClaims::default();
        let answer = Checked {
            claim: claim(1),
            is_admin: false,
        };
        claims.put(claim(1), answer, 7);
        assert_eq!(claims.get(&claim(1), 7), Some(answer));
        assert_eq!(
            claims.get(&claim(1), 8),
            None,
            "a session may have ended since"
        );
        assert_eq!(claims.get(&claim(2), 7), None, "another claim");
    }
}
