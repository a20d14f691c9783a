//! Judging: the organisers' set-up (criteria, prizes, judges, opening and
//! closing), the judges' panel and saving scores, with the conflict rules.

use super::teams::record_change;
use super::{Claim, ServiceError, ServiceResult, Viewer, event_and_viewer, pitches};
use crate::domain::judging::{CriterionDraft, PrizeDraft, default_criteria};
use crate::domain::{Event, Person, PersonId, ProjectCard, ProjectId, Role};
use crate::live::Live;
use crate::store::judging::{Criterion, Prize};
use crate::store::submissions::Submission;
use crate::store::{self, DbConn, Store, audit};
use std::collections::{HashMap, HashSet};

use super::events::organiser_change;

pub async fn add_criterion(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    draft: CriterionDraft,
) -> ServiceResult<()> {
    organiser_change(
        store,
        live,
        slug,
        claim,
        "criterion_added",
        move |conn, event| {
            store::judging::add_criterion(conn, event.id, &to_criterion(&draft))?;
            Ok(draft.name)
        },
    )
    .await
}

fn to_criterion(d: &CriterionDraft) -> Criterion {
    Criterion {
        id: 0,
        name: d.name.clone(),
        description: d.description.clone(),
        weight: d.weight,
        scale_min: d.scale_min,
        scale_max: d.scale_max,
    }
}

pub async fn add_default_criteria(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
) -> ServiceResult<()> {
    organiser_change(
        store,
        live,
        slug,
        claim,
        "criteria_defaults",
        move |conn, event| {
            if !store::judging::criteria(conn, event.id)?.is_empty() {
                return Err(ServiceError::Conflict(
                    "The event already has criteria".into(),
                ));
            }
            for draft in default_criteria() {
                store::judging::add_criterion(conn, event.id, &to_criterion(&draft))?;
            }
            Ok("default criteria".into())
        },
    )
    .await
}

pub async fn delete_criterion(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    id: i64,
) -> ServiceResult<()> {
    organiser_change(
        store,
        live,
        slug,
        claim,
        "criterion_removed",
        move |conn, event| {
            if store::judging::delete_criterion(conn, event.id, id)? == 0 {
                return Err(ServiceError::NotFound);
            }
            Ok(format!("criterion {id}"))
        },
    )
    .await
}

pub async fn add_prize(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    draft: PrizeDraft,
) -> ServiceResult<()> {
    organiser_change(
        store,
        live,
        slug,
        claim,
        "prize_added",
        move |conn, event| {
            let known: HashSet<i64> = store::judging::criteria(conn, event.id)?
                .iter()
                .map(|c| c.id)
                .collect();
            if draft.criteria.iter().any(|c| !known.contains(c)) {
                return Err(ServiceError::Invalid(crate::domain::FieldErrors::one(
                    "criteria",
                    "Pick criteria from the list",
                )));
            }
            let prize = Prize {
                id: 0,
                name: draft.name.clone(),
                description: draft.description,
                kind: draft.kind.into(),
                criteria: draft.criteria,
            };
            store::judging::add_prize(conn, event.id, &prize)?;
            Ok(draft.name)
        },
    )
    .await
}

pub async fn delete_prize(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    id: i64,
) -> ServiceResult<()> {
    organiser_change(
        store,
        live,
        slug,
        claim,
        "prize_removed",
        move |conn, event| {
            if store::judging::delete_prize(conn, event.id, id)? == 0 {
                return Err(ServiceError::NotFound);
            }
            Ok(format!("prize {id}"))
        },
    )
    .await
}

/// Opens or closes judging and people's choice voting. When judging is
/// closed, no score is accepted.
pub async fn set_open(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    judging: Option<bool>,
    voting: Option<bool>,
) -> ServiceResult<()> {
    organiser_change(
        store,
        live,
        slug,
        claim,
        "judging_flags",
        move |conn, event| {
            store::judging::set_flags(conn, event.id, judging, voting)?;
            if voting == Some(true) {
                // "Signed up before voting opened" means the first opening.
                store::voting::mark_opened(conn, event.id, chrono::Utc::now().naive_utc())?;
            }
            Ok(format!("judging {judging:?}, voting {voting:?}"))
        },
    )
    .await
}

pub async fn revoke(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    person: PersonId,
) -> ServiceResult<()> {
    organiser_change(
        store,
        live,
        slug,
        claim,
        "judge_revoked",
        move |conn, event| {
            let target =
                store::people::find(conn, event.id, person)?.ok_or(ServiceError::NotFound)?;
            if target.role != Role::Judge {
                return Err(ServiceError::Conflict(
                    "Only judges' links can be revoked here".into(),
                ));
            }
            store::people::revoke(conn, event.id, person)?;
            Ok(format!("{} (person {})", target.name, target.id))
        },
    )
    .await
}

pub struct SetupPage {
    pub event: Event,
    pub viewer: Viewer,
    pub criteria: Vec<Criterion>,
    pub prizes: Vec<Prize>,
    pub judges: Vec<Person>,
    pub judging_open: bool,
    pub voting_open: bool,
}

pub async fn setup_page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<SetupPage> {
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            viewer.require_organiser()?;
            let (judging_open, voting_open) = store::judging::flags(conn, event.id)?;
            Ok(SetupPage {
                criteria: store::judging::criteria(conn, event.id)?,
                prizes: store::judging::prizes(conn, event.id)?,
                judges: store::people::list_with_role(conn, event.id, Role::Judge)?,
                event,
                viewer,
                judging_open,
                voting_open,
            })
        })
        .await
}

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
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            let judge = require_judge(&viewer)?.clone();
            let criteria = store::judging::criteria(conn, event.id)?;
            let own_team = store::projects::team_of(conn, judge.id)?;
            let conflicts: HashSet<i64> = store::judging::conflicts_of_judge(conn, judge.id)?
                .into_iter()
                .collect();
            let mut scores: HashMap<i64, HashMap<i64, i32>> = HashMap::new();
            for (_, project, criterion, value) in store::judging::scores_of_judge(conn, judge.id)? {
                scores.entry(project).or_default().insert(criterion, value);
            }
            let mut notes: HashMap<i64, String> = store::judging::notes_of_judge(conn, judge.id)?
                .into_iter()
                .collect();
            let mut subs: HashMap<ProjectId, Submission> =
                store::submissions::list_for_event(conn, event.id)?
                    .into_iter()
                    .map(|s| (s.project_id, s))
                    .collect();
            let order = store::submissions::running_order(conn, event.id)?;
            let mut cards: HashMap<ProjectId, ProjectCard> = pitches::cards(conn, &event)?
                .into_iter()
                .map(|c| (c.project.id, c))
                .collect();
            let projects: Vec<PanelProject> = order
                .iter()
                .filter_map(|id| cards.remove(id))
                .map(|card| {
                    let id = card.project.id;
                    let mine = scores.remove(&id.0).unwrap_or_default();
                    PanelProject {
                        complete: !criteria.is_empty()
                            && criteria.iter().all(|c| mine.contains_key(&c.id)),
                        barred: barred(own_team, &conflicts, id),
                        conflict: conflicts.contains(&id.0),
                        submission: subs.remove(&id),
                        notes: notes.remove(&id.0).unwrap_or_default(),
                        scores: mine,
                        card,
                    }
                })
                .collect();
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

/// What a judge sends for one project: scores per criterion (None clears
/// one, to undo a mis-click) and, optionally, notes.
pub struct ScoreSheet {
    pub project: ProjectId,
    pub scores: Vec<(i64, Option<i32>)>,
    pub notes: Option<String>,
}

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
    let slug_for_panel = slug.to_string();
    let slug = slug.to_string();
    let staging = live.clone();
    let change = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            let judge = require_judge(&viewer)?.clone();
            store::events::lock(conn, event.id)?;
            let (judging_open, _) = store::judging::flags(conn, event.id)?;
            if !judging_open {
                return Err(ServiceError::Conflict(
                    "Judging is closed: scores can no longer be changed".into(),
                ));
            }
            store::projects::find(conn, event.id, sheet.project)?.ok_or(ServiceError::NotFound)?;
            let own = store::projects::team_of(conn, judge.id)?;
            let conflicts: HashSet<i64> = store::judging::conflicts_of_judge(conn, judge.id)?
                .into_iter()
                .collect();
            if let Some(reason) = barred(own, &conflicts, sheet.project) {
                return Err(ServiceError::Forbidden(reason.into()));
            }
            let criteria: HashMap<i64, Criterion> = store::judging::criteria(conn, event.id)?
                .into_iter()
                .map(|c| (c.id, c))
                .collect();
            for (criterion, value) in &sheet.scores {
                let c = criteria
                    .get(criterion)
                    .ok_or_else(|| ServiceError::Conflict("There is no such criterion".into()))?;
                match value {
                    Some(v) if (c.scale_min..=c.scale_max).contains(v) => {
                        store::judging::save_score(
                            conn,
                            event.id,
                            judge.id,
                            sheet.project,
                            c.id,
                            *v,
                        )?
                    }
                    Some(_) => {
                        return Err(ServiceError::Conflict(format!(
                            "{} is scored from {} to {}",
                            c.name, c.scale_min, c.scale_max
                        )));
                    }
                    None => {
                        store::judging::clear_score(conn, judge.id, sheet.project, c.id)?;
                    }
                }
            }
            if let Some(notes) = &sheet.notes {
                let notes = crate::domain::judging::parse_notes(notes)
                    .map_err(|e| ServiceError::Invalid(e.into()))?;
                store::judging::save_notes(conn, judge.id, sheet.project, &notes)?;
            }
            record_change(conn, &staging, &event, &[], true)
        })
        .await?;
    live.committed(change);
    let panel = panel(store, &slug_for_panel, claim).await?;
    Ok((panel.scored, panel.to_score))
}

/// Declares (or withdraws) a conflict of interest with a project; declaring
/// one removes the judge's scores for it.
pub async fn set_conflict(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    project: ProjectId,
    conflict: bool,
) -> ServiceResult<()> {
    let slug = slug.to_string();
    let staging = live.clone();
    let change = store
        .write(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
            let judge = require_judge(&viewer)?.clone();
            store::events::lock(conn, event.id)?;
            store::projects::find(conn, event.id, project)?.ok_or(ServiceError::NotFound)?;
            if conflict {
                store::judging::declare_conflict(conn, judge.id, project)?;
            } else {
                store::judging::withdraw_conflict(conn, judge.id, project)?;
            }
            audit::record(
                conn,
                audit::Entry {
                    event_id: Some(event.id),
                    actor_id: Some(judge.id),
                    actor: &viewer.actor_label(),
                    action: if conflict {
                        "conflict_declared"
                    } else {
                        "conflict_withdrawn"
                    },
                    detail: &format!("project {project}:"),
                },
            )?;
            record_change(conn, &staging, &event, &[], true)
        })
        .await?;
    live.committed(change);
    Ok(())
}

/// How far judging has got, for every screen (never any scores): complete
/// (judge, project) pairs out of those expected, skipping own teams and
/// declared conflicts.
pub fn progress(conn: &mut DbConn, event: &Event) -> ServiceResult<(i64, i64)> {
    let judges = store::people::list_with_role(conn, event.id, Role::Judge)?;
    let criteria = store::judging::criteria(conn, event.id)?.len();
    let projects = store::projects::list_open(conn, event.id)?;
    if judges.is_empty() || criteria == 0 {
        return Ok((0, 0));
    }
    let mut counts: HashMap<(i64, i64), usize> = HashMap::new();
    for (judge, project, _, _) in store::judging::scores(conn, event.id)? {
        *counts.entry((judge, project)).or_default() += 1;
    }
    let conflicts: HashSet<(i64, i64)> = store::judging::conflicts_of_event(conn, event.id)?
        .into_iter()
        .collect();
    let (mut done, mut expected) = (0, 0);
    for judge in &judges {
        let own = store::projects::team_of(conn, judge.id)?;
        for project in &projects {
            if own == Some(project.id) || conflicts.contains(&(judge.id.0, project.id.0)) {
                continue;
            }
            expected += 1;
            if counts
                .get(&(judge.id.0, project.id.0))
                .is_some_and(|n| *n >= criteria)
            {
                done += 1;
            }
        }
    }
    Ok((done, expected))
}
