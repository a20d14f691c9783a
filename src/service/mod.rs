//! Use cases: each checks the rules, does its work in one transaction in the
//! store, and (from the live features on) publishes what changed after commit.

pub mod admin;
pub mod announcements;
pub mod api;
pub mod change;
pub mod console;
pub mod demo;
pub mod display;
pub mod events;
pub mod judging;
pub mod judging_setup;
pub mod live_view;
pub mod merge;
pub mod paper;
pub mod paper_scores;
pub mod people;
pub mod pitches;
pub mod proposals;
pub mod results;
pub mod sessions;
pub mod submissions;
pub mod teams;
pub mod umbrella;
pub mod umbrella_defaults;
pub mod umbrella_export;
pub mod votes;
pub mod voting;

use crate::domain::ids::AdminId;
use crate::domain::session::SessionHash;
use crate::domain::{Event, FieldErrors, Person, PersonId, ProjectId};
use crate::store::{self, DbConn, StoreError};

/// Every use of a claim checks its sessions first (shared by all services).
pub(crate) use sessions::verified;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Forbidden(String),
    #[error("the form has mistakes")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for ServiceError {
    fn from(e: diesel::result::Error) -> Self {
        ServiceError::Store(StoreError::Query(e))
    }
}

impl From<FieldErrors> for ServiceError {
    fn from(errors: FieldErrors) -> Self {
        ServiceError::Invalid(errors)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Who is asking, as the session tells it: at most one person at this event
/// (ids checked against the database before use) and perhaps an admin.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Claim {
    pub person: Option<PersonId>,
    /// The session the person id came with; without a live one the id counts for nothing.
    pub person_session: Option<SessionHash>,
    pub admin: Option<AdminId>,
    pub admin_session: Option<SessionHash>,
    /// A local organiser of the umbrella (their own page and proposals only).
    pub local: Option<crate::domain::ids::LocalOrganiserId>,
    pub local_session: Option<SessionHash>,
}

/// Who is asking, checked: the person (if their id is real and not revoked)
/// and whether they are an admin, who may do everything an organiser may.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub person: Option<Person>,
    pub is_admin: bool,
}

impl Viewer {
    pub fn can_organise(&self) -> bool {
        self.is_admin || self.person.as_ref().is_some_and(|p| p.role.can_organise())
    }

    /// Whether this viewer may submit the demo of `project`: its members
    /// (`my_team` is the viewer's team) and the organisers.
    pub fn may_submit(&self, my_team: Option<ProjectId>, project: ProjectId) -> bool {
        self.can_organise() || (self.person.is_some() && my_team == Some(project))
    }

    pub fn person_id(&self) -> Option<PersonId> {
        self.person.as_ref().map(|p| p.id)
    }

    /// The name the audit log records for this viewer.
    pub fn actor_label(&self) -> String {
        match (&self.person, self.is_admin) {
            (Some(p), _) => format!("{} ({})", p.name, p.role.as_str()),
            (None, true) => "admin".to_string(),
            (None, false) => "anonymous".to_string(),
        }
    }

    pub fn require_person(&self) -> ServiceResult<&Person> {
        self.person
            .as_ref()
            .ok_or_else(|| ServiceError::Forbidden("Sign in to this event first".into()))
    }

    pub fn require_organiser(&self) -> ServiceResult<()> {
        if self.can_organise() {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(
                "Only the event's organisers can do that".into(),
            ))
        }
    }
}

/// Reads what a page shows of one event, as the viewer may see it: the
/// event and the viewer are loaded first (a draft is "not found" to all
/// but its organisers), then `f` reads the rest.
pub async fn read<T, F>(store: &store::Store, slug: &str, claim: Claim, f: F) -> ServiceResult<T>
where
    F: FnOnce(&mut DbConn, Event, Viewer) -> ServiceResult<T> + Send + 'static,
    T: Send + 'static,
{
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            f(conn, event, viewer)
        })
        .await
}

/// Loads the event by slug and the viewer's identity in it. An event that is
/// not public (a draft, or a proposal not approved: `Event::is_public`) is
/// visible to its organisers and the admins only: everyone else gets "not found".
pub fn event_and_viewer(
    conn: &mut DbConn,
    slug: &str,
    claim: Claim,
) -> ServiceResult<(Event, Viewer)> {
    // An address that cannot be a slug (NUL, spaces, capitals) names no
    // event: answer so without asking the database, which may refuse it.
    if !crate::domain::Slug::is_canonical(slug) {
        return Err(ServiceError::NotFound);
    }
    let event = store::events::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
    let claim = verified(conn, claim)?;
    let person = match claim.person {
        Some(id) => store::people::find(conn, event.id, id)?,
        None => None,
    };
    let is_admin = match claim.admin {
        Some(id) => store::admins::name_of(conn, id)?.is_some(),
        None => false,
    };
    let viewer = Viewer { person, is_admin };
    if !event.is_public() && !viewer.can_organise() {
        return Err(ServiceError::NotFound);
    }
    Ok((event, viewer))
}

/// The admin's name, or a refusal for anyone else (the umbrella's pages).
pub(crate) fn require_admin(conn: &mut DbConn, claim: Claim) -> ServiceResult<String> {
    let claim = verified(conn, claim)?;
    match claim.admin {
        Some(id) => store::admins::name_of(conn, id)?,
        None => None,
    }
    .ok_or_else(|| ServiceError::Forbidden("Only admins can do that".into()))
}
