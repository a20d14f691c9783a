//! The umbrella's defaults for new events (criteria, prizes, schedule
//! shape, team cap): read and saved by admins only.

use super::{Claim, ServiceError, ServiceResult, require_admin};
use crate::domain::audit::AuditAction;
use crate::domain::template::EventTemplate;
use crate::store::{self, Store, audit};

/// The defaults a new event would start from, and whether an admin has
/// saved them (otherwise they are the built-in ones).
pub async fn for_admin(store: &Store, claim: Claim) -> ServiceResult<(EventTemplate, bool)> {
    store
        .run(move |conn| {
            require_admin(conn, claim)?;
            Ok(match store::templates::saved_defaults(conn)? {
                Some(saved) => (saved, true),
                None => (EventTemplate::series_defaults(), false),
            })
        })
        .await
}

pub async fn update(store: &Store, claim: Claim, template: EventTemplate) -> ServiceResult<()> {
    store
        .write(move |conn| {
            let admin = require_admin(conn, claim)?;
            store::templates::put_defaults(conn, &template)?;
            let detail = format!(
                "the defaults for new events: {} criteria, {} prizes, {} schedule entries",
                template.criteria.len(),
                template.prizes.len(),
                template.schedule.len()
            );
            audit::record_by_admin(conn, &admin, AuditAction::UmbrellaChanged, &detail)?;
            Ok::<_, ServiceError>(())
        })
        .await
}
