//! The umbrella: its settings (admins only), its home page (events live,
//! upcoming and past) and, in `archive`, its public archive across events.

use super::{Claim, ServiceError, ServiceResult, require_admin};
use crate::domain::Event;
use crate::domain::audit::AuditAction;
use crate::domain::umbrella::{Standing, Umbrella, event_is_public};
use crate::service::live_view::built_once::BuiltOnce;
use crate::store::{self, Store, audit};
use std::sync::Arc;

mod archive;
pub use archive::{ArchiveQuery, ArchivedProject, CrossArchive, archive};

/// The umbrella as set (or its defaults).
pub async fn current(store: &Store) -> ServiceResult<Umbrella> {
    Ok(remembered(store).await?.umbrella.clone())
}

/// The umbrella with a fingerprint of its settings, computed once when it
/// is read: pages rendered once per event version are keyed by it, so an
/// admin's change shows without serialising the settings per request.
#[derive(Debug)]
pub struct Remembered {
    pub umbrella: Umbrella,
    pub fingerprint: u64,
    /// What the top bar and every page title say: the umbrella's name, or
    /// "hackday" (the app's own name) while no umbrella is set.
    pub brand: String,
}

/// The app's own name, for an installation whose umbrella is not set.
pub const APP_NAME: &str = "hackday";

impl Remembered {
    fn new(stored: Option<Umbrella>) -> Self {
        let brand = stored
            .as_ref()
            .map_or(APP_NAME.to_string(), |u| u.name.clone());
        let umbrella = stored.unwrap_or_default();
        Self {
            fingerprint: fingerprint(&umbrella, &brand),
            umbrella,
            brand,
        }
    }

    /// What pages show when the umbrella cannot be read (the database is
    /// out of reach): the defaults, so an error page still renders.
    pub fn unread() -> Self {
        Self::new(None)
    }
}

/// Read from the database at most once a second per instance (every event
/// page shows it): a change made on this instance is seen at once (the
/// writer forgets the remembered row), one made on another instance within
/// a second.
pub async fn remembered(store: &Store) -> ServiceResult<Arc<Remembered>> {
    let fresh_for = Some(std::time::Duration::from_secs(1));
    if let Some(hit) = store
        .memo()
        .get::<Remembered>(store::umbrella::MEMO_KEY, fresh_for)
    {
        return Ok(hit);
    }
    let stored = store
        .run(|conn| Ok::<_, ServiceError>(store::umbrella::stored(conn)?))
        .await?;
    let remembered = Arc::new(Remembered::new(stored));
    store
        .memo()
        .put(store::umbrella::MEMO_KEY, remembered.clone());
    Ok(remembered)
}

fn fingerprint(umbrella: &Umbrella, brand: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(umbrella)
        .unwrap_or_default()
        .hash(&mut hasher);
    brand.hash(&mut hasher);
    hasher.finish()
}

/// The umbrella's settings page: only for admins.
pub async fn for_admin(store: &Store, claim: Claim) -> ServiceResult<Umbrella> {
    store
        .run(move |conn| {
            require_admin(conn, claim)?;
            Ok(store::umbrella::get(conn)?)
        })
        .await
}

pub async fn update(store: &Store, claim: Claim, umbrella: Umbrella) -> ServiceResult<()> {
    store
        .write(move |conn| {
            let admin = require_admin(conn, claim)?;
            store::umbrella::put(conn, &umbrella)?;
            let detail = format!("name “{}”", umbrella.name);
            audit::record_by_admin(conn, &admin, AuditAction::UmbrellaChanged, &detail)?;
            Ok::<_, ServiceError>(())
        })
        .await?;
    store.memo().forget(store::umbrella::MEMO_KEY);
    Ok(())
}

/// The home page: the umbrella and its public events.
pub struct Home {
    pub umbrella: Umbrella,
    pub live: Vec<Event>,
    pub upcoming: Vec<Event>,
    pub past: Vec<Event>,
    /// Pages rendered from what the home page shows now, kept while it
    /// stands still.
    pub pages: Arc<BuiltOnce>,
}

/// The home page's rendered pages, with what they were rendered from: each
/// public event's id, version and standing (which moves with the clock as
/// well as with changes).
struct HomePages {
    shows: Vec<(i64, i64, Standing)>,
    pages: Arc<BuiltOnce>,
}

const HOME_MEMO_KEY: &str = "umbrella-home";

/// Every event as stored, read with one query. On SQLite this instance is
/// the only writer and counts its writes, so the list is kept until the
/// count moves; on PostgreSQL another instance may have written, so it is
/// read per call (what makes a change there show here at once).
async fn every_event(store: &Store) -> ServiceResult<Arc<Vec<Event>>> {
    struct Listed {
        after_writes: u64,
        events: Arc<Vec<Event>>,
    }
    const KEY: &str = "umbrella-every-event";
    let sqlite = store.backend() == store::Backend::Sqlite;
    let writes = store.writes_done();
    if sqlite
        && let Some(kept) = store.memo().get::<Listed>(KEY, None)
        && kept.after_writes == writes
    {
        return Ok(kept.events.clone());
    }
    let events = Arc::new(
        store
            .run(|conn| Ok::<_, ServiceError>(store::events::list_all(conn)?))
            .await?,
    );
    if sqlite {
        let listed = Listed {
            after_writes: writes,
            events: events.clone(),
        };
        store.memo().put(KEY, Arc::new(listed));
    }
    Ok(events)
}

pub async fn home(store: &Store) -> ServiceResult<Home> {
    let umbrella = current(store).await?;
    let events = every_event(store).await?;
    let now = chrono::Utc::now();
    let mut home = Home {
        umbrella,
        live: vec![],
        upcoming: vec![],
        past: vec![],
        pages: Arc::new(BuiltOnce::new(1)),
    };
    let mut shows = Vec::new();
    for event in events.iter().filter(|e| event_is_public(e)).cloned() {
        let standing = Standing::of(&event, now);
        shows.push((event.id.0, event.version, standing));
        match standing {
            Standing::Closed => home.past.push(event),
            Standing::Upcoming => home.upcoming.push(event),
            Standing::Live => home.live.push(event),
        }
    }
    home.upcoming.sort_by_key(|e| e.starts_at);
    home.past.sort_by_key(|e| std::cmp::Reverse(e.starts_at));
    // At most a minute old, for what moves with the calendar alone (a
    // date shows its year once it is not this year's).
    let max_age = Some(std::time::Duration::from_secs(60));
    home.pages = match store.memo().get::<HomePages>(HOME_MEMO_KEY, max_age) {
        Some(kept) if kept.shows == shows => kept.pages.clone(),
        _ => {
            let pages = Arc::new(BuiltOnce::new(1));
            let kept = HomePages {
                shows,
                pages: pages.clone(),
            };
            store.memo().put(HOME_MEMO_KEY, Arc::new(kept));
            pages
        }
    };
    Ok(home)
}
