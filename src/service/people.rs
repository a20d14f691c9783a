//! Signing up to an event, signing in with a personal link, and the
//! personal link itself.

use super::change::{self, Needs};
use super::{Claim, ServiceError, ServiceResult};
use crate::domain::audit::AuditAction;
use crate::domain::{Person, PersonName, Role, SecretToken, SkillSet};
use crate::live::Live;
use crate::store::{self, Store, people::NewPerson};

/// What an attendee typed to sign up, parsed.
pub struct SignUp {
    pub name: PersonName,
    pub skills: SkillSet,
    pub join_code: String,
    /// Whether they ticked "I accept the code of conduct".
    pub accepted_conduct: bool,
}

/// What the sign-up form says when the code of conduct was not accepted.
pub const CONDUCT_REQUIRED: &str =
    "Tick the box to accept the code of conduct: everyone at the event agrees to it";

/// A new person and the secret of their personal sign-in link, which is
/// shown to them and never stored in the clear.
pub struct SignedUp {
    pub person: Person,
    pub token: SecretToken,
}

pub async fn sign_up(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    form: SignUp,
) -> ServiceResult<SignedUp> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Anyone,
        move |conn, cx, fx| {
            let event = &cx.event;
            if let Some(person) = &cx.viewer.person {
                return Err(ServiceError::Conflict(format!(
                    "You are already signed in to this event as {}",
                    person.name
                )));
            }
            if !event.phase.accepts_attendees() {
                return Err(ServiceError::Conflict(
                    "This event is not taking new attendees".into(),
                ));
            }
            if let Some(code) = &event.join_code
                && !code.matches(&form.join_code)
            {
                return Err(ServiceError::Invalid(crate::domain::FieldErrors::one(
                    "join_code",
                    "That join code is not right: ask an organiser or at the desk",
                )));
            }
            if !form.accepted_conduct {
                return Err(ServiceError::Invalid(crate::domain::FieldErrors::one(
                    "conduct",
                    CONDUCT_REQUIRED,
                )));
            }
            let token = SecretToken::generate();
            let person = store::people::insert(
                conn,
                NewPerson {
                    event_id: event.id,
                    name: form.name.as_str(),
                    skills: form.skills,
                    role: Role::Attendee,
                    token_hash: &token.hash(),
                },
            )?;
            store::umbrella::accept_conduct(conn, person.id, chrono::Utc::now().naive_utc())?;
            fx.audit_as(&person, AuditAction::SignedUp, "");
            Ok(SignedUp { person, token })
        },
    )
    .await
}

/// The person a personal link belongs to, and their event's slug.
pub async fn sign_in_with_link(
    store: &Store,
    token: SecretToken,
) -> ServiceResult<(Person, String)> {
    store
        .run(move |conn| {
            store::people::find_by_token_hash(conn, &token.hash())?.ok_or_else(|| {
                ServiceError::Forbidden(
                    "This sign-in link is not valid any more. Ask an organiser for a new one."
                        .into(),
                )
            })
        })
        .await
}

/// Replaces a person's sign-in link with a new one; the old link stops working.
pub async fn new_link(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
) -> ServiceResult<SecretToken> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Person,
        move |conn, cx, _| {
            let token = SecretToken::generate();
            let person = cx.person()?.id;
            store::people::set_token_hash(conn, person, &token.hash())?;
            // Sessions opened with the old link end; this one stays.
            let now = chrono::Utc::now().naive_utc();
            store::sessions::end_for_person(conn, person, claim.person_session, now)?;
            Ok(token)
        },
    )
    .await
}

/// Revokes an organiser or a judge: their link stops working and every
/// session they had ends, on every instance. An event keeps at least one
/// organiser (counted under the event's lock, so two organisers revoking
/// each other at once cannot both succeed).
pub async fn revoke(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    person: crate::domain::PersonId,
) -> ServiceResult<()> {
    change::organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let target = store::people::find(conn, event.id, person)?.ok_or(ServiceError::NotFound)?;
        if target.role == Role::Attendee {
            return Err(ServiceError::Conflict(
                "Attendees are not revoked here: move them out of their team instead".into(),
            ));
        }
        if target.role == Role::Organiser
            && store::people::list_with_role(conn, event.id, Role::Organiser)?.len() <= 1
        {
            return Err(ServiceError::Conflict(
                "An event needs at least one organiser: appoint another before revoking this one"
                    .into(),
            ));
        }
        store::people::revoke(conn, event.id, person)?;
        fx.audit(
            AuditAction::Revoked,
            format!("{} ({})", target.name, target.role.as_str()),
        );
        Ok(())
    })
    .await
}

/// The people view: everyone at the event with when they signed up, and
/// the open teams with their members (for each person's team and the
/// suggestions for those without one).
pub struct Roster {
    pub event: crate::domain::Event,
    pub viewer: super::Viewer,
    pub people: Vec<(Person, chrono::NaiveDateTime)>,
    pub teams: Vec<crate::domain::ProjectCard>,
}

pub async fn roster(store: &Store, slug: &str, claim: Claim) -> ServiceResult<Roster> {
    super::read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        Ok(Roster {
            people: store::people::list_with_signup(conn, event.id)?,
            teams: super::live_view::cards(conn, &event)?,
            event,
            viewer,
        })
    })
    .await
}
