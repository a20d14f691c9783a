//! Local organisers' passwords: argon2id hashes (the `argon2` crate's
//! defaults), checked in constant time by the crate.

use crate::domain::Invalid;
use crate::domain::ids::LocalOrganiserId;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// A new password, long enough not to be guessed within the sign-in rate limit.
pub struct Password(String);

impl Password {
    pub const MIN: usize = 10;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let n = raw.chars().count();
        if n < Self::MIN {
            return Err(Invalid::new(
                "password",
                format!("A password needs at least {} characters", Self::MIN),
            ));
        }
        if n > 200 {
            return Err(Invalid::new(
                "password",
                "A password can have up to 200 characters",
            ));
        }
        Ok(Self(raw.to_string()))
    }
}

pub fn hash_password(password: &Password) -> String {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.0.as_bytes(), &salt)
        .expect("argon2 hashes any password with a fresh salt")
        .to_string()
}

/// A hash to check against when nobody matches, so a wrong name takes as
/// long as a wrong password.
fn decoy() -> String {
    hash_password(&Password("decoy password".into()))
}

/// The first candidate whose stored hash the password matches.
pub fn check_any(
    candidates: &[(LocalOrganiserId, Option<String>)],
    password: &str,
) -> Option<LocalOrganiserId> {
    let with_hash: Vec<_> = candidates
        .iter()
        .filter_map(|(id, h)| h.as_ref().map(|h| (*id, h.clone())))
        .collect();
    if with_hash.is_empty() {
        let decoy = decoy();
        let parsed = PasswordHash::new(&decoy).expect("a fresh hash parses");
        let _ = Argon2::default().verify_password(password.as_bytes(), &parsed);
        return None;
    }
    with_hash.into_iter().find_map(|(id, stored)| {
        let parsed = PasswordHash::new(&stored).ok()?;
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .ok()
            .map(|()| id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_stored_as_an_argon2_hash_that_only_it_matches() {
        let hash = hash_password(&Password::parse("correct horse battery").unwrap());
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        let who = [(LocalOrganiserId(7), Some(hash))];
        assert_eq!(
            check_any(&who, "correct horse battery"),
            Some(LocalOrganiserId(7))
        );
        assert_eq!(check_any(&who, "wrong horse battery"), None);
        assert_eq!(
            check_any(&[(LocalOrganiserId(8), None)], "anything at all"),
            None
        );
        assert!(Password::parse("short").is_err());
    }
}
