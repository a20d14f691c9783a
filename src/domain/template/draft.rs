//! Parsing the admin's form of defaults (`rows::DefaultsDraft`) into an
//! `EventTemplate`; every problem is kept by its row and field so the form
//! shows it next to what was typed.

use super::rows::{DefaultsDraft, MAX_CRITERIA, MAX_DAY, MAX_PRIZES, MAX_SCHEDULE};
use super::{EventTemplate, PrizeShape, ScheduleShape};
use crate::domain::TeamSizeCap;
use crate::domain::judging::{Criterion, CriterionDraft, PrizeDraft};
use crate::domain::records::ScheduleKind;
use crate::domain::text::ScheduleLabel;
use crate::domain::validation::{FieldErrors, Invalid};
use chrono::NaiveTime;
use serde::Serialize;

/// What did not parse: one `FieldErrors` per row (same places as the
/// draft's rows) and the form-wide fields in `general`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DefaultsErrors {
    pub criteria: Vec<FieldErrors>,
    pub prizes: Vec<FieldErrors>,
    pub schedule: Vec<FieldErrors>,
    pub general: FieldErrors,
}

impl DefaultsErrors {
    fn sized(draft: &DefaultsDraft) -> Self {
        Self {
            criteria: vec![FieldErrors::new(); draft.criteria.len()],
            prizes: vec![FieldErrors::new(); draft.prizes.len()],
            schedule: vec![FieldErrors::new(); draft.schedule.len()],
            general: FieldErrors::new(),
        }
    }

    /// Every problem as `path: message` (`criteria[1].weight: …`), in the
    /// order of the form.
    pub fn messages(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .general
            .messages()
            .map(|(f, m)| format!("{f}: {m}"))
            .collect();
        for (list, rows) in [
            ("criteria", &self.criteria),
            ("prizes", &self.prizes),
            ("schedule", &self.schedule),
        ] {
            for (i, errors) in rows.iter().enumerate() {
                out.extend(
                    errors
                        .messages()
                        .map(|(f, m)| format!("{list}[{i}].{f}: {m}")),
                );
            }
        }
        out
    }

    pub fn count(&self) -> usize {
        self.messages().len()
    }
}

/// What became of a criterion row, for the prizes that point at it.
#[derive(Clone, Copy)]
enum Slot {
    Kept(usize),
    Removed,
    /// Blank, or it has its own error already shown.
    Absent,
}

impl DefaultsDraft {
    /// The template this form describes, or every problem by its row.
    pub fn parse(&self) -> Result<EventTemplate, DefaultsErrors> {
        let mut errors = DefaultsErrors::sized(self);
        let (criteria, slots) = self.parse_criteria(&mut errors);
        let prizes = self.parse_prizes(&slots, &mut errors);
        let schedule = self.parse_schedule(&mut errors);
        let cap = errors.general.take(TeamSizeCap::parse(&self.team_size_cap));
        match cap {
            Some(cap) if errors.count() == 0 => Ok(EventTemplate {
                criteria,
                prizes,
                schedule,
                team_size_cap: cap.get(),
                late_pitches: self.late_pitches,
            }),
            _ => Err(errors),
        }
    }

    fn parse_criteria(&self, errors: &mut DefaultsErrors) -> (Vec<Criterion>, Vec<Slot>) {
        let mut kept: Vec<Criterion> = Vec::new();
        let mut slots = Vec::new();
        for (i, row) in self.criteria.iter().enumerate() {
            if row.remove || (row.is_new && row.is_blank()) {
                slots.push(if row.remove {
                    Slot::Removed
                } else {
                    Slot::Absent
                });
                continue;
            }
            let parsed =
                CriterionDraft::parse(&row.name, &row.description, &row.weight, &row.scale_max);
            match parsed {
                Ok(d) if kept.iter().any(|c| same_name(&c.name, &d.name)) => {
                    errors.criteria[i].add(
                        "name",
                        format!(
                            "“{}” is already a criterion above: give each criterion its own name",
                            d.name
                        ),
                    );
                    slots.push(Slot::Absent);
                }
                Ok(d) => {
                    slots.push(Slot::Kept(kept.len()));
                    kept.push(d.unsaved());
                }
                Err(e) => {
                    errors.criteria[i] = e;
                    slots.push(Slot::Absent);
                }
            }
        }
        if kept.len() > MAX_CRITERIA {
            errors
                .general
                .add("criteria", format!("At most {MAX_CRITERIA} criteria"));
        }
        (kept, slots)
    }

    fn parse_prizes(&self, slots: &[Slot], errors: &mut DefaultsErrors) -> Vec<PrizeShape> {
        let mut kept: Vec<PrizeShape> = Vec::new();
        for (i, row) in self.prizes.iter().enumerate() {
            if row.remove || (row.is_new && row.is_blank()) {
                continue;
            }
            let mut criteria = Vec::new();
            for place in &row.criteria {
                match slots.get(*place) {
                    Some(Slot::Kept(k)) => criteria.push(*k),
                    Some(Slot::Removed) => errors.prizes[i].add("criteria", format!(
                        "This prize is judged on “{}”, which is being removed: untick it here, or keep the criterion",
                        self.criteria[*place].name.trim()
                    )),
                    Some(Slot::Absent) => {}
                    None => errors.prizes[i].add("criteria", "This prize names a criterion that is not in the list: pick criteria from the list"),
                }
            }
            match PrizeDraft::parse(&row.name, &row.description, &row.kind, &[]) {
                Ok(d) if kept.iter().any(|p| same_name(&p.name, &d.name)) => {
                    errors.prizes[i].add("name", format!("“{}” is already a prize above", d.name));
                }
                Ok(d) => kept.push(PrizeShape {
                    name: d.name,
                    description: d.description,
                    kind: d.kind,
                    criteria,
                }),
                Err(e) => e.messages().for_each(|(f, m)| errors.prizes[i].add(f, m)),
            }
        }
        if kept.len() > MAX_PRIZES {
            errors
                .general
                .add("prizes", format!("At most {MAX_PRIZES} prizes"));
        }
        kept
    }

    fn parse_schedule(&self, errors: &mut DefaultsErrors) -> Vec<ScheduleShape> {
        let mut kept = Vec::new();
        for (i, row) in self.schedule.iter().enumerate() {
            if row.remove || (row.is_new && row.is_blank()) {
                continue;
            }
            let e = &mut errors.schedule[i];
            let day = e.take(parse_day(&row.day));
            let time = e.take(parse_time(&row.time));
            let kind = e.take(
                ScheduleKind::parse(row.kind.trim())
                    .ok_or_else(|| Invalid::new("kind", "Pick a kind of entry from the list")),
            );
            let label = e.take(ScheduleLabel::parse(&row.label));
            if let (Some(day), Some(time), Some(kind), Some(label)) = (day, time, kind, label) {
                kept.push(ScheduleShape {
                    kind,
                    label: label.into_inner(),
                    day,
                    time,
                });
            }
        }
        if kept.len() > MAX_SCHEDULE {
            errors.general.add(
                "schedule",
                format!("At most {MAX_SCHEDULE} schedule entries"),
            );
        }
        // In the order of the day, whatever the order of the rows typed.
        kept.sort_by_key(|s| (s.day, s.time));
        kept
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Day 1 is the start day: stored as days after it.
fn parse_day(raw: &str) -> Result<i64, Invalid> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=MAX_DAY).contains(d))
        .map(|d| d - 1)
        .ok_or_else(|| {
            Invalid::new(
                "day",
                format!("Pick a day from 1 (the first day) to {MAX_DAY}"),
            )
        })
}

/// A wall-clock time as a browser's time field sends it (`09:30`, or with
/// seconds).
fn parse_time(raw: &str) -> Result<NaiveTime, Invalid> {
    let raw = raw.trim();
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .map_err(|_| Invalid::new("time", "Give the time as hours and minutes, like 09:30"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> DefaultsDraft {
        DefaultsDraft::from_template(&EventTemplate::series_defaults())
    }

    #[test]
    fn the_series_defaults_read_back_as_themselves() {
        let parsed = draft()
            .with_blank_rows(2)
            .parse()
            .expect("the defaults parse");
        let defaults = EventTemplate::series_defaults();
        assert_eq!(parsed.criteria.len(), defaults.criteria.len());
        assert_eq!(parsed.schedule, defaults.schedule);
        assert_eq!(parsed.prizes.len(), 2);
    }

    #[test]
    fn each_mistake_is_kept_by_its_row_and_field() {
        let mut d = draft().with_blank_rows(1);
        d.criteria[0].weight = "11".into();
        d.criteria[2].name = d.criteria[1].name.to_uppercase();
        d.criteria[3].name = "  ".into();
        d.schedule[1].time = "25:99".into();
        d.prizes[0].criteria = vec![4];
        d.criteria[4].remove = true;
        d.team_size_cap = "0".into();
        let e = d.parse().unwrap_err();
        assert!(
            e.criteria[0]
                .get("weight")
                .unwrap()
                .contains("from 1 to 10")
        );
        assert!(
            e.criteria[2]
                .get("name")
                .unwrap()
                .contains("already a criterion")
        );
        assert!(e.criteria[3].get("name").unwrap().contains("required"));
        assert!(e.schedule[1].get("time").unwrap().contains("like 09:30"));
        assert!(
            e.prizes[0]
                .get("criteria")
                .unwrap()
                .contains("being removed")
        );
        assert!(e.general.get("team_size_cap").is_some());
        assert!(
            e.messages()
                .iter()
                .any(|m| m.starts_with("criteria[0].weight: "))
        );
    }

    #[test]
    fn blank_new_rows_are_ignored_and_removed_rows_dropped() {
        let mut d = draft().with_blank_rows(2);
        let n = d.criteria.len();
        d.criteria[n - 2].name = "Safety".into();
        d.criteria[0].remove = true;
        let t = d.parse().expect("parses");
        assert_eq!(t.criteria.len(), 5);
        assert_eq!(t.criteria[4].name, "Safety");
    }
}
