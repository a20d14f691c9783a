//! `/archive`: the umbrella's public archive across events: every project
//! of every closed event with its team, links, prizes and event, searched
//! by words, skill and year with a plain GET form (no JavaScript needed).

use crate::domain::Skill;
use crate::service;
use crate::service::umbrella::{ArchiveQuery, ArchivedProject, CrossArchive};
use crate::web::render::respond_shared;
use crate::web::views::{Choice, LinkView, UmbrellaView, layout, skill_labels, submission_links};
use crate::web::{AppState, error::AppError};
use actix_session::Session;
use actix_web::web::{Data, Query};
use actix_web::{HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    skill: String,
    #[serde(default)]
    year: String,
}

#[derive(Serialize)]
struct Entry {
    url: String,
    title: String,
    problem: String,
    event_name: String,
    event_url: String,
    year: i32,
    team: Vec<String>,
    skills: Vec<&'static str>,
    repo_url: Option<String>,
    links: Vec<LinkView>,
    built: String,
    prizes: Vec<String>,
}

#[derive(Serialize)]
struct ArchiveView {
    umbrella: UmbrellaView,
    q: String,
    skills: Vec<Choice>,
    years: Vec<Choice>,
    entries: Vec<Entry>,
    total: usize,
    searching: bool,
}

fn entry(p: &ArchivedProject) -> Entry {
    let submission = p.submission.as_ref();
    Entry {
        repo_url: submission.map(|s| s.repo_url.as_str().to_string()),
        links: submission.map(submission_links).unwrap_or_default(),
        built: submission.map(|s| s.built.clone()).unwrap_or_default(),
        url: format!("/e/{}/p/{}", p.event_slug, p.id),
        event_url: format!("/e/{}", p.event_slug),
        title: p.title.clone(),
        problem: p.problem.clone(),
        event_name: p.event_name.clone(),
        year: p.year,
        team: p.members.iter().map(|m| m.name.clone()).collect(),
        skills: skill_labels(p.skills_needed),
        prizes: p.prizes.clone(),
    }
}

pub async fn archive(
    state: Data<AppState>,
    req: HttpRequest,
    session: Session,
    params: Option<Query<SearchParams>>,
) -> Result<HttpResponse, AppError> {
    let params = params.map(Query::into_inner).unwrap_or_default();
    let query = ArchiveQuery::parse(&params.q, &params.skill, &params.year);
    let found = service::umbrella::archive(&state.store, query.clone()).await?;
    // The layout adds the umbrella's name to the title.
    let title = "Projects of every event";
    let layout = layout(&state.store, &session, title, None, None).await;
    // Nobody is signed in to the umbrella: every visitor of one search gets
    // one page (with their own token), rendered once per read of the archive.
    let key = format!("{:?}", (&params.q, &params.skill, &params.year));
    respond_shared(
        &state.templates,
        found.pages(),
        &key,
        (&req, &session),
        layout,
        "pages/umbrella_archive",
        || archive_view(&found, &query, params.q.clone()),
    )
}

fn archive_view(found: &CrossArchive, query: &ArchiveQuery, q: String) -> ArchiveView {
    let skills = Skill::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().into(),
            label: s.label().into(),
            selected: query.skill == Some(*s),
        })
        .collect();
    let years = found
        .years()
        .iter()
        .map(|y| Choice {
            value: y.to_string(),
            label: y.to_string(),
            selected: query.year == Some(*y),
        })
        .collect();
    ArchiveView {
        umbrella: UmbrellaView::from(&found.umbrella),
        searching: !query.words.is_empty() || query.skill.is_some() || query.year.is_some(),
        q,
        skills,
        years,
        total: found.total(),
        entries: found.projects().map(entry).collect(),
    }
}
