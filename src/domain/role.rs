//! The roles a person can have at one event. Admins sit above events and are
//! kept apart (see `store::admins`).

use super::validation::Invalid;
use serde::Serialize;

/// Ordered by what they may do: every judge may do what an attendee may,
/// every organiser what a judge may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Attendee,
    Judge,
    Organiser,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Attendee => "attendee",
            Role::Judge => "judge",
            Role::Organiser => "organiser",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw {
            "attendee" => Ok(Role::Attendee),
            "judge" => Ok(Role::Judge),
            "organiser" => Ok(Role::Organiser),
            other => Err(Invalid::new(
                "role",
                format!("There is no role called “{other}”"),
            )),
        }
    }

    pub fn can_organise(self) -> bool {
        self == Role::Organiser
    }

    pub fn can_judge(self) -> bool {
        self == Role::Judge
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_back_from_their_names_and_unknown_ones_are_refused() {
        for role in [Role::Attendee, Role::Judge, Role::Organiser] {
            assert_eq!(Role::parse(role.as_str()).unwrap(), role);
        }
        assert!(Role::parse("admin").is_err());
        assert!(Role::parse("").is_err());
    }

    #[test]
    fn only_organisers_organise_and_only_judges_judge() {
        assert!(Role::Organiser.can_organise());
        assert!(!Role::Judge.can_organise());
        assert!(!Role::Attendee.can_organise());
        assert!(Role::Judge.can_judge());
        assert!(!Role::Attendee.can_judge());
    }
}
