//! View models shared by several pages, built from domain values. Templates
//! render only these.

pub mod umbrella;

pub use umbrella::UmbrellaView;

use crate::domain::{Event, EventZone, Member, ProjectCard, ProjectId, Skill, SkillSet};
use crate::service::Viewer;
use crate::store::Store;
use crate::store::audit::Logged;
use crate::store::submissions::Submission;
use crate::web::identity;
use crate::web::render::{EventNav, Layout};
use actix_session::Session;
use serde::Serialize;

pub use crate::domain::when::{instant_in, when, when_in};

/// One line of an audit log as people read it: when, who, and what they did.
#[derive(Debug, Serialize)]
pub struct LogRow {
    pub when: String,
    pub who: String,
    pub what: String,
}

/// A log line; `with_detail` adds what the change was about (the
/// organisers' log) or leaves it out (a team's submission history). Its
/// time is the venue's clock then (`zone`), as everything else at the event.
pub fn log_row(entry: &Logged, with_detail: bool, zone: EventZone) -> LogRow {
    let label: &str = match entry.action {
        Some(action) => action.label(),
        None => &entry.action_name,
    };
    let what = if with_detail && !entry.detail.is_empty() {
        format!("{label} {}", entry.detail)
    } else {
        label.to_string()
    };
    LogRow {
        when: instant_in(entry.at, zone),
        who: entry.actor.clone(),
        what,
    }
}

/// The layout for a page, with the event's navigation when there is one,
/// and the umbrella it belongs to.
pub async fn layout(
    store: &Store,
    session: &Session,
    title: &str,
    event: Option<&Event>,
    viewer: Option<&Viewer>,
) -> Layout {
    let umbrella = umbrella::for_layout(store).await;
    Layout {
        // The home page is titled by the umbrella's name alone.
        title: if title == umbrella.brand {
            String::new()
        } else {
            title.to_string()
        },
        brand: umbrella.brand.clone(),
        umbrella: event.map(|_| umbrella.clone()),
        umbrella_fingerprint: umbrella.fingerprint,
        csrf: identity::csrf_token(session),
        event: event.map(|e| EventNav {
            slug: e.slug.clone(),
            name: e.name.clone(),
            phase: e.phase.label().to_string(),
        }),
        signed_in_as: viewer
            .and_then(|v| v.person.as_ref())
            .map(|p| p.name.clone()),
        can_organise: viewer.is_some_and(Viewer::can_organise),
        is_judge: viewer
            .and_then(|v| v.person.as_ref())
            .is_some_and(|p| p.role.can_judge()),
        can_vote: viewer.is_some_and(|v| v.person.is_some())
            && event.is_some_and(|e| {
                matches!(
                    e.phase,
                    crate::domain::Phase::Judging | crate::domain::Phase::Results
                )
            }),
        live: None,
        body_class: String::new(),
        og: None,
        notice: identity::take_notice(session),
        saved: identity::take_saved(session),
    }
}

#[derive(Debug, Serialize)]
pub struct EventSummary {
    pub slug: String,
    pub name: String,
    pub venue: String,
    pub phase: String,
    pub when: Option<String>,
}

impl From<&Event> for EventSummary {
    fn from(e: &Event) -> Self {
        Self {
            slug: e.slug.clone(),
            name: e.name.clone(),
            venue: e.venue.clone(),
            phase: e.phase.label().to_string(),
            when: e.starts_at.map(|at| when_in(at, e.zone)),
        }
    }
}

/// A checkbox for one skill on a form.
#[derive(Debug, Serialize)]
pub struct SkillOption {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

pub fn skill_options(chosen: &[String]) -> Vec<SkillOption> {
    Skill::ALL
        .iter()
        .map(|s| SkillOption {
            value: s.as_str(),
            label: s.label(),
            checked: chosen.iter().any(|c| c == s.as_str()),
        })
        .collect()
}

pub fn skill_labels(set: SkillSet) -> Vec<&'static str> {
    set.iter().map(Skill::label).collect()
}

pub fn skill_values(set: SkillSet) -> Vec<String> {
    set.iter().map(|s| s.as_str().to_string()).collect()
}

#[derive(Debug, Serialize)]
pub struct MemberView {
    pub name: String,
    pub skills: Vec<&'static str>,
}

impl From<&Member> for MemberView {
    fn from(m: &Member) -> Self {
        Self {
            name: m.name.clone(),
            skills: skill_labels(m.skills),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ProjectView {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub problem: String,
    pub pitcher: String,
    pub skills_needed: Vec<&'static str>,
    pub still_needed: Vec<&'static str>,
    pub members: Vec<MemberView>,
    pub size: usize,
    pub cap: i32,
    pub full: bool,
    /// More members than the cap (it was lowered): they stay, nobody joins.
    pub over_cap: bool,
    pub is_my_team: bool,
    pub submitted: bool,
}

pub fn project_view(event: &Event, card: &ProjectCard, my_team: Option<ProjectId>) -> ProjectView {
    let p = &card.project;
    ProjectView {
        id: p.id.0,
        url: format!("/e/{}/p/{}", event.slug, p.id),
        title: p.title.clone(),
        problem: p.problem.clone(),
        pitcher: p.pitcher_name.clone(),
        skills_needed: skill_labels(p.skills_needed),
        still_needed: skill_labels(card.still_needed),
        members: card.members.iter().map(MemberView::from).collect(),
        size: card.members.len(),
        cap: event.team_size_cap,
        full: card.members.len() as i32 >= event.team_size_cap,
        over_cap: card.members.len() as i32 > event.team_size_cap,
        is_my_team: my_team == Some(p.id),
        submitted: card.submitted,
    }
}

/// The address people reach this server at (see `security::public_origin`:
/// never a forwarded header unless the proxy is trusted).
pub fn base_url(state: &crate::web::AppState, req: &actix_web::HttpRequest) -> String {
    crate::web::security::public_origin(&state.settings, req)
}

/// One option of a select: the value posted and the label shown.
#[derive(Debug, Serialize)]
pub struct SelectOption {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Serialize)]
pub struct LinkView {
    pub label: &'static str,
    pub url: String,
}

/// One option of a select or one tick box.
#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A submission as pages show it.
#[derive(Serialize)]
pub struct SubmittedView {
    pub repo_url: String,
    pub forge: Option<String>,
    pub links: Vec<LinkView>,
    pub built: String,
    pub licence: &'static str,
    pub keep_working: bool,
    pub late: bool,
    pub updated: String,
}

/// A submission as pages show it; `zone` is its event's, so "Updated"
/// reads as the venue's clock.
pub fn submitted_view(s: &Submission, zone: EventZone) -> SubmittedView {
    SubmittedView {
        repo_url: s.repo_url.as_str().to_string(),
        forge: s.forge.clone(),
        links: submission_links(s),
        built: s.built.clone(),
        licence: crate::domain::submission::licence_label(&s.licence),
        keep_working: s.keep_working,
        late: s.late,
        updated: instant_in(s.updated_at, zone),
    }
}

/// A submission's links, labelled, in the order pages list them.
pub fn submission_links(s: &Submission) -> Vec<LinkView> {
    let mut links = Vec::new();
    for (label, link) in [
        ("Live demo", &s.demo_url),
        ("Slides", &s.slides_url),
        ("Video", &s.video_url),
    ] {
        if let Some(link) = link {
            links.push(LinkView {
                label,
                url: link.as_str().to_string(),
            });
        }
    }
    links
}
