//! Paper for when everything fails: what the printable pages show (the
//! venue poster, a judging sheet per judge, the teams with their members).
//! Reads only; organisers only, except the poster, which anyone at the
//! event may see (it is what the projector shows).

use super::{Claim, ServiceResult, Viewer, live_view};
use crate::domain::judging::Criterion;
use crate::domain::{Event, Person, ProjectCard, Role};
use crate::store::{self, Store};

/// Everything the printable pages of an event need.
pub struct Paper {
    pub event: Event,
    pub viewer: Viewer,
    /// Open projects in the running order (unplaced ones last).
    pub teams: Vec<ProjectCard>,
    pub criteria: Vec<Criterion>,
    pub judges: Vec<Person>,
}

/// The poster: the event alone (anyone who can see the event).
pub async fn poster(store: &Store, slug: &str, claim: Claim) -> ServiceResult<(Event, Viewer)> {
    super::read(store, slug, claim, |_, event, viewer| Ok((event, viewer))).await
}

/// The sheets and the team list (organisers only).
pub async fn paper(store: &Store, slug: &str, claim: Claim) -> ServiceResult<Paper> {
    super::read(store, slug, claim, |conn, event, viewer| {
        viewer.require_organiser()?;
        let mut cards = live_view::cards(conn, &event)?;
        let order = store::submissions::running_order(conn, event.id)?;
        cards.sort_by_key(|c| order.iter().position(|id| *id == c.project.id));
        let criteria = store::judging::criteria(conn, event.id)?;
        let judges = store::people::list_with_role(conn, event.id, Role::Judge)?;
        Ok(Paper {
            event,
            viewer,
            teams: cards,
            criteria,
            judges,
        })
    })
    .await
}
