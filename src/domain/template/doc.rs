//! The umbrella's defaults as JSON: the shape kept in the settings table
//! and carried by the umbrella export (its `defaults` field, documented in
//! the README). Prizes name their criteria; schedule days count from 1.
//! Read back through the admin form's parser, so both obey the same rules.

use super::EventTemplate;
use super::rows::{CriterionRow, DefaultsDraft, PrizeRow, ScheduleRow};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateDoc {
    pub criteria: Vec<CriterionDoc>,
    pub prizes: Vec<PrizeDoc>,
    pub schedule: Vec<ScheduleDoc>,
    pub team_size_cap: i32,
    #[serde(default)]
    pub late_pitches: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionDoc {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub weight: i32,
    /// The top of the 1-to-N scale judges score on.
    pub scale_max: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrizeDoc {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// `judged`, `peoples_choice` or `special`.
    pub kind: String,
    /// Names of the criteria above it is judged on; empty means all.
    #[serde(default)]
    pub criteria: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleDoc {
    /// 1 is the event's first day.
    pub day: i64,
    /// Wall-clock time in the new event's zone, `HH:MM`.
    pub time: String,
    /// `other`, `submission_deadline` or `presentations`.
    pub kind: String,
    pub label: String,
}

impl TemplateDoc {
    pub fn from_template(t: &EventTemplate) -> Self {
        let name_of = |i: &usize| t.criteria.get(*i).map(|c| c.name.clone());
        Self {
            criteria: t
                .criteria
                .iter()
                .map(|c| CriterionDoc {
                    name: c.name.clone(),
                    description: c.description.clone(),
                    weight: c.weight,
                    scale_max: c.scale_max,
                })
                .collect(),
            prizes: t
                .prizes
                .iter()
                .map(|p| PrizeDoc {
                    name: p.name.clone(),
                    description: p.description.clone(),
                    kind: p.kind.as_str().to_string(),
                    criteria: p.criteria.iter().filter_map(name_of).collect(),
                })
                .collect(),
            schedule: t
                .schedule
                .iter()
                .map(|s| ScheduleDoc {
                    day: s.day + 1,
                    time: s.time.format("%H:%M").to_string(),
                    kind: s.kind.as_str().to_string(),
                    label: s.label.clone(),
                })
                .collect(),
            team_size_cap: t.team_size_cap,
            late_pitches: t.late_pitches,
        }
    }

    /// The template, or every problem as `path: message`.
    pub fn check(&self) -> Result<EventTemplate, Vec<String>> {
        let mut problems = Vec::new();
        let draft = self.to_draft(&mut problems);
        match draft.parse() {
            Ok(t) if problems.is_empty() => Ok(t),
            Ok(_) => Err(problems),
            Err(errors) => {
                problems.extend(errors.messages());
                Err(problems)
            }
        }
    }

    /// The rows the admin's form would have posted for this document.
    fn to_draft(&self, problems: &mut Vec<String>) -> DefaultsDraft {
        let place = |name: &str| {
            self.criteria
                .iter()
                .position(|c| c.name.trim().eq_ignore_ascii_case(name.trim()))
        };
        let mut prizes = Vec::new();
        for (i, p) in self.prizes.iter().enumerate() {
            let mut criteria = Vec::new();
            for name in &p.criteria {
                match place(name) {
                    Some(at) => criteria.push(at),
                    None => problems.push(format!(
                        "prizes[{i}].criteria: no criterion is named “{name}”"
                    )),
                }
            }
            prizes.push(PrizeRow {
                name: p.name.clone(),
                description: p.description.clone(),
                kind: p.kind.clone(),
                criteria,
                ..Default::default()
            });
        }
        DefaultsDraft {
            criteria: self
                .criteria
                .iter()
                .map(|c| CriterionRow {
                    name: c.name.clone(),
                    description: c.description.clone(),
                    weight: c.weight.to_string(),
                    scale_max: c.scale_max.to_string(),
                    ..Default::default()
                })
                .collect(),
            prizes,
            schedule: self
                .schedule
                .iter()
                .map(|s| ScheduleRow {
                    day: s.day.to_string(),
                    time: s.time.clone(),
                    kind: s.kind.clone(),
                    label: s.label.clone(),
                    ..Default::default()
                })
                .collect(),
            team_size_cap: self.team_size_cap.to_string(),
            late_pitches: self.late_pitches,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_goes_to_json_and_back_unchanged() {
        let mut t = EventTemplate::series_defaults();
        t.prizes[0].criteria = vec![0, 2];
        let doc = TemplateDoc::from_template(&t);
        assert_eq!(doc.prizes[0].criteria.len(), 2);
        assert_eq!(doc.schedule[2].day, 2);
        let back = doc.check().expect("checks");
        assert_eq!(TemplateDoc::from_template(&back), doc);
    }

    #[test]
    fn a_prize_naming_a_missing_criterion_is_refused_with_its_path() {
        let mut doc = TemplateDoc::from_template(&EventTemplate::series_defaults());
        doc.prizes[1].criteria = vec!["Bedside manner".into()];
        doc.criteria[0].weight = 0;
        let problems = doc.check().unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("prizes[1].criteria: no criterion is named")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with("criteria[0].weight")),
            "{problems:?}"
        );
    }
}
