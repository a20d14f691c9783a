//! Typed values and rules of a hack day, free of web and database concerns.

pub mod audit;
pub mod brand_colour;
pub mod checklist;
pub mod coverage;
pub mod event;
pub mod ids;
pub mod judging;
pub mod phase;
pub mod pitch;
pub mod proposal;
pub mod ranking;
pub mod records;
pub mod role;
pub mod running_order;
pub mod session;
pub mod skills;
pub mod submission;
pub mod suggestions;
pub mod template;
pub mod template_source;
pub mod text;
pub mod timer;
pub mod timezone;
pub mod token;
pub mod umbrella;
pub mod umbrella_doc;
pub mod validation;
pub mod voting;
pub mod when;

pub use event::{EventSettings, JoinCode, Slug, TeamSizeCap};
pub use ids::{EventId, PersonId, ProjectId};
pub use phase::Phase;
pub use pitch::PitchDraft;
pub use records::{
    Event, Member, Person, Project, ProjectCard, ProjectStatus, ScheduleItem, ScheduleKind,
};
pub use role::Role;
pub use skills::{Skill, SkillSet};
pub use text::{EventName, PersonName, Problem, Title, Venue};
pub use timezone::EventZone;
pub use token::SecretToken;
pub use validation::{FieldErrors, Invalid};
