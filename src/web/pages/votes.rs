//! `/e/{slug}/organise/votes`: who may vote for people's choice, the votes
//! by their voters' sign-up minute, and voiding a window of sign-ups.

use crate::domain::FieldErrors;
use crate::domain::event::parse_datetime;
use crate::domain::voting::{VoterRule, minute_of};
use crate::service::{ServiceError, voting};
use crate::web::visit::Visit;
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// Times on this page are UTC, as stored, to the second.
const INPUT: &str = "%Y-%m-%dT%H:%M:%S";

#[derive(Serialize)]
struct RuleOption {
    value: &'static str,
    label: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct MinuteRow {
    minute: String,
    from: String,
    to: String,
    votes: usize,
    counted: usize,
    voided: usize,
    /// A share of the tallest row, for the bar.
    bar: usize,
}

#[derive(Serialize, Default)]
struct VoidForm {
    from: String,
    to: String,
    errors: FieldErrors,
}

#[derive(Serialize)]
struct VotesView {
    slug: String,
    rules: Vec<RuleOption>,
    opened_at: Option<String>,
    rows: Vec<MinuteRow>,
    votes: usize,
    counted: usize,
    voided: usize,
    form: VoidForm,
}

async fn render(v: &Visit, form: VoidForm, status: StatusCode) -> Result<HttpResponse, AppError> {
    let page = voting::votes_page(v.store(), &v.slug, v.claim).await?;
    let tallest = page
        .minutes
        .iter()
        .map(|m| m.votes)
        .max()
        .unwrap_or(1)
        .max(1);
    let view = VotesView {
        slug: v.slug.clone(),
        rules: VoterRule::ALL
            .iter()
            .map(|r| RuleOption {
                value: r.as_str(),
                label: r.label(),
                current: *r == page.rule,
            })
            .collect(),
        opened_at: page
            .opened_at
            .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string()),
        votes: page.minutes.iter().map(|m| m.votes).sum(),
        counted: page.minutes.iter().map(|m| m.counted).sum(),
        voided: page.minutes.iter().map(|m| m.voided).sum(),
        rows: page
            .minutes
            .iter()
            .map(|m| MinuteRow {
                minute: m.minute.format("%Y-%m-%d %H:%M UTC").to_string(),
                from: m.minute.format(INPUT).to_string(),
                to: (minute_of(m.minute) + Duration::minutes(1))
                    .format(INPUT)
                    .to_string(),
                votes: m.votes,
                counted: m.counted,
                voided: m.voided,
                bar: m.votes * 100 / tallest,
            })
            .collect(),
        form,
    };
    let layout = v
        .layout("People's choice votes", &page.event, &page.viewer)
        .await;
    v.render(status, "pages/votes", &layout, &view)
}

pub async fn page(v: Visit) -> Result<HttpResponse, AppError> {
    render(&v, VoidForm::default(), StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    rule: String,
}

pub async fn set_rule(
    v: Visit,
    CheckedForm(f): CheckedForm<RuleForm>,
) -> Result<HttpResponse, AppError> {
    let rule = VoterRule::parse(&f.rule).map_err(|e| AppError::BadRequest(e.message))?;
    voting::set_rule(v.store(), v.live(), &v.slug, v.claim, rule).await?;
    Ok(v.saved("/organise/votes", "Saved: who may vote."))
}

#[derive(Deserialize)]
pub struct WindowForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

pub async fn void(
    v: Visit,
    CheckedForm(f): CheckedForm<WindowForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let from = errors.take(parse_datetime("from", &f.from));
    let to = errors.take(parse_datetime("to", &f.to));
    let result = match (from, to) {
        (Some(from), Some(to)) => {
            voting::void_window(v.store(), v.live(), &v.slug, v.claim, from, to).await
        }
        _ => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(()) => Ok(v.saved("/organise/votes", "Saved: those votes are voided.")),
        Err(ServiceError::Invalid(errors)) => {
            let form = VoidForm {
                from: f.from,
                to: f.to,
                errors,
            };
            render(&v, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}
