//! `/e/{slug}/projects`: the public archive of an event's projects, with
//! their teams, demos and prizes.

use crate::service::submissions::{self as subs, Archive};
use crate::web::error::AppError;
use crate::web::views::{ProjectView, SubmittedView, project_view, submitted_view};
use crate::web::visit::Visit;
use actix_web::HttpResponse;
use serde::Serialize;

#[derive(Serialize)]
struct ArchiveEntry {
    project: ProjectView,
    submission: Option<SubmittedView>,
    prizes: Vec<String>,
}

#[derive(Serialize)]
struct ArchiveView {
    name: String,
    entries: Vec<ArchiveEntry>,
    submitted: usize,
}

pub async fn archive(v: Visit) -> Result<HttpResponse, AppError> {
    let (model, viewer) = subs::archive(v.models(), v.store(), &v.slug, v.claim).await?;
    let title = format!("Projects of {}", model.event.name);
    let layout = v.layout(&title, &model.event, &viewer).await;
    // The same for everyone who is this person (or anonymous) at this
    // version: rendered once.
    let key = format!("{:?}|{}", viewer.person_id(), viewer.is_admin);
    v.render_shared(&model, &key, layout, "pages/archive", || {
        archive_view(&subs::archive_of(&model, viewer.clone()))
    })
}

/// The archive's view model.
fn archive_view(archive: &Archive) -> ArchiveView {
    let entries: Vec<ArchiveEntry> = archive
        .projects
        .iter()
        .map(|(card, sub)| ArchiveEntry {
            project: project_view(&archive.event, card, None),
            submission: sub.as_ref().map(|s| submitted_view(s, archive.event.zone)),
            prizes: archive
                .prizes
                .get(&card.project.id.0)
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    ArchiveView {
        name: archive.event.name.clone(),
        submitted: entries.iter().filter(|e| e.submission.is_some()).count(),
        entries,
    }
}
