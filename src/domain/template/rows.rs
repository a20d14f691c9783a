//! The umbrella's defaults for new events as the admin's form holds them:
//! rows of text as typed (saved rows, and blank rows to add one), made
//! from a template for the form to show.

use super::{EventTemplate, PrizeShape, ScheduleShape};
use crate::domain::judging::Criterion;
use serde::Serialize;

/// The most rows of each kind the defaults hold.
pub const MAX_CRITERIA: usize = 12;
pub const MAX_PRIZES: usize = 10;
pub const MAX_SCHEDULE: usize = 20;
/// The last day a schedule entry may fall on (day 1 is the start day).
pub const MAX_DAY: i64 = 7;

/// One criterion row. `is_new` rows are the form's blank rows: left empty
/// they are ignored, while a saved row whose name is emptied is an error
/// (removing is the tick box's job).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CriterionRow {
    pub name: String,
    pub description: String,
    pub weight: String,
    pub scale_max: String,
    pub remove: bool,
    pub is_new: bool,
}

/// One prize row; `criteria` are the places of criterion rows in the form.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PrizeRow {
    pub name: String,
    pub description: String,
    pub kind: String,
    pub criteria: Vec<usize>,
    pub remove: bool,
    pub is_new: bool,
}

/// One schedule row; `day` counts from 1 (the start day).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ScheduleRow {
    pub day: String,
    pub time: String,
    pub kind: String,
    pub label: String,
    pub remove: bool,
    pub is_new: bool,
}

/// The whole form as typed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DefaultsDraft {
    pub criteria: Vec<CriterionRow>,
    pub prizes: Vec<PrizeRow>,
    pub schedule: Vec<ScheduleRow>,
    pub team_size_cap: String,
    pub late_pitches: bool,
}

impl CriterionRow {
    pub(super) fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.description.trim().is_empty()
    }
}

impl PrizeRow {
    pub(super) fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.description.trim().is_empty()
    }
}

impl ScheduleRow {
    pub(super) fn is_blank(&self) -> bool {
        self.label.trim().is_empty() && self.time.trim().is_empty()
    }
}

impl DefaultsDraft {
    /// The form for a template, every row a saved one.
    pub fn from_template(t: &EventTemplate) -> Self {
        Self {
            criteria: t.criteria.iter().map(criterion_row).collect(),
            prizes: t.prizes.iter().map(prize_row).collect(),
            schedule: t.schedule.iter().map(schedule_row).collect(),
            team_size_cap: t.team_size_cap.to_string(),
            late_pitches: t.late_pitches,
        }
    }

    /// Adds blank rows (for a form without JavaScript) until each list
    /// ends with `n` of them, within the limits.
    pub fn with_blank_rows(mut self, n: usize) -> Self {
        let wanted = |blank_tail: usize, len: usize, max: usize| {
            n.saturating_sub(blank_tail).min(max.saturating_sub(len))
        };
        let tail = |blank: &mut dyn Iterator<Item = bool>| blank.take_while(|b| *b).count();
        let c = tail(&mut self.criteria.iter().rev().map(|r| r.is_new && r.is_blank()));
        for _ in 0..wanted(c, self.criteria.len(), MAX_CRITERIA) {
            self.criteria.push(CriterionRow {
                weight: "1".into(),
                scale_max: "5".into(),
                is_new: true,
                ..Default::default()
            });
        }
        let p = tail(&mut self.prizes.iter().rev().map(|r| r.is_new && r.is_blank()));
        for _ in 0..wanted(p, self.prizes.len(), MAX_PRIZES) {
            self.prizes.push(PrizeRow {
                kind: "judged".into(),
                is_new: true,
                ..Default::default()
            });
        }
        let s = tail(&mut self.schedule.iter().rev().map(|r| r.is_new && r.is_blank()));
        for _ in 0..wanted(s, self.schedule.len(), MAX_SCHEDULE) {
            self.schedule.push(ScheduleRow {
                day: "1".into(),
                kind: "other".into(),
                is_new: true,
                ..Default::default()
            });
        }
        self
    }
}

fn criterion_row(c: &Criterion) -> CriterionRow {
    CriterionRow {
        name: c.name.clone(),
        description: c.description.clone(),
        weight: c.weight.to_string(),
        scale_max: c.scale_max.to_string(),
        remove: false,
        is_new: false,
    }
}

fn prize_row(p: &PrizeShape) -> PrizeRow {
    PrizeRow {
        name: p.name.clone(),
        description: p.description.clone(),
        kind: p.kind.as_str().to_string(),
        criteria: p.criteria.clone(),
        remove: false,
        is_new: false,
    }
}

fn schedule_row(s: &ScheduleShape) -> ScheduleRow {
    ScheduleRow {
        day: (s.day + 1).to_string(),
        time: s.time.format("%H:%M").to_string(),
        kind: s.kind.as_str().to_string(),
        label: s.label.clone(),
        remove: false,
        is_new: false,
    }
}
