//! `/admin/umbrella/defaults`: the umbrella's defaults for new events
//! (criteria, prizes, schedule shape, team cap), set by admins on a form
//! that works without JavaScript: saved rows, a few blank rows to add one,
//! and a "remove" tick box on each.

use crate::domain::FieldErrors;
use crate::domain::judging::PrizeKind;
use crate::domain::records::ScheduleKind;
use crate::domain::template::{
    CriterionRow, DefaultsDraft, DefaultsErrors, MAX_DAY, PrizeRow, ScheduleRow,
};
use crate::service::{self, ServiceError};
use crate::web::views::{Choice, layout};
use crate::web::visit::redirect;
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::Data;
use serde::{Deserialize, Serialize};

/// Blank rows offered under each list, to add that many at once.
const BLANK_ROWS: usize = 2;

/// The form as posted: one list per column (every row posts each of its
/// text fields and selects, so the lists line up); tick boxes post the
/// row's place (`c_remove=3`, `p_criteria=0:2` for prize 0, criterion 2).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DefaultsForm {
    c_name: Vec<String>,
    c_description: Vec<String>,
    c_weight: Vec<String>,
    c_scale: Vec<String>,
    c_new: Vec<String>,
    c_remove: Vec<String>,
    p_name: Vec<String>,
    p_description: Vec<String>,
    p_kind: Vec<String>,
    p_new: Vec<String>,
    p_remove: Vec<String>,
    p_criteria: Vec<String>,
    s_day: Vec<String>,
    s_time: Vec<String>,
    s_kind: Vec<String>,
    s_label: Vec<String>,
    s_new: Vec<String>,
    s_remove: Vec<String>,
    team_size_cap: String,
    late_pitches: Option<String>,
}

fn at(list: &[String], i: usize) -> String {
    list.get(i).cloned().unwrap_or_default()
}

fn ticked(list: &[String], i: usize) -> bool {
    list.iter().any(|v| v.trim() == i.to_string())
}

impl DefaultsForm {
    fn draft(&self) -> DefaultsDraft {
        let is_new = |list: &[String], i| at(list, i) == "1";
        let criteria = (0..self.c_name.len()).map(|i| CriterionRow {
            name: at(&self.c_name, i),
            description: at(&self.c_description, i),
            weight: at(&self.c_weight, i),
            scale_max: at(&self.c_scale, i),
            remove: ticked(&self.c_remove, i),
            is_new: is_new(&self.c_new, i),
        });
        let chosen = |p: usize| {
            self.p_criteria
                .iter()
                .filter_map(|v| v.split_once(':'))
                .filter(|(prize, _)| prize.trim() == p.to_string())
                .filter_map(|(_, c)| c.trim().parse().ok())
                .collect()
        };
        let prizes = (0..self.p_name.len()).map(|i| PrizeRow {
            name: at(&self.p_name, i),
            description: at(&self.p_description, i),
            kind: at(&self.p_kind, i),
            criteria: chosen(i),
            remove: ticked(&self.p_remove, i),
            is_new: is_new(&self.p_new, i),
        });
        let schedule = (0..self.s_label.len()).map(|i| ScheduleRow {
            day: at(&self.s_day, i),
            time: at(&self.s_time, i),
            kind: at(&self.s_kind, i),
            label: at(&self.s_label, i),
            remove: ticked(&self.s_remove, i),
            is_new: is_new(&self.s_new, i),
        });
        DefaultsDraft {
            criteria: criteria.collect(),
            prizes: prizes.collect(),
            schedule: schedule.collect(),
            team_size_cap: self.team_size_cap.clone(),
            late_pitches: self.late_pitches.is_some(),
        }
    }
}

#[derive(Serialize)]
struct Row<T: Serialize> {
    i: usize,
    number: usize,
    #[serde(flatten)]
    row: T,
    errors: FieldErrors,
    kinds: Vec<Choice>,
    days: Vec<Choice>,
    /// For a prize: the criteria it may be judged on, ticked or not.
    judged_on: Vec<Choice>,
}

#[derive(Serialize)]
struct DefaultsView {
    criteria: Vec<Row<CriterionRow>>,
    prizes: Vec<Row<PrizeRow>>,
    schedule: Vec<Row<ScheduleRow>>,
    team_size_cap: String,
    late_pitches: bool,
    errors: FieldErrors,
    problems: usize,
    saved_before: bool,
}

fn row<T: Serialize>(i: usize, row: T, errors: Option<&FieldErrors>) -> Row<T> {
    Row {
        i,
        number: i + 1,
        row,
        errors: errors.cloned().unwrap_or_default(),
        kinds: vec![],
        days: vec![],
        judged_on: vec![],
    }
}

fn view(draft: DefaultsDraft, errors: DefaultsErrors, saved_before: bool) -> DefaultsView {
    let draft = draft.with_blank_rows(BLANK_ROWS);
    // A prize may be judged on any criterion row that has a name.
    let named: Vec<(usize, String)> = draft
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.name.trim().is_empty())
        .map(|(i, c)| (i, c.name.trim().to_string()))
        .collect();
    let prizes = draft.prizes.into_iter().enumerate().map(|(i, p)| {
        let mut r = row(i, p, errors.prizes.get(i));
        // The short name ("Judged"): the long labels do not fit a phone's
        // select; the section's hint says what each kind means.
        let short = |k: PrizeKind| k.label().split(" (").next().unwrap_or_default();
        r.kinds = choices(PrizeKind::ALL.map(|k| (k.as_str(), short(k))), &r.row.kind);
        r.judged_on = named
            .iter()
            .map(|(c, name)| Choice {
                value: format!("{i}:{c}"),
                label: name.clone(),
                selected: r.row.criteria.contains(c),
            })
            .collect();
        r
    });
    let days: Vec<(String, String)> = (1..=MAX_DAY)
        .map(|d| (d.to_string(), format!("Day {d}")))
        .collect();
    let schedule = draft.schedule.into_iter().enumerate().map(|(i, s)| {
        let mut r = row(i, s, errors.schedule.get(i));
        r.kinds = choices(
            ScheduleKind::ALL.map(|k| (k.as_str(), k.label())),
            &r.row.kind,
        );
        r.days = choices(
            days.iter().map(|(v, l)| (v.as_str(), l.as_str())),
            &r.row.day,
        );
        r
    });
    DefaultsView {
        criteria: draft
            .criteria
            .into_iter()
            .enumerate()
            .map(|(i, c)| row(i, c, errors.criteria.get(i)))
            .collect(),
        prizes: prizes.collect(),
        schedule: schedule.collect(),
        team_size_cap: draft.team_size_cap,
        late_pitches: draft.late_pitches,
        problems: errors.count(),
        errors: errors.general,
        saved_before,
    }
}

fn choices<'a>(options: impl IntoIterator<Item = (&'a str, &'a str)>, chosen: &str) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            value: value.to_string(),
            label: label.to_string(),
            selected: value == chosen.trim(),
        })
        .collect()
}

async fn render(
    state: &AppState,
    session: &Session,
    posted: Option<(DefaultsDraft, DefaultsErrors)>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(session);
    let (current, saved_before) =
        service::umbrella_defaults::for_admin(&state.store, claim).await?;
    let (draft, errors) =
        posted.unwrap_or_else(|| (DefaultsDraft::from_template(&current), Default::default()));
    let page = layout(&state.store, session, "Defaults for new events", None, None).await;
    let view = view(draft, errors, saved_before);
    state
        .templates
        .page_with_status(status, "pages/umbrella_defaults", &page, &view)
}

pub async fn page(state: Data<AppState>, session: Session) -> Result<HttpResponse, AppError> {
    render(&state, &session, None, StatusCode::OK).await
}

pub async fn save(
    state: Data<AppState>,
    session: Session,
    CheckedForm(form): CheckedForm<DefaultsForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(&session);
    let draft = form.draft();
    let errors = match draft.parse() {
        Ok(template) => {
            match service::umbrella_defaults::update(&state.store, claim, template).await {
                Ok(()) => {
                    identity::leave_saved(
                        &session,
                        "The defaults are saved: events started from the umbrella's defaults now get them.",
                    );
                    return Ok(redirect("/admin/umbrella/defaults"));
                }
                Err(ServiceError::Invalid(errors)) => DefaultsErrors {
                    general: errors,
                    ..Default::default()
                },
                Err(e) => return Err(e.into()),
            }
        }
        Err(errors) => errors,
    };
    render(
        &state,
        &session,
        Some((draft, errors)),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}
