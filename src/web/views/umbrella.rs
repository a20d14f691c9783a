//! The umbrella as pages show it: its view model, and the remembered
//! settings the layout of every page names it from.

use crate::service::{self, umbrella::Remembered};
use crate::store::Store;
use serde::{Serialize, Serializer};
use std::sync::Arc;

/// The remembered umbrella; its defaults when it cannot be read, so that
/// the page saying the database is out of reach still renders.
pub async fn for_layout(store: &Store) -> Arc<Remembered> {
    match service::umbrella::remembered(store).await {
        Ok(umbrella) => umbrella,
        Err(e) => {
            tracing::warn!("the umbrella could not be read for the layout: {e}");
            Arc::new(Remembered::unread())
        }
    }
}

/// The umbrella as pages show it: beside every event, on the home page
/// and in the archive.
#[derive(Debug, Serialize)]
pub struct UmbrellaView {
    pub name: String,
    pub description: String,
    pub principles: Vec<String>,
    /// The code of conduct's address, when it is a link.
    pub conduct_link: Option<String>,
    /// The code of conduct's text, when it is not a link.
    pub conduct_text: Option<String>,
}

impl From<&crate::domain::umbrella::Umbrella> for UmbrellaView {
    fn from(u: &crate::domain::umbrella::Umbrella) -> Self {
        let link = u.conduct_link().map(str::to_string);
        Self {
            name: u.name.clone(),
            description: u.description.clone(),
            principles: u.principles.clone(),
            conduct_text: (link.is_none() && u.has_conduct()).then(|| u.code_of_conduct.clone()),
            conduct_link: link,
        }
    }
}

/// The layout's umbrella strip, as its view (`Layout::umbrella`).
pub fn serialize_strip<S: Serializer>(
    umbrella: &Option<Arc<Remembered>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    umbrella
        .as_ref()
        .map(|u| UmbrellaView::from(&u.umbrella))
        .serialize(serializer)
}
