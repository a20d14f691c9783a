//! What the organisers' console needs beyond the event itself: the facts
//! behind the first-run checklist, and the record that a projector has
//! opened the event's display page at least once.

use super::{Claim, ServiceError, ServiceResult, Viewer, read};
use crate::domain::checklist::SetupFacts;
use crate::domain::{Event, EventId, PersonId, Role};
use crate::store::{self, DbConn, Store};
use std::collections::HashSet;

/// The installation setting that records when an event's projector page
/// was first opened (its value is the time, UTC).
fn projector_key(event: EventId) -> String {
    format!("projector_seen:{}", event.0)
}

/// What the console shows besides the event's own forms.
pub struct ConsoleFacts {
    pub setup: SetupFacts,
    /// Attendees who are in no team yet.
    pub without_team: usize,
}

/// The console's facts of an event, for organisers.
pub async fn facts_of(store: &Store, slug: &str, claim: Claim) -> ServiceResult<ConsoleFacts> {
    read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        let in_teams: HashSet<PersonId> = store::projects::members_of_event(conn, event.id)?
            .into_iter()
            .map(|m| m.person_id)
            .collect();
        let without_team = store::people::list_with_role(conn, event.id, Role::Attendee)?
            .iter()
            .filter(|p| !in_teams.contains(&p.id))
            .count();
        Ok(ConsoleFacts {
            setup: facts(conn, &event)?,
            without_team,
        })
    })
    .await
}

/// The event and viewer, for an organiser's page that shows nothing else
/// (a confirmation).
pub async fn organiser_event(
    store: &Store,
    slug: &str,
    claim: Claim,
) -> ServiceResult<(Event, Viewer)> {
    read(store, slug, claim, move |_, event, viewer| {
        viewer.require_organiser()?;
        Ok((event, viewer))
    })
    .await
}

fn facts(conn: &mut DbConn, event: &Event) -> ServiceResult<SetupFacts> {
    Ok(SetupFacts {
        has_venue: !event.venue.trim().is_empty(),
        has_start: event.starts_at.is_some(),
        schedule_items: store::events::schedule(conn, event.id)?.len(),
        has_join_code: event.join_code.is_some(),
        criteria: store::judging::criteria(conn, event.id)?.len(),
        prizes: store::judging::prizes(conn, event.id)?.len(),
        judges: store::people::list_with_role(conn, event.id, Role::Judge)?.len(),
        projector_seen: store::settings::get(conn, &projector_key(event.id))?.is_some(),
    })
}

/// Records that the projector page of `event` was opened, the first time
/// only. Once seen it stays seen, so this instance remembers it
/// (`Store::memo`) and later opens ask nothing of the database.
pub async fn projector_opened(store: &Store, event: EventId) -> ServiceResult<()> {
    let key = projector_key(event);
    if store.memo().get::<()>(&key, None).is_some() {
        return Ok(());
    }
    let seen = {
        let key = key.clone();
        store
            .run(move |conn| Ok::<_, ServiceError>(store::settings::get(conn, &key)?.is_some()))
            .await?
    };
    if !seen {
        let now = chrono::Utc::now().naive_utc().to_string();
        let key = key.clone();
        store
            .write(move |conn| {
                store::settings::get_or_insert(conn, &key, &now)?;
                Ok::<_, ServiceError>(())
            })
            .await?;
    }
    store.memo().put(&key, std::sync::Arc::new(()));
    Ok(())
}
