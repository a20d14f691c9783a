//! Organisers' downloads: the event's projects, teams and submissions as
//! CSV and as JSON, and every score and note as CSV.

use crate::domain::ProjectCard;
use crate::domain::submission::licence_label;
use crate::service::{results, submissions as subs};
use crate::store::submissions::Submission;
use crate::web::error::AppError;
use crate::web::visit::Visit;
use actix_web::HttpResponse;
use serde::Serialize;

/// One project in an export. Field order is the CSV's column order.
#[derive(Serialize)]
struct ExportRow {
    id: i64,
    title: String,
    pitcher: String,
    problem: String,
    skills_needed: String,
    team: String,
    team_size: usize,
    submitted: bool,
    repo_url: String,
    forge: String,
    demo_url: String,
    slides_url: String,
    video_url: String,
    built: String,
    licence: String,
    keep_working: bool,
    late: bool,
    submitted_at: String,
}

fn row(card: &ProjectCard, sub: Option<&Submission>) -> ExportRow {
    let link = |l: Option<&crate::domain::submission::Link>| {
        l.map(|l| l.as_str().to_string()).unwrap_or_default()
    };
    ExportRow {
        id: card.project.id.0,
        title: card.project.title.clone(),
        pitcher: card.project.pitcher_name.clone(),
        problem: card.project.problem.clone(),
        skills_needed: card.project.skills_needed.to_stored(),
        team: card
            .members
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        team_size: card.members.len(),
        submitted: sub.is_some(),
        repo_url: link(sub.map(|s| &s.repo_url)),
        forge: sub.and_then(|s| s.forge.clone()).unwrap_or_default(),
        demo_url: link(sub.and_then(|s| s.demo_url.as_ref())),
        slides_url: link(sub.and_then(|s| s.slides_url.as_ref())),
        video_url: link(sub.and_then(|s| s.video_url.as_ref())),
        built: sub.map(|s| s.built.clone()).unwrap_or_default(),
        licence: sub
            .map(|s| licence_label(&s.licence).to_string())
            .unwrap_or_default(),
        keep_working: sub.is_some_and(|s| s.keep_working),
        late: sub.is_some_and(|s| s.late),
        submitted_at: sub
            .map(|s| s.submitted_at.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
    }
}

/// Spreadsheets run cells that start with = + - @ as formulas: a leading
/// apostrophe keeps such text as text.
fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

async fn rows(v: &Visit) -> Result<(String, Vec<ExportRow>), AppError> {
    let archive = subs::export(v.store(), &v.slug, v.claim).await?;
    let rows = archive
        .projects
        .iter()
        .map(|(c, s)| row(c, s.as_ref()))
        .collect();
    Ok((archive.event.slug, rows))
}

fn download(content_type: &str, filename: String, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{filename}\""),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}

fn csv_bytes<R: Serialize>(records: impl IntoIterator<Item = R>) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        writer
            .serialize(record)
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    writer
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}

pub async fn csv(v: Visit) -> Result<HttpResponse, AppError> {
    let (slug, mut rows) = rows(&v).await?;
    for r in &mut rows {
        for text in [
            &mut r.title,
            &mut r.pitcher,
            &mut r.problem,
            &mut r.team,
            &mut r.built,
        ] {
            *text = defuse(text);
        }
    }
    let body = csv_bytes(rows)?;
    Ok(download(
        "text/csv; charset=utf-8",
        format!("{slug}-projects.csv"),
        body,
    ))
}

pub async fn json(v: Visit) -> Result<HttpResponse, AppError> {
    let (slug, rows) = rows(&v).await?;
    let body = serde_json::to_vec_pretty(&rows).map_err(|e| AppError::Internal(e.into()))?;
    Ok(download(
        "application/json",
        format!("{slug}-projects.json"),
        body,
    ))
}

/// One score in the organisers' scores download.
#[derive(Serialize)]
struct ScoreRecord {
    judge: String,
    project: String,
    criterion: String,
    score: String,
    notes: String,
}

/// Every score and note, for the organisers only.
pub async fn scores_csv(v: Visit) -> Result<HttpResponse, AppError> {
    let (slug, lines) = results::score_export(v.store(), &v.slug, v.claim).await?;
    let records = lines.into_iter().map(|l| ScoreRecord {
        judge: defuse(&l.judge),
        project: defuse(&l.project),
        criterion: defuse(&l.criterion),
        score: l.value.map(|v| v.to_string()).unwrap_or_default(),
        notes: defuse(&l.notes),
    });
    let body = csv_bytes(records)?;
    Ok(download(
        "text/csv; charset=utf-8",
        format!("{slug}-scores.csv"),
        body,
    ))
}
