//! The organisers' CSV of every score and note.

use crate::domain::Role;
use crate::service::{Claim, ServiceResult, read};
use crate::store::{self, Store};
use std::collections::HashMap;

/// Every score and note, for the organisers' CSV: (judge, project, criterion, value, notes).
pub struct ScoreLine {
    pub judge: String,
    pub project: String,
    pub criterion: String,
    pub value: Option<i32>,
    pub notes: String,
}

pub async fn score_export(
    store: &Store,
    slug: &str,
    claim: Claim,
) -> ServiceResult<(String, Vec<ScoreLine>)> {
    read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        let judges: HashMap<i64, String> =
            store::people::list_with_role(conn, event.id, Role::Judge)?
                .into_iter()
                .map(|p| (p.id.0, p.name))
                .collect();
        let titles: HashMap<i64, String> = store::projects::list_open(conn, event.id)?
            .into_iter()
            .map(|p| (p.id.0, p.title))
            .collect();
        let criteria: HashMap<i64, String> = store::judging::criteria(conn, event.id)?
            .into_iter()
            .map(|c| (c.id.0, c.name))
            .collect();
        let notes: HashMap<(i64, i64), String> = store::scores::notes_of_event(conn, event.id)?
            .into_iter()
            .map(|(j, p, n)| ((j, p), n))
            .collect();
        let name = |map: &HashMap<i64, String>, id: i64| {
            map.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
        };
        let mut lines: Vec<ScoreLine> = store::scores::scores(conn, event.id)?
            .into_iter()
            .map(|(j, p, c, v)| ScoreLine {
                judge: name(&judges, j),
                project: name(&titles, p),
                criterion: name(&criteria, c),
                value: Some(v),
                notes: notes.get(&(j, p)).cloned().unwrap_or_default(),
            })
            .collect();
        lines.sort_by(|a, b| {
            (&a.judge, &a.project, &a.criterion).cmp(&(&b.judge, &b.project, &b.criterion))
        });
        Ok((event.slug, lines))
    })
    .await
}
