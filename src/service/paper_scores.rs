//! Scores from paper: an organiser types in what a judge wrote on their
//! sheet, on the judge's behalf. The same rules as the panel (a judge of
//! this event, not their own team, no declared conflict, values on the
//! scale), the scores marked with who typed them, and an audit entry
//! "entered on behalf of <judge> by <organiser>".

use super::change::{self, Needs};
use super::{Claim, ServiceError, ServiceResult, Viewer, live_view};
use crate::domain::audit::AuditAction;
use crate::domain::ids::CriterionId;
use crate::domain::judging::Criterion;
use crate::domain::{Event, FieldErrors, Person, PersonId, ProjectCard, ProjectId, Role};
use crate::live::Live;
use crate::store::{self, DbConn, Store};

/// What the organiser typed: one judge, one project, a raw value per criterion.
pub struct PaperSheet {
    pub judge: PersonId,
    pub project: ProjectId,
    pub values: Vec<(CriterionId, String)>,
}

fn refuse(field: &'static str, message: impl Into<String>) -> ServiceError {
    ServiceError::Invalid(FieldErrors::one(field, message))
}

/// The values that were filled in, each checked against its criterion's scale.
fn parse_values(
    criteria: &[Criterion],
    values: &[(CriterionId, String)],
) -> ServiceResult<Vec<(Criterion, i32)>> {
    let mut out = Vec::new();
    for c in criteria {
        let raw = values
            .iter()
            .find(|(id, _)| *id == c.id)
            .map_or("", |(_, v)| v.trim());
        if raw.is_empty() {
            continue;
        }
        match raw.parse::<i32>() {
            Ok(v) if (c.scale_min..=c.scale_max).contains(&v) => out.push((c.clone(), v)),
            _ => {
                return Err(refuse(
                    "scores",
                    format!(
                        "{} is scored from {} to {} (the sheet says “{raw}”)",
                        c.name, c.scale_min, c.scale_max
                    ),
                ));
            }
        }
    }
    if out.is_empty() {
        return Err(refuse(
            "scores",
            "Type in at least one score from the sheet",
        ));
    }
    Ok(out)
}

/// Refuses a judge or project the judge may not score.
fn check_judge(
    conn: &mut DbConn,
    event: &Event,
    sheet: &PaperSheet,
) -> ServiceResult<(Person, String)> {
    let judge = store::people::find(conn, event.id, sheet.judge)?
        .filter(|p| p.role == Role::Judge)
        .ok_or_else(|| refuse("judge", "Pick one of the event's judges"))?;
    let project = store::projects::find(conn, event.id, sheet.project)?
        .ok_or_else(|| refuse("project", "Pick one of the event's projects"))?;
    if store::projects::team_of(conn, judge.id)? == Some(project.id) {
        return Err(refuse(
            "project",
            format!(
                "{} is in “{}” and may not score it",
                judge.name, project.title
            ),
        ));
    }
    if store::scores::conflicts_of_judge(conn, judge.id)?.contains(&project.id.0) {
        return Err(refuse(
            "project",
            format!(
                "{} declared a conflict of interest with “{}”",
                judge.name, project.title
            ),
        ));
    }
    Ok((judge, project.title))
}

/// Saves a paper sheet's scores for one project on the judge's behalf.
pub async fn enter(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    sheet: PaperSheet,
) -> ServiceResult<()> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Organiser,
        move |conn, cx, fx| {
            let event = &cx.event;
            let (judge, title) = check_judge(conn, event, &sheet)?;
            let criteria = store::judging::criteria(conn, event.id)?;
            let values = parse_values(&criteria, &sheet.values)?;
            let organiser = cx.viewer.actor_label();
            for (c, v) in &values {
                store::paper_scores::save_on_behalf(
                    conn,
                    event.id,
                    judge.id,
                    sheet.project,
                    c.id,
                    *v,
                    &organiser,
                )?;
            }
            let listed: Vec<String> = values
                .iter()
                .map(|(c, v)| format!("{} {v}", c.name))
                .collect();
            fx.audit(
                AuditAction::ScoresOnBehalf,
                format!(
                    "on behalf of {} by {organiser} for “{title}”: {}",
                    judge.name,
                    listed.join(", ")
                ),
            );
            // Judging progress on every screen may have moved.
            fx.event_changed();
            Ok(())
        },
    )
    .await
}

/// A (judge, project) with scores typed in from paper, and by whom.
pub struct OnBehalf {
    pub judge: String,
    pub project: String,
    pub entered_by: String,
}

/// What the paper-scores page shows.
pub struct PaperScoresPage {
    pub event: Event,
    pub viewer: Viewer,
    pub judges: Vec<Person>,
    pub teams: Vec<ProjectCard>,
    pub criteria: Vec<Criterion>,
    pub entered: Vec<OnBehalf>,
}

pub async fn page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<PaperScoresPage> {
    super::read(store, slug, claim, |conn, event, viewer| {
        viewer.require_organiser()?;
        let judges = store::people::list_with_role(conn, event.id, Role::Judge)?;
        let teams = live_view::cards(conn, &event)?;
        let criteria = store::judging::criteria(conn, event.id)?;
        let entered = entered(conn, &event, &judges)?;
        Ok(PaperScoresPage {
            event,
            viewer,
            judges,
            teams,
            criteria,
            entered,
        })
    })
    .await
}

/// Every (judge, project) with scores typed in from paper, named.
pub fn entered(
    conn: &mut DbConn,
    event: &Event,
    judges: &[Person],
) -> ServiceResult<Vec<OnBehalf>> {
    let mut out = Vec::new();
    for (judge, project, by) in store::paper_scores::entered_on_behalf(conn, event.id)? {
        let title = store::projects::find(conn, event.id, ProjectId(project))?
            .map(|p| p.title)
            .unwrap_or_default();
        let name = judges
            .iter()
            .find(|j| j.id.0 == judge)
            .map_or_else(|| format!("judge {judge}"), |j| j.name.clone());
        out.push(OnBehalf {
            judge: name,
            project: title,
            entered_by: by,
        });
    }
    Ok(out)
}
