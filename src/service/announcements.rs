//! The organisers' announcements: a short message that every phone and the
//! projector of the event show at once (it travels in the event's live
//! info), until an organiser clears it. Stored, so it outlives a restart.

use super::change::organiser_change;
use super::live_view::ANNOUNCEMENTS_SHOWN;
use super::{Claim, ServiceError, ServiceResult, Viewer};
use crate::domain::audit::AuditAction;
use crate::domain::text::AnnouncementText;
use crate::domain::{Event, FieldErrors};
use crate::live::Live;
use crate::store::announcements::Announcement;
use crate::store::{self, Store};

/// Announces `text` to everyone at the event.
pub async fn announce(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    text: AnnouncementText,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let now = chrono::Utc::now().naive_utc();
        store::announcements::insert(conn, event.id, text.as_str(), now)?;
        fx.audit(
            AuditAction::Announced,
            format!("\u{201c}{}\u{201d}", text.as_str()),
        );
        Ok(())
    })
    .await
}

/// Clears one announcement (`Some(id)`) or every one still shown (`None`):
/// the banners go from every screen.
pub async fn clear(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    id: Option<i64>,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let now = chrono::Utc::now().naive_utc();
        let shown = store::announcements::latest(conn, event.id, ANNOUNCEMENTS_SHOWN)?;
        let cleared = store::announcements::clear(conn, event.id, id, now)?;
        if cleared == 0 {
            let message = match id {
                Some(_) => "That announcement was already cleared",
                None => "There is no banner to clear",
            };
            return Err(ServiceError::Invalid(FieldErrors::one("clear", message)));
        }
        let detail = match id.and_then(|id| shown.iter().find(|a| a.id == id)) {
            Some(a) => format!("the announcement \u{201c}{}\u{201d}", a.body),
            None => format!("every announcement still shown ({cleared})"),
        };
        fx.audit(AuditAction::AnnouncementCleared, detail);
        Ok(())
    })
    .await
}

/// The announcements page for organisers: the event, who asks, and the
/// latest announcements (newest first).
pub struct AnnouncementsPage {
    pub event: Event,
    pub viewer: Viewer,
    pub latest: Vec<Announcement>,
}

pub async fn page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<AnnouncementsPage> {
    super::read(store, slug, claim, |conn, event, viewer| {
        viewer.require_organiser()?;
        let latest = store::announcements::latest(conn, event.id, ANNOUNCEMENTS_SHOWN * 4)?;
        Ok(AnnouncementsPage {
            event,
            viewer,
            latest,
        })
    })
    .await
}
