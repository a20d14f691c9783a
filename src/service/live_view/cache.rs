//! The in-memory read model of each event: what its live pages, project
//! pages and archive show (the event, its open projects with their teams,
//! submissions and running order, the schedule, its people, the prizes
//! revealed), read from the store once per version of the event and
//! shared by every request until a change bumps the version. Pages
//! rendered from one version are kept with it (see `rendered`).
//!
//! Freshness: on SQLite one instance owns the file and every change passes
//! through `service::change`, which tells the hub its new version before
//! the writer's redirect is answered, so the known version is never behind.
//! On PostgreSQL another instance may have written a moment ago and its
//! notification may still be on the way, so each request waits for a read
//! of the event's version that began after it arrived (`fence`: one small
//! query serves every request that arrived while the one before ran).

use super::checked_claims::{self, Checked, CheckedClaims};
use super::fence::Fence;
use crate::domain::{Event, Person, PersonId, Phase, ProjectCard, ProjectId, ScheduleItem, Slug};
use crate::live::Live;
use crate::live::protocol::RevealedPrize;
use crate::service::live_view::built_once::BuiltOnce;
use crate::service::{Claim, ServiceError, ServiceResult, Viewer};
use crate::store::submissions::Submission;
use crate::store::{self, Backend, DbConn, Store};
use chrono::NaiveDateTime;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Pages kept per version at most (one per kind of visitor).
const MAX_RENDERED: usize = 1_000;

/// One version of one event, as its pages show it.
pub struct ReadModel {
    pub version: i64,
    pub event: Event,
    pub cards: Arc<Vec<ProjectCard>>,
    pub schedule: Arc<Vec<ScheduleItem>>,
    /// Everyone not revoked, by id.
    pub people: HashMap<PersonId, Person>,
    pub people_count: i64,
    pub now_presenting: Option<ProjectId>,
    /// Once the event has closed: the prizes revealed, in reveal order.
    pub winners: Vec<RevealedPrize>,
    /// The prizes revealed so far (any phase), in reveal order.
    pub revealed: Vec<RevealedPrize>,
    /// The demo submissions, by project.
    pub submissions: HashMap<ProjectId, Submission>,
    /// The projects in running order (the archive's order).
    pub running_order: Vec<ProjectId>,
    pub submission_deadline: Option<NaiveDateTime>,
    rendered: BuiltOnce,
}

impl ReadModel {
    /// The open project this person is in.
    pub fn team_of(&self, person: PersonId) -> Option<ProjectId> {
        self.cards
            .iter()
            .find(|c| c.members.iter().any(|m| m.person_id == person))
            .map(|c| c.project.id)
    }

    /// An open project with its team.
    pub fn card(&self, id: ProjectId) -> Option<&ProjectCard> {
        self.cards.iter().find(|c| c.project.id == id)
    }

    /// The open project this person pitched.
    pub fn open_pitch_of(&self, person: PersonId) -> Option<ProjectId> {
        self.cards
            .iter()
            .find(|c| c.project.pitcher_id == person)
            .map(|c| c.project.id)
    }

    /// What is built once from this version (its rendered pages), kept
    /// with it until the version changes.
    pub fn rendered(&self) -> &BuiltOnce {
        &self.rendered
    }

    fn load(conn: &mut DbConn, slug: &str) -> ServiceResult<Self> {
        use diesel::Connection;
        conn.transaction(|conn| {
            if let DbConn::Pg(_) = conn {
                use diesel::RunQueryDsl;
                diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .execute(conn)?;
            }
            let event = store::events::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
            let people = store::people::list_live(conn, event.id)?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
            let revealed = super::revealed(conn, &event)?;
            Ok(ReadModel {
                version: event.version,
                cards: Arc::new(super::cards(conn, &event)?),
                schedule: Arc::new(store::events::schedule(conn, event.id)?),
                people,
                people_count: store::people::count_attendees(conn, event.id)?,
                now_presenting: store::submissions::now_presenting(conn, event.id)?,
                winners: if event.phase == Phase::Closed {
                    revealed.clone()
                } else {
                    Vec::new()
                },
                revealed,
                submissions: store::submissions::list_for_event(conn, event.id)?
                    .into_iter()
                    .map(|s| (s.project_id, s))
                    .collect(),
                running_order: store::submissions::running_order(conn, event.id)?,
                submission_deadline: store::events::submission_deadline(conn, event.id)?,
                rendered: BuiltOnce::new(MAX_RENDERED),
                event,
            })
        })
    }
}

/// Every event's current read model, by slug.
pub struct ReadModels {
    live: Live,
    /// Ask the database for the version on every request (PostgreSQL).
    strict: bool,
    models: Mutex<HashMap<String, Arc<ReadModel>>>,
    /// One load at a time: a burst of requests after a change loads once.
    loading: tokio::sync::Mutex<()>,
    /// Sessions checked a moment ago.
    claims: CheckedClaims,
    /// Versions read for many requests at once (PostgreSQL).
    fence: Arc<Fence>,
}

impl ReadModels {
    pub fn new(live: Live) -> Arc<Self> {
        let strict = live.backend() == Backend::Postgres;
        Arc::new(ReadModels {
            strict,
            live,
            models: Mutex::new(HashMap::new()),
            loading: tokio::sync::Mutex::new(()),
            claims: CheckedClaims::default(),
            fence: Arc::default(),
        })
    }

    /// This event's newest read model and who is asking, checked: the
    /// sessions the claim names are live (a revoked one counts for nothing
    /// at once) and the person comes from the model. A draft, pending or
    /// declined event is "not found" to all but its organisers. On
    /// PostgreSQL the version comes from a shared read (`fence`), which
    /// also says whether any session has ended since the claim was kept.
    pub async fn visit(
        &self,
        store: &Store,
        slug: &str,
        claim: Claim,
    ) -> ServiceResult<(Arc<ReadModel>, Viewer)> {
        if !Slug::is_canonical(slug) {
            return Err(ServiceError::NotFound);
        }
        let (latest, checked) = if self.strict {
            let reading = self.fence.read(store, slug).await?;
            let Some(version) = reading.version else {
                self.forget(slug);
                return Err(ServiceError::NotFound);
            };
            let checked = self
                .checked_claim(store, claim, reading.session_endings as u64)
                .await?;
            (Some(version), checked)
        } else {
            (
                None,
                self.checked_claim(store, claim, store.writes_done())
                    .await?,
            )
        };
        let model = self.newest(store, slug, latest).await?;
        let person = checked
            .claim
            .person
            .and_then(|id| model.people.get(&id).cloned());
        let viewer = Viewer {
            person,
            is_admin: checked.is_admin,
        };
        if !model.event.is_public() && !viewer.can_organise() {
            return Err(ServiceError::NotFound);
        }
        Ok((model, viewer))
    }

    /// The model at version `latest` or newer (`None`: the newest the hub
    /// knows of), loaded once for a burst of requests.
    async fn newest(
        &self,
        store: &Store,
        slug: &str,
        latest: Option<i64>,
    ) -> ServiceResult<Arc<ReadModel>> {
        if let Some(model) = self.fresh(slug, latest) {
            return Ok(model);
        }
        let _loading = self.loading.lock().await;
        if let Some(model) = self.fresh(slug, latest) {
            return Ok(model);
        }
        let owned = slug.to_string();
        let model = Arc::new(store.run(move |conn| ReadModel::load(conn, &owned)).await?);
        let mut models = self.models.lock().expect("models lock");
        let keep = match models.get(slug) {
            Some(old) if old.version > model.version => old.clone(),
            _ => model,
        };
        models.insert(slug.to_string(), keep.clone());
        Ok(keep)
    }

    /// The claim checked: from what was kept if `changes` (a count that
    /// moves whenever a session may have ended: this process's finished
    /// writes on SQLite, the database's count of session endings on
    /// PostgreSQL) stands where it stood then, else from the database.
    async fn checked_claim(
        &self,
        store: &Store,
        claim: Claim,
        changes: u64,
    ) -> ServiceResult<Checked> {
        if claim.person.is_none() && claim.admin.is_none() {
            return Ok(Checked {
                claim,
                is_admin: false,
            });
        }
        if let Some(kept) = self.claims.get(&claim, changes) {
            return Ok(kept);
        }
        let checked = store
            .run(move |conn| checked_claims::check(conn, claim))
            .await?;
        self.claims.put(claim, checked, changes);
        Ok(checked)
    }

    /// The cached model if nothing newer is known: `latest` from the
    /// database, or else the newest version the hub has seen.
    fn fresh(&self, slug: &str, latest: Option<i64>) -> Option<Arc<ReadModel>> {
        let model = self
            .models
            .lock()
            .expect("models lock")
            .get(slug)
            .cloned()?;
        let newest = latest
            .or_else(|| self.live.hub().known_version(model.event.id.0))
            .unwrap_or(model.version);
        (model.version >= newest).then_some(model)
    }

    /// Drops an event's model (it was deleted).
    pub fn forget(&self, slug: &str) {
        self.models.lock().expect("models lock").remove(slug);
    }

    /// How many events are held in memory.
    pub fn len(&self) -> usize {
        self.models.lock().expect("models lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
