//! Judging: the judges' panel, saving scores with the conflict rules, and
//! declaring conflicts. (The organisers' set-up is `judging_setup`.)

use super::change::{self, Needs};
use super::{Claim, ServiceError, ServiceResult, Viewer, live_view, read};
use crate::domain::audit::AuditAction;
use crate::domain::ids::CriterionId;
use crate::domain::{Event, Person, ProjectCard, ProjectId, Role};
use crate::live::Live;
use crate::store::judging::Criterion;
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store};
use std::collections::{HashMap, HashSet};

/// Why a judge may not score a project, if they may not.
fn barred(
    own_team: Option<ProjectId>,
    conflicts: &HashSet<i64>,
    project: ProjectId,
) -> Option<&'static str> {
    if own_team == Some(project) {
        Some("You cannot score your own team's project")
    } else if conflicts.contains(&project.0) {
        Some("You declared a conflict of interest with this project")
    } else {
        None
    }
}

pub struct PanelProject {
    pub card: ProjectCard,
    pub submission: Option<Submission>,
    pub barred: Option<&'static str>,
    pub conflict: bool,
    pub scores: HashMap<i64, i32>,
    pub notes: String,
    pub complete: bool,
}

pub struct Panel {
    pub event: Event,
    pub viewer: Viewer,
    pub criteria: Vec<Criterion>,
    pub projects: Vec<PanelProject>,
    pub judging_open: bool,
    pub now_presenting: Option<ProjectId>,
    pub scored: usize,
    pub to_score: usize,
}

fn require_judge(viewer: &Viewer) -> ServiceResult<&Person> {
    match &viewer.person {
        Some(p) if p.role == Role::Judge => Ok(p),
        _ => Err(ServiceError::Forbidden(
            "Only the event's judges can use the scoring panel".into(),
        )),
    }
}

/// The judge's panel: the running order, and for each project the judge's
/// own scores and notes (never anyone else's).
pub async fn panel(store: &Store, slug: &str, claim: Claim) -> ServiceResult<Panel> {
    read(store, slug, claim, move |conn, event, viewer| {
        let judge = require_judge(&viewer)?.clone();
        let criteria = store::judging::criteria(conn, event.id)?;
        let own_team = store::projects::team_of(conn, judge.id)?;
        let marks = marks_of(conn, &judge)?;
        let projects = panel_projects(conn, &event, &criteria, own_team, marks)?;
        let to_score = projects.iter().filter(|p| p.barred.is_none()).count();
        let scored = projects
            .iter()
            .filter(|p| p.barred.is_none() && p.complete)
            .count();
        let (judging_open, _) = store::judging::flags(conn, event.id)?;
        Ok(Panel {
            now_presenting: store::submissions::now_presenting(conn, event.id)?,
            event,
            viewer,
            criteria,
            projects,
            judging_open,
            scored,
            to_score,
        })
    })
    .await
}

/// What a judge has marked so far: conflicts, scores by project and
/// criterion, and notes by project.
struct Marks {
    conflicts: HashSet<i64>,
    scores: HashMap<i64, HashMap<i64, i32>>,
    notes: HashMap<i64, String>,
}

fn marks_of(conn: &mut DbConn, judge: &Person) -> ServiceResult<Marks> {
    let conflicts = store::scores::conflicts_of_judge(conn, judge.id)?
        .into_iter()
        .collect();
    let mut scores: HashMap<i64, HashMap<i64, i32>> = HashMap::new();
    for (_, project, criterion, value) in store::scores::scores_of_judge(conn, judge.id)? {
        scores.entry(project).or_default().insert(criterion, value);
    }
    let notes = store::scores::notes_of_judge(conn, judge.id)?
        .into_iter()
        .collect();
    Ok(Marks {
        conflicts,
        scores,
        notes,
    })
}

/// The panel's projects in running order, each with this judge's marks.
fn panel_projects(
    conn: &mut DbConn,
    event: &Event,
    criteria: &[Criterion],
    own_team: Option<ProjectId>,
    mut marks: Marks,
) -> ServiceResult<Vec<PanelProject>> {
    let mut subs: HashMap<ProjectId, Submission> =
        store::submissions::list_for_event(conn, event.id)?
            .into_iter()
            .map(|s| (s.project_id, s))
            .collect();
    let order = store::submissions::running_order(conn, event.id)?;
    let mut cards: HashMap<ProjectId, ProjectCard> = live_view::cards(conn, event)?
        .into_iter()
        .map(|c| (c.project.id, c))
        .collect();
    Ok(order
        .iter()
        .filter_map(|id| cards.remove(id))
        .map(|card| {
            let id = card.project.id;
            let mine = marks.scores.remove(&id.0).unwrap_or_default();
            PanelProject {
                complete: !criteria.is_empty()
                    && criteria.iter().all(|c| mine.contains_key(&c.id.0)),
                barred: barred(own_team, &marks.conflicts, id),
                conflict: marks.conflicts.contains(&id.0),
                submission: subs.remove(&id),
                notes: marks.notes.remove(&id.0).unwrap_or_default(),
                scores: mine,
                card,
            }
        })
        .collect())
}

/// What a judge sends for one project: scores per criterion (None clears
/// one, to undo a mis-click) and, optionally, notes.
pub struct ScoreSheet {
    pub project: ProjectId,
    pub scores: Vec<(CriterionId, Option<i32>)>,
    pub notes: Option<String>,
}

pub use crate::domain::judging::NOTES_MAX;

/// Saves a judge's scores for a project, checking every rule in the
/// transaction: judging open, a judge of this event, not their own team, no
/// declared conflict, known criteria, values on the scale. Returns the
/// judge's progress (scored, to score).
pub async fn save_scores(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    sheet: ScoreSheet,
) -> ServiceResult<(usize, usize)> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Judge,
        move |conn, cx, fx| {
            let judge = cx.person()?;
            let (judging_open, _) = store::judging::flags(conn, cx.event.id)?;
            if !judging_open {
                return Err(ServiceError::Conflict(
                    "Judging is closed: scores can no longer be changed".into(),
                ));
            }
            check_may_score(conn, &cx.event, judge, sheet.project)?;
            write_sheet(conn, &cx.event, judge, &sheet)?;
            // Judging progress on every screen may have moved.
            fx.event_changed();
            Ok(())
        },
    )
    .await?;
    let panel = panel(store, slug, claim).await?;
    Ok((panel.scored, panel.to_score))
}

/// Refuses a project the judge may not score (unknown, own team, conflict).
fn check_may_score(
    conn: &mut DbConn,
    event: &Event,
    judge: &Person,
    project: ProjectId,
) -> ServiceResult<()> {
    store::projects::find(conn, event.id, project)?.ok_or(ServiceError::NotFound)?;
    let own = store::projects::team_of(conn, judge.id)?;
    let conflicts: HashSet<i64> = store::scores::conflicts_of_judge(conn, judge.id)?
        .into_iter()
        .collect();
    match barred(own, &conflicts, project) {
        Some(reason) => Err(ServiceError::Forbidden(reason.into())),
        None => Ok(()),
    }
}

/// Writes the sheet's scores (a `None` clears one) and notes.
fn write_sheet(
    conn: &mut DbConn,
    event: &Event,
    judge: &Person,
    sheet: &ScoreSheet,
) -> ServiceResult<()> {
    let criteria: HashMap<CriterionId, Criterion> = store::judging::criteria(conn, event.id)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    for (criterion, value) in &sheet.scores {
        let c = criteria
            .get(criterion)
            .ok_or_else(|| ServiceError::Conflict("There is no such criterion".into()))?;
        match value {
            Some(v) if (c.scale_min..=c.scale_max).contains(v) => {
                store::scores::save_score(conn, event.id, judge.id, sheet.project, c.id, *v)?
            }
            Some(_) => {
                return Err(ServiceError::Conflict(format!(
                    "{} is scored from {} to {}",
                    c.name, c.scale_min, c.scale_max
                )));
            }
            None => {
                store::scores::clear_score(conn, judge.id, sheet.project, c.id)?;
            }
        }
    }
    if let Some(notes) = &sheet.notes {
        let notes = crate::domain::judging::parse_notes(notes)
            .map_err(|e| ServiceError::Invalid(e.into()))?;
        store::scores::save_notes(conn, judge.id, sheet.project, &notes)?;
    }
    Ok(())
}

/// Declares (or withdraws) a conflict of interest with a project; declaring
/// one removes the judge's scores for it. Recorded in the organisers' log,
/// never in the team's history.
pub async fn set_conflict(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    project: ProjectId,
    conflict: bool,
) -> ServiceResult<()> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Judge,
        move |conn, cx, fx| {
            let judge = cx.person()?;
            let found = store::projects::find(conn, cx.event.id, project)?;
            let title = found.ok_or(ServiceError::NotFound)?.title;
            let action = if conflict {
                store::scores::declare_conflict(conn, judge.id, project)?;
                AuditAction::ConflictDeclared
            } else {
                store::scores::withdraw_conflict(conn, judge.id, project)?;
                AuditAction::ConflictWithdrawn
            };
            fx.audit(action, format!("“{title}”"));
            fx.event_changed();
            Ok(())
        },
    )
    .await
}
