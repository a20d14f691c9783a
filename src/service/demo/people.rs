//! The demo event's people: their skills and how each is added.

use crate::domain::{EventId, PersonId, Role, SecretToken, Skill, SkillSet};
use crate::service::ServiceResult;
use crate::store::{self, DbConn, people::NewPerson};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

pub(super) fn random_skills(rng: &mut StdRng) -> SkillSet {
    // Weighted towards the mix of a health hack day: many clinicians and developers.
    const POOL: [Skill; 10] = [
        Skill::Clinician,
        Skill::Clinician,
        Skill::Clinician,
        Skill::Developer,
        Skill::Developer,
        Skill::Developer,
        Skill::Designer,
        Skill::Patient,
        Skill::Student,
        Skill::Other,
    ];
    let mut set = SkillSet::from_skills([*POOL.choose(rng).expect("pool is not empty")]);
    if rng.gen_bool(0.3) {
        set.insert(*POOL.choose(rng).expect("pool is not empty"));
    }
    set
}

pub(super) fn add_person(
    conn: &mut DbConn,
    event: EventId,
    name: &str,
    skills: SkillSet,
    role: Role,
) -> ServiceResult<(PersonId, SecretToken)> {
    let token = SecretToken::generate();
    let person = store::people::insert(
        conn,
        NewPerson {
            event_id: event,
            name,
            skills,
            role,
            token_hash: &token.hash(),
        },
    )?;
    Ok((person.id, token))
}
