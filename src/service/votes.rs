//! People's choice: the vote page (projects in an order of each person's
//! own) and casting or changing one's one vote.

use super::change::{self, Needs};
use super::{Claim, ServiceError, ServiceResult, Viewer, read};
use crate::domain::{Event, ProjectId, ProjectStatus};
use crate::live::Live;
use crate::store::{self, Store};
use rand::SeedableRng;
use rand::seq::SliceRandom;

/// One project on the vote page: what it is and who made it.
pub struct VoteProject {
    pub id: i64,
    pub title: String,
    pub problem: String,
    pub team: Vec<String>,
}

pub struct VotePage {
    pub event: Event,
    pub viewer: Viewer,
    /// Open projects in an order of this person's own, so the first listed
    /// is not favoured.
    pub projects: Vec<VoteProject>,
    pub my_vote: Option<i64>,
    pub own_team: Option<ProjectId>,
    pub voting_open: bool,
    /// Why this person may not vote under the event's rule, if they may not.
    pub refusal: Option<&'static str>,
}

pub async fn vote_page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<VotePage> {
    read(store, slug, claim, move |conn, event, viewer| {
        let person = viewer.require_person()?.clone();
        let members = store::projects::members_of_event(conn, event.id)?;
        let mut projects: Vec<VoteProject> = store::projects::list_open(conn, event.id)?
            .into_iter()
            .map(|p| VoteProject {
                team: members
                    .iter()
                    .filter(|m| m.project_id == p.id)
                    .map(|m| m.name.clone())
                    .collect(),
                id: p.id.0,
                title: p.title,
                problem: p.problem,
            })
            .collect();
        // Seeded by the person, so the order is theirs and stays put between visits.
        projects.shuffle(&mut rand::rngs::StdRng::seed_from_u64(
            person.id.0 as u64 ^ 0x5eed_cafe,
        ));
        let (_, voting_open) = store::judging::flags(conn, event.id)?;
        let (rule, opened) = store::voting::rule(conn, event.id)?;
        let refusal = rule.refusal(&store::voting::voter(conn, person.id)?, opened);
        Ok(VotePage {
            refusal,
            my_vote: store::awards::vote_of(conn, person.id)?,
            own_team: store::projects::team_of(conn, person.id)?,
            event,
            viewer,
            projects,
            voting_open,
        })
    })
    .await
}

/// Casts or changes the person's one vote: not for their own team, and only
/// while voting is open.
pub async fn vote(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    project: ProjectId,
) -> ServiceResult<()> {
    change::run(
        store,
        live,
        slug,
        claim,
        Needs::Person,
        move |conn, cx, _| {
            let person = cx.person()?;
            let (_, voting_open) = store::judging::flags(conn, cx.event.id)?;
            if !voting_open {
                return Err(ServiceError::Conflict("Voting is closed".into()));
            }
            store::projects::find(conn, cx.event.id, project)?
                .filter(|p| p.status == ProjectStatus::Open)
                .ok_or(ServiceError::NotFound)?;
            let (rule, opened) = store::voting::rule(conn, cx.event.id)?;
            if let Some(why) = rule.refusal(&store::voting::voter(conn, person.id)?, opened) {
                return Err(ServiceError::Forbidden(why.into()));
            }
            if store::projects::team_of(conn, person.id)? == Some(project) {
                return Err(ServiceError::Forbidden(
                    "You cannot vote for your own team".into(),
                ));
            }
            store::awards::vote(conn, cx.event.id, person.id, project)?;
            Ok(())
        },
    )
    .await
}
