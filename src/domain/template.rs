//! An event's set-up as a template for a new one: criteria and weights,
//! prizes, the schedule's shape relative to the start day, the team cap and
//! the texts that go with them. Never people, pitches, scores or votes:
//! there is no field for them here.

use super::ids::CriterionId;
use super::judging::{Criterion, Prize, PrizeKind, default_criteria};
use super::records::{ScheduleItem, ScheduleKind};
use crate::domain::judging::CriterionDraft;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

mod doc;
mod draft;
mod rows;
pub use doc::TemplateDoc;
pub use draft::DefaultsErrors;
pub use rows::{CriterionRow, DefaultsDraft, MAX_DAY, PrizeRow, ScheduleRow};

/// One schedule entry, as days after the start day and a wall-clock time.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleShape {
    pub kind: ScheduleKind,
    pub label: String,
    pub day: i64,
    pub time: NaiveTime,
}

/// A prize with the criteria it is judged on, by their place in the list.
#[derive(Debug, Clone)]
pub struct PrizeShape {
    pub name: String,
    pub description: String,
    pub kind: PrizeKind,
    pub criteria: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct EventTemplate {
    pub criteria: Vec<Criterion>,
    pub prizes: Vec<PrizeShape>,
    pub schedule: Vec<ScheduleShape>,
    pub team_size_cap: i32,
    pub late_pitches: bool,
}

impl EventTemplate {
    /// No set-up at all: the event starts empty, as before templates.
    pub fn blank() -> Self {
        Self {
            criteria: vec![],
            prizes: vec![],
            schedule: vec![],
            team_size_cap: 6,
            late_pitches: false,
        }
    }

    /// The set-up of an event that started on `start_day`.
    pub fn from_event(
        start_day: Option<NaiveDate>,
        criteria: Vec<Criterion>,
        prizes: Vec<Prize>,
        schedule: Vec<ScheduleItem>,
        (team_size_cap, late_pitches): (i32, bool),
    ) -> Self {
        let place = |id: &CriterionId| criteria.iter().position(|c| c.id == *id);
        let prizes = prizes
            .into_iter()
            .map(|p| PrizeShape {
                criteria: p.criteria.iter().filter_map(place).collect(),
                name: p.name,
                description: p.description,
                kind: p.kind,
            })
            .collect();
        let first = schedule.first().map(|i| i.at.date());
        let start = start_day.or(first);
        let schedule = schedule
            .into_iter()
            .map(|item| ScheduleShape {
                day: start.map_or(0, |s| (item.at.date() - s).num_days()),
                time: item.at.time(),
                kind: item.kind,
                label: item.label,
            })
            .collect();
        Self {
            criteria,
            prizes,
            schedule,
            team_size_cap,
            late_pitches,
        }
    }

    /// The built-in defaults, used until the admin saves the umbrella's
    /// own: the health hack day criteria, a judged best-in-show prize and
    /// people's choice, a two-day schedule, teams of six.
    pub fn series_defaults() -> Self {
        let criteria = default_criteria()
            .into_iter()
            .map(CriterionDraft::unsaved)
            .collect();
        let prize = |name: &str, description: &str, kind| PrizeShape {
            name: name.into(),
            description: description.into(),
            kind,
            criteria: vec![],
        };
        let at = |day, h, m, kind, label: &str| ScheduleShape {
            kind,
            label: label.into(),
            day,
            time: NaiveTime::from_hms_opt(h, m, 0).expect("a valid time of day"),
        };
        Self {
            criteria,
            prizes: vec![
                prize("Best in show", "The judges' favourite", PrizeKind::Judged),
                prize(
                    "People's choice",
                    "Voted by everyone in the room",
                    PrizeKind::PeoplesChoice,
                ),
            ],
            schedule: vec![
                at(0, 9, 30, ScheduleKind::Other, "Pitches"),
                at(0, 12, 30, ScheduleKind::Other, "Lunch"),
                at(
                    1,
                    13,
                    0,
                    ScheduleKind::SubmissionDeadline,
                    "Demo submissions close",
                ),
                at(1, 14, 0, ScheduleKind::Presentations, "Presentations"),
                at(1, 16, 30, ScheduleKind::Other, "Prizes"),
            ],
            team_size_cap: 6,
            late_pitches: false,
        }
    }

    /// The schedule placed on a new start day, at the same wall-clock times
    /// (in the new event's own zone).
    pub fn schedule_from(
        &self,
        start_day: NaiveDate,
    ) -> Vec<(ScheduleKind, String, NaiveDateTime)> {
        self.schedule
            .iter()
            .map(|s| {
                let day = start_day + Duration::days(s.day);
                (s.kind, s.label.clone(), day.and_time(s.time))
            })
            .collect()
    }
}

pub use super::template_source::TemplateSource;

/// Whether this event's set-up may be copied by someone: admins copy any
/// event; a local organiser, the public ones and their own proposals.
pub fn may_copy(
    event: &super::records::Event,
    is_admin: bool,
    local: Option<super::ids::LocalOrganiserId>,
) -> bool {
    is_admin || event.is_public() || (local.is_some() && event.proposed_by == local)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{PrizeId, ScheduleItemId};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, d).expect("a date")
    }

    #[test]
    fn a_schedule_keeps_its_shape_on_a_new_start_day_and_prizes_keep_their_criteria() {
        let criterion = |id, name: &str| Criterion {
            id: CriterionId(id),
            name: name.into(),
            description: String::new(),
            weight: 2,
            scale_min: 1,
            scale_max: 5,
        };
        let item = |d, h, label: &str| ScheduleItem {
            id: ScheduleItemId(1),
            kind: ScheduleKind::Other,
            label: label.into(),
            at: day(d).and_hms_opt(h, 15, 0).expect("a time"),
        };
        let prize = Prize {
            id: PrizeId(9),
            name: "Design".into(),
            description: String::new(),
            kind: PrizeKind::Judged,
            criteria: vec![CriterionId(42)],
        };
        let template = EventTemplate::from_event(
            Some(day(3)),
            vec![criterion(41, "Impact"), criterion(42, "Design")],
            vec![prize],
            vec![item(3, 9, "Pitches"), item(4, 13, "Demos due")],
            (5, true),
        );
        assert_eq!(template.prizes[0].criteria, vec![1]);
        let placed = template.schedule_from(day(24));
        assert_eq!(placed[0].2, day(24).and_hms_opt(9, 15, 0).unwrap());
        assert_eq!(placed[1].2, day(25).and_hms_opt(13, 15, 0).unwrap());
        assert_eq!(placed[1].1, "Demos due");
    }
}
