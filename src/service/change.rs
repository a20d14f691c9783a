//! The one way an event changes: load the event and the viewer, take the
//! event's lock and read the event again under it (so phase and cap checks
//! see the latest state on both databases), check the role the action
//! needs, run the feature's closure, write its audit entries, record what
//! it touched for live pages, commit, and publish after the commit.

use super::{Claim, ServiceError, ServiceResult, Viewer, event_and_viewer, live_view};
use crate::domain::audit::AuditAction;
use crate::domain::{Event, Person, ProjectId, Role};
use crate::live::Live;
use crate::store::{self, DbConn, Store};

/// Who may make a change; checked before the feature's closure runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Anyone who can see the event (the closure checks the rest).
    Anyone,
    /// A person signed in to this event.
    Person,
    /// A judge of this event.
    Judge,
    /// An organiser of this event, or an admin.
    Organiser,
}

impl Needs {
    fn check(self, viewer: &Viewer) -> ServiceResult<()> {
        match self {
            Needs::Anyone => Ok(()),
            Needs::Person => viewer.require_person().map(|_| ()),
            Needs::Organiser => viewer.require_organiser(),
            Needs::Judge => match &viewer.person {
                Some(p) if p.role == Role::Judge => Ok(()),
                _ => Err(ServiceError::Forbidden(
                    "Only the event's judges can use the scoring panel".into(),
                )),
            },
        }
    }
}

/// What a change sees: the event as read under its lock, and who asks.
pub struct Scope {
    pub event: Event,
    pub viewer: Viewer,
}

impl Scope {
    /// The person asking; present whenever the change needed one.
    pub fn person(&self) -> ServiceResult<&Person> {
        self.viewer.require_person()
    }
}

struct AuditNote {
    action: AuditAction,
    project: Option<ProjectId>,
    detail: String,
    /// Who acted, when not the viewer (someone who has just signed up).
    actor: Option<(crate::domain::PersonId, String)>,
}

/// What a change did, as the feature tells it: audit entries, the teams it
/// touched and whether the event's live info changed.
#[derive(Default)]
pub struct Effects {
    audits: Vec<AuditNote>,
    touched: Vec<ProjectId>,
    event_info: bool,
}

impl Effects {
    /// Records the change in the audit log (in the same transaction).
    pub fn audit(&mut self, action: AuditAction, detail: impl Into<String>) {
        self.audits.push(AuditNote {
            action,
            project: None,
            detail: detail.into(),
            actor: None,
        });
    }

    /// Records a change made by `actor` rather than the viewer (the person
    /// a sign-up has just made).
    pub fn audit_as(&mut self, actor: &Person, action: AuditAction, detail: impl Into<String>) {
        self.audits.push(AuditNote {
            action,
            project: None,
            detail: detail.into(),
            actor: Some((actor.id, actor.name.clone())),
        });
    }

    /// Records a change about one project; its history is read by project.
    pub fn audit_project(
        &mut self,
        action: AuditAction,
        project: ProjectId,
        detail: impl Into<String>,
    ) {
        self.audits.push(AuditNote {
            action,
            project: Some(project),
            detail: detail.into(),
            actor: None,
        });
    }

    /// These teams changed: live pages get their new state.
    pub fn touch(&mut self, projects: impl IntoIterator<Item = ProjectId>) {
        for project in projects {
            if !self.touched.contains(&project) {
                self.touched.push(project);
            }
        }
    }

    /// The event's live info (phase, order, progress, prizes...) changed.
    pub fn event_changed(&mut self) {
        self.event_info = true;
    }
}

/// Runs one change to the event named by `slug` in one write transaction
/// and publishes it to live pages after the commit. `act` gets the
/// connection, the scope and the effects to fill in.
pub async fn run<T, F>(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    needs: Needs,
    act: F,
) -> ServiceResult<T>
where
    F: FnOnce(&mut DbConn, &Scope, &mut Effects) -> ServiceResult<T> + Send + 'static,
    T: Send + 'static,
{
    Ok(run_versioned(store, live, slug, claim, needs, act).await?.0)
}

/// `run`, also answering the event's version after the change (the live
/// channel acknowledges commands with it); `None` when nothing live changed.
pub async fn run_versioned<T, F>(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    needs: Needs,
    act: F,
) -> ServiceResult<(T, Option<i64>)>
where
    F: FnOnce(&mut DbConn, &Scope, &mut Effects) -> ServiceResult<T> + Send + 'static,
    T: Send + 'static,
{
    let slug = slug.to_string();
    let staging = live.clone();
    let (value, change) = store
        .write(move |conn| {
            let scope = locked_scope(conn, &slug, claim)?;
            needs.check(&scope.viewer)?;
            let mut effects = Effects::default();
            let value = act(conn, &scope, &mut effects)?;
            write_audit(conn, &scope, &effects)?;
            // Every committed change bumps the version, even one that no
            // live socket needs (a sign-up, say): the in-memory read model
            // of the event's pages is keyed by it.
            let change = Some(live_view::record_change(
                conn,
                &staging,
                &scope.event,
                &effects.touched,
                effects.event_info,
            )?);
            Ok::<_, ServiceError>((value, change))
        })
        .await?;
    let version = change.as_ref().map(|c| c.version);
    if let Some(change) = change {
        live.committed(change);
    }
    Ok((value, version))
}

/// An organiser's change to how the event runs (settings, phase, schedule,
/// judging set-up, the projector, awards): `run` with `Needs::Organiser`,
/// and the event's live info always changes with it.
pub async fn organiser_change<F>(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    act: F,
) -> ServiceResult<()>
where
    F: FnOnce(&mut DbConn, &Event, &mut Effects) -> ServiceResult<()> + Send + 'static,
{
    run(
        store,
        live,
        slug,
        claim,
        Needs::Organiser,
        move |conn, cx, fx| {
            fx.event_changed();
            act(conn, &cx.event, fx)
        },
    )
    .await
}

/// The event and viewer, with the event read again under its lock: a
/// phase change committed since the first read is seen here.
fn locked_scope(conn: &mut DbConn, slug: &str, claim: Claim) -> ServiceResult<Scope> {
    let (event, viewer) = event_and_viewer(conn, slug, claim)?;
    let event = store::events::lock_and_find(conn, event.id)?.ok_or(ServiceError::NotFound)?;
    Ok(Scope { event, viewer })
}

fn write_audit(conn: &mut DbConn, scope: &Scope, effects: &Effects) -> ServiceResult<()> {
    let viewer = (scope.viewer.person_id(), scope.viewer.actor_label());
    for note in &effects.audits {
        let (actor_id, actor) = match &note.actor {
            Some((id, name)) => (Some(*id), name.as_str()),
            None => (viewer.0, viewer.1.as_str()),
        };
        store::audit::record(
            conn,
            store::audit::Entry {
                event_id: Some(scope.event.id),
                project_id: note.project,
                actor_id,
                actor,
                action: note.action,
                detail: &note.detail,
            },
        )?;
    }
    Ok(())
}
