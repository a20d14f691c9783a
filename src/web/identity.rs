//! Who the session says the visitor is: per event (keyed by slug, which
//! never changes) a person id with the secret of the server-side session
//! that sign-in started, perhaps an admin with theirs, and the CSRF token.
//! The cookie is encrypted and signed; ids and sessions are still checked
//! against the database on every use (see `service::sessions::verified`).

use crate::domain::ids::AdminId;
use crate::domain::session::SessionHash;
use crate::domain::{PersonId, SecretToken};
use crate::service::Claim;
use actix_session::Session;
use std::collections::BTreeMap;

const PEOPLE: &str = "people";
const LINKS: &str = "links";
const ADMIN: &str = "admin";
const LOCAL: &str = "local";
const CSRF: &str = "csrf";
const NOTICE: &str = "notice";
const SAVED: &str = "saved";

/// slug → (person id, session secret).
fn people(session: &Session) -> BTreeMap<String, (i64, String)> {
    session.get(PEOPLE).ok().flatten().unwrap_or_default()
}

fn admin_entry(session: &Session) -> Option<(i64, String)> {
    session.get(ADMIN).ok().flatten()
}

/// Who the cookie claims to be at this event, and as admin.
pub fn claim(session: &Session, slug: &str) -> Claim {
    let person = people(session).remove(slug);
    Claim {
        person: person.as_ref().map(|(id, _)| PersonId(*id)),
        person_session: person.map(|(_, secret)| SessionHash::of_secret(&secret)),
        ..admin_claim(session)
    }
}

fn local_entry(session: &Session) -> Option<(i64, String)> {
    session.get(LOCAL).ok().flatten()
}

/// Who the cookie claims to be as a local organiser of the umbrella.
pub fn local_claim(session: &Session) -> Claim {
    let local = local_entry(session);
    Claim {
        local: local
            .as_ref()
            .map(|(id, _)| crate::domain::ids::LocalOrganiserId(*id)),
        local_session: local.map(|(_, secret)| SessionHash::of_secret(&secret)),
        ..admin_claim(session)
    }
}

pub fn sign_in_local(
    session: &Session,
    id: crate::domain::ids::LocalOrganiserId,
    started: &SecretToken,
) {
    let _ = session.insert(LOCAL, (id.0, started.as_str()));
}

/// Signs the visitor in as this person at this event with a session just
/// started, without a personal link to show (a local organiser entering
/// the event they run from their own page).
pub fn sign_in_without_link(
    session: &Session,
    slug: &str,
    person: PersonId,
    started: &SecretToken,
) {
    let mut map = people(session);
    map.insert(slug.to_string(), (person.0, started.as_str().to_string()));
    let _ = session.insert(PEOPLE, map);
}

/// Who the cookie claims to be as admin, outside any event.
pub fn admin_claim(session: &Session) -> Claim {
    let admin = admin_entry(session);
    Claim {
        admin: admin.as_ref().map(|(id, _)| AdminId(*id)),
        admin_session: admin.map(|(_, secret)| SessionHash::of_secret(&secret)),
        ..Claim::default()
    }
}

/// Signs the visitor in as this person at this event with a session that
/// was just started, remembering the personal link's secret so their page
/// can show it again.
pub fn sign_in(
    session: &Session,
    slug: &str,
    person: PersonId,
    started: &SecretToken,
    link: &SecretToken,
) {
    let mut map = people(session);
    map.insert(slug.to_string(), (person.0, started.as_str().to_string()));
    let _ = session.insert(PEOPLE, map);
    remember_link(session, slug, link);
}

/// Every session this cookie holds, to end them all at sign-out.
pub fn held_sessions(session: &Session) -> Vec<SessionHash> {
    people(session)
        .into_values()
        .chain(admin_entry(session))
        .chain(local_entry(session))
        .map(|(_, secret)| SessionHash::of_secret(&secret))
        .collect()
}

pub fn remember_link(session: &Session, slug: &str, link: &SecretToken) {
    let mut links: BTreeMap<String, String> = session.get(LINKS).ok().flatten().unwrap_or_default();
    links.insert(slug.to_string(), link.as_str().to_string());
    let _ = session.insert(LINKS, links);
}

/// The personal link's secret for this event, if this browser has it.
pub fn link(session: &Session, slug: &str) -> Option<String> {
    let links: BTreeMap<String, String> = session.get(LINKS).ok().flatten().unwrap_or_default();
    links.get(slug).cloned()
}

/// Keeps a message for the next page this visitor sees (a refusal that
/// sends them back where they were).
pub fn leave_notice(session: &Session, message: &str) {
    let _ = session.insert(NOTICE, message);
}

/// The message left for this page, once.
pub fn take_notice(session: &Session) -> Option<String> {
    // Removing marks the session changed (a new cookie on the response):
    // only do it when there is a notice to take.
    session.get::<String>(NOTICE).ok().flatten()?;
    session.remove_as::<String>(NOTICE).and_then(Result::ok)
}

/// Keeps "saved" news for the next page this visitor sees (a change that
/// worked, said after the redirect).
pub fn leave_saved(session: &Session, message: &str) {
    let _ = session.insert(SAVED, message);
}

/// The "saved" news left for this page, once.
pub fn take_saved(session: &Session) -> Option<String> {
    session.get::<String>(SAVED).ok().flatten()?;
    session.remove_as::<String>(SAVED).and_then(Result::ok)
}

pub fn sign_in_admin(session: &Session, admin: AdminId, started: &SecretToken) {
    let _ = session.insert(ADMIN, (admin.0, started.as_str()));
}

pub fn sign_out(session: &Session) {
    session.purge();
}

/// The session's CSRF token, made on first use, masked afresh for this
/// response (see `mask_token`): what pages put in their forms.
pub fn csrf_token(session: &Session) -> String {
    mask_token(&session_csrf(session))
}

/// A short hash of the session's own CSRF token: says whether a page a
/// browser holds carries a mask of the token it has now (see
/// `render::shared`), without telling anything about the token.
pub fn csrf_tag(session: &Session) -> String {
    super::render::shared::short_hash(session_csrf(session).as_bytes())
}

/// The session's own CSRF token (never sent as is), made on first use.
fn session_csrf(session: &Session) -> String {
    if let Some(token) = session.get::<String>(CSRF).ok().flatten() {
        return token;
    }
    let token = SecretToken::generate().as_str().to_string();
    let _ = session.insert(CSRF, &token);
    token
}

/// The token XORed with a fresh random mask, sent with the mask
/// (base64url of mask then masked token). Every response carries different
/// bytes, so a compressed page cannot be used to guess the token a byte at
/// a time (BREACH), while `csrf_matches` still recognises it.
pub fn mask_token(token: &str) -> String {
    use base64::Engine;
    use rand::RngCore;
    let token = token.as_bytes();
    let mut both = vec![0u8; token.len() * 2];
    rand::thread_rng().fill_bytes(&mut both[..token.len()]);
    for i in 0..token.len() {
        both[token.len() + i] = both[i] ^ token[i];
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(both)
}

/// The token a masked one carries; `None` for anything malformed.
fn unmask_token(masked: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let both = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(masked)
        .ok()?;
    if both.is_empty() || both.len() % 2 != 0 {
        return None;
    }
    let (mask, token) = both.split_at(both.len() / 2);
    Some(mask.iter().zip(token).map(|(m, t)| m ^ t).collect())
}

/// Whether a posted token is this session's, compared in constant time: a
/// masked token (what pages carry) or, from a page served before masking,
/// the plain one.
pub fn csrf_matches(session: &Session, posted: &str) -> bool {
    use subtle::ConstantTimeEq;
    let Some(expected) = session.get::<String>(CSRF).ok().flatten() else {
        return false;
    };
    if posted.is_empty() {
        return false;
    }
    if posted.len() == expected.len() {
        return expected.as_bytes().ct_eq(posted.as_bytes()).into();
    }
    match unmask_token(posted) {
        Some(token) => expected.as_bytes().ct_eq(&token).into(),
        None => false,
    }
}
