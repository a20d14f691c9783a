//! The installation's admins: the one-time setup link, creating events and
//! appointing organisers and judges with personal sign-in links.

use super::change::{self, Needs};
use super::{Claim, ServiceError, ServiceResult};
use crate::domain::audit::AuditAction;
use crate::domain::ids::AdminId;
use crate::domain::{Event, PersonId, PersonName, Role, SecretToken, SkillSet};
use crate::live::Live;
use crate::store::{self, Store, audit, people::NewPerson};
use base64::Engine;
use rand::RngCore;

const SETUP_KEY: &str = "admin_setup_token_hash";
const SESSION_KEY: &str = "session_key";

/// On an installation with no admin yet, makes a fresh one-time setup link
/// (replacing any earlier one) and returns its secret to print.
pub async fn setup_link_if_needed(store: &Store) -> ServiceResult<Option<SecretToken>> {
    store
        .write(|conn| {
            if store::admins::count(conn)? > 0 {
                return Ok(None);
            }
            let token = SecretToken::generate();
            store::settings::put(conn, SETUP_KEY, &token.hash())?;
            Ok(Some(token))
        })
        .await
}

/// The key that signs and encrypts session cookies: made once and kept in the
/// database, so restarts keep people signed in and instances agree on it.
pub async fn session_key(store: &Store) -> ServiceResult<Vec<u8>> {
    let mut fresh = [0u8; 64];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    let fresh = base64::engine::general_purpose::STANDARD.encode(fresh);
    let stored = store
        .run(move |conn| {
            Ok::<_, ServiceError>(store::settings::get_or_insert(conn, SESSION_KEY, &fresh)?)
        })
        .await?;
    base64::engine::general_purpose::STANDARD
        .decode(stored)
        .map_err(|_| ServiceError::Conflict("the stored session key is damaged".into()))
}

pub async fn setup_link_is_valid(store: &Store, token: SecretToken) -> ServiceResult<bool> {
    store
        .run(move |conn| {
            Ok(store::settings::get(conn, SETUP_KEY)?.is_some_and(|h| h == token.hash()))
        })
        .await
}

/// Creates the first admin from the one-time link, which then stops working.
/// Returns the admin and the secret of their own sign-in link.
pub async fn complete_setup(
    store: &Store,
    token: SecretToken,
    name: PersonName,
) -> ServiceResult<(AdminId, SecretToken)> {
    store
        .write(move |conn| {
            let valid = store::settings::get(conn, SETUP_KEY)?.is_some_and(|h| h == token.hash());
            if !valid || store::admins::count(conn)? > 0 {
                return Err(ServiceError::Forbidden(
                    "This setup link has been used already".into(),
                ));
            }
            store::settings::delete(conn, SETUP_KEY)?;
            let link = SecretToken::generate();
            let id = store::admins::insert(conn, name.as_str(), &link.hash())?;
            audit::record(
                conn,
                audit::Entry {
                    event_id: None,
                    project_id: None,
                    actor_id: None,
                    actor: name.as_str(),
                    action: AuditAction::AdminCreated,
                    detail: "",
                },
            )?;
            Ok((id, link))
        })
        .await
}

pub async fn sign_in(store: &Store, token: SecretToken) -> ServiceResult<AdminId> {
    store
        .run(move |conn| {
            store::admins::find_by_token_hash(conn, &token.hash())?
                .map(|(id, _)| id)
                .ok_or_else(|| {
                    ServiceError::Forbidden("This admin sign-in link is not valid".into())
                })
        })
        .await
}

pub struct AdminPage {
    pub name: String,
    pub events: Vec<Event>,
}

pub async fn admin_page(store: &Store, claim: Claim) -> ServiceResult<AdminPage> {
    store
        .run(move |conn| {
            let claim = super::verified(conn, claim)?;
            let name = match claim.admin {
                Some(id) => store::admins::name_of(conn, id)?,
                None => None,
            }
            .ok_or_else(|| ServiceError::Forbidden("Only admins can see this page".into()))?;
            Ok(AdminPage {
                name,
                events: store::events::list_all(conn)?,
            })
        })
        .await
}

/// Adds an organiser or a judge to an event and returns their sign-in link's
/// secret. Organisers may add both; an admin may add anyone.
pub async fn appoint(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    name: PersonName,
    role: Role,
) -> ServiceResult<SecretToken> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Organiser,
        move |conn, cx, fx| {
            if role == Role::Attendee {
                return Err(ServiceError::Forbidden(
                    "Attendees sign themselves up".into(),
                ));
            }
            let token = SecretToken::generate();
            let person = store::people::insert(
                conn,
                NewPerson {
                    event_id: cx.event.id,
                    name: name.as_str(),
                    skills: SkillSet::empty(),
                    role,
                    token_hash: &token.hash(),
                },
            )?;
            fx.audit(
                AuditAction::Appointed,
                format!("{} as {}", person.name, role.as_str()),
            );
            Ok(token)
        },
    )
    .await
}

/// Gives someone at the event a new sign-in link (a lost phone); the old
/// link stops working. Returns the person's name and the new secret.
pub async fn reissue_link(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    person: PersonId,
) -> ServiceResult<(String, SecretToken)> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Organiser,
        move |conn, cx, fx| {
            let target =
                store::people::find(conn, cx.event.id, person)?.ok_or(ServiceError::NotFound)?;
            let token = SecretToken::generate();
            store::people::set_token_hash(conn, target.id, &token.hash())?;
            // The old link's sessions end too; an organiser renewing their
            // own link stays signed in here.
            let keep = claim
                .person_session
                .filter(|_| cx.viewer.person_id() == Some(target.id));
            let now = chrono::Utc::now().naive_utc();
            store::sessions::end_for_person(conn, target.id, keep, now)?;
            fx.audit(AuditAction::LinkReissued, target.name.clone());
            Ok((target.name, token))
        },
    )
    .await
}
