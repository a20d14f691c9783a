//! A team's demo submission as typed: links (http or https only, normalised,
//! forges recognised), what was built, the licence, and what is still missing.

use super::validation::{FieldErrors, Invalid};
use serde::Serialize;

/// A link people may click: http or https with a host, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Link(String);

/// Known forges, recognised by host; any other http(s) host is fine too.
pub const FORGES: [(&str, &str); 5] = [
    ("github.com", "GitHub"),
    ("gitlab.com", "GitLab"),
    ("bitbucket.org", "Bitbucket"),
    ("codeberg.org", "Codeberg"),
    ("gitea.com", "Gitea"),
];

impl Link {
    /// Parses and normalises a link: lower-case scheme and host, no
    /// trailing slashes. Refuses other schemes (javascript:, data:, file:)
    /// and anything that is not a well-formed address with a host.
    pub fn parse(field: &'static str, label: &str, raw: &str) -> Result<Self, Invalid> {
        super::text::refuse_controls(field, label, raw, super::text::Lines::One)?;
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Invalid::new(field, format!("{label} is required")));
        }
        if raw.chars().count() > 500 {
            return Err(Invalid::new(
                field,
                format!("{label} is too long (500 characters at most)"),
            ));
        }
        let bad = || {
            Invalid::new(
                field,
                format!("{label} must be a web address starting with https:// or http://"),
            )
        };
        let url = url::Url::parse(raw).map_err(|_| bad())?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(bad());
        }
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(bad)?;
        if !host.contains('.') && host != "localhost" {
            return Err(Invalid::new(
                field,
                format!("{label} needs a full host name, like github.com"),
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Invalid::new(
                field,
                format!("{label} must not contain a user name or password"),
            ));
        }
        let mut text = url.to_string();
        if url.query().is_none() && url.fragment().is_none() {
            text = text.trim_end_matches('/').to_string();
        }
        Ok(Link(text))
    }

    pub fn parse_optional(
        field: &'static str,
        label: &str,
        raw: &str,
    ) -> Result<Option<Self>, Invalid> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(field, label, raw).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Wraps a link read back from the database (it was parsed on the way in).
    pub fn from_stored(stored: String) -> Self {
        Link(stored)
    }

    pub fn host(&self) -> Option<String> {
        url::Url::parse(&self.0)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
    }
}

/// A source repository link: a link, also without a trailing `.git`.
pub fn parse_repo(raw: &str) -> Result<Link, Invalid> {
    let link = Link::parse("repo_url", "The repository link", raw)?;
    let mut text = link.0;
    if let Some(stripped) = text.strip_suffix(".git") {
        text = stripped.trim_end_matches('/').to_string();
    }
    Ok(Link(text))
}

/// The forge a repository is on, by host, if it is a known one.
pub fn forge_of(link: &Link) -> Option<&'static str> {
    let host = link.host()?;
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    FORGES
        .iter()
        .find(|(h, _)| *h == host)
        .map(|(_, name)| *name)
}

pub const LICENCES: [(&str, &str); 10] = [
    ("none-yet", "None yet"),
    ("MIT", "MIT"),
    ("Apache-2.0", "Apache 2.0"),
    ("GPL-3.0", "GPL 3.0"),
    ("AGPL-3.0", "AGPL 3.0"),
    ("MPL-2.0", "Mozilla Public Licence 2.0"),
    ("BSD-3-Clause", "BSD 3-Clause"),
    ("CC-BY-4.0", "Creative Commons BY 4.0"),
    ("OGL-UK-3.0", "Open Government Licence 3.0"),
    ("other", "Other"),
];

pub fn licence_label(code: &str) -> &'static str {
    LICENCES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("Other")
}

pub const BUILT_MAX: usize = 2000;

/// The submission form, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
pub struct SubmissionForm {
    #[serde(default)]
    pub repo_url: String,
    #[serde(default)]
    pub demo_url: String,
    #[serde(default)]
    pub slides_url: String,
    #[serde(default)]
    pub video_url: String,
    #[serde(default)]
    pub built: String,
    #[serde(default)]
    pub licence: String,
    #[serde(default)]
    pub keep_working: Option<String>,
}

/// A submission, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmissionDraft {
    pub repo_url: Link,
    pub forge: Option<&'static str>,
    pub demo_url: Option<Link>,
    pub slides_url: Option<Link>,
    pub video_url: Option<Link>,
    pub built: String,
    pub licence: &'static str,
    pub keep_working: bool,
}

impl SubmissionDraft {
    pub fn parse(form: &SubmissionForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let repo = errors.take(parse_repo(&form.repo_url));
        let demo = errors.take(Link::parse_optional(
            "demo_url",
            "The demo link",
            &form.demo_url,
        ));
        let slides = errors.take(Link::parse_optional(
            "slides_url",
            "The slides link",
            &form.slides_url,
        ));
        let video = errors.take(Link::parse_optional(
            "video_url",
            "The video link",
            &form.video_url,
        ));
        if let Err(e) = super::text::refuse_controls(
            "built",
            "What you built",
            &form.built,
            super::text::Lines::Several,
        ) {
            errors.add(e.field, e.message);
        }
        let built = form.built.trim().replace("\r\n", "\n");
        let count = built.chars().count();
        if count > BUILT_MAX {
            errors.add(
                "built",
                format!("What you built can be at most {BUILT_MAX} characters (this has {count})"),
            );
        }
        let licence = match form.licence.trim() {
            "" => Some("none-yet"),
            code => LICENCES.iter().find(|(c, _)| *c == code).map(|(c, _)| *c),
        };
        if licence.is_none() {
            errors.add("licence", "Pick one of the licences");
        }
        match (repo, demo, slides, video, licence) {
            (Some(repo_url), Some(demo_url), Some(slides_url), Some(video_url), Some(licence))
                if errors.is_empty() =>
            {
                Ok(Self {
                    forge: forge_of(&repo_url),
                    repo_url,
                    demo_url,
                    slides_url,
                    video_url,
                    built,
                    licence,
                    keep_working: form.keep_working.is_some(),
                })
            }
            _ => Err(errors),
        }
    }
}

/// What a team still has to do before the deadline, for its checklist.
pub fn missing(repo: bool, built: &str, licence: &str, demo: bool) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if !repo {
        missing.push("Add the link to your source repository");
    }
    if built.trim().is_empty() {
        missing.push("Say what you built");
    }
    if licence == "none-yet" {
        missing.push("Choose a licence");
    }
    if !demo {
        missing.push("Add a live demo, slides or a video (optional, but judges love them)");
    }
    missing
}

/// A team's demo submission as stored.
#[derive(Debug, Clone)]
pub struct Submission {
    pub project_id: super::ProjectId,
    pub repo_url: Link,
    pub forge: Option<String>,
    pub demo_url: Option<Link>,
    pub slides_url: Option<Link>,
    pub video_url: Option<Link>,
    pub built: String,
    pub licence: String,
    pub keep_working: bool,
    pub late: bool,
    pub submitted_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_links_are_normalised() {
        let cases = [
            (
                "https://GitHub.com/nhs/bed-board.git",
                "https://github.com/nhs/bed-board",
            ),
            (
                "https://github.com/nhs/bed-board/",
                "https://github.com/nhs/bed-board",
            ),
            (
                "https://github.com/nhs/bed-board.git/",
                "https://github.com/nhs/bed-board",
            ),
            ("  HTTP://Codeberg.org/a/b  ", "http://codeberg.org/a/b"),
            (
                "https://git.example.nhs.uk/team/repo",
                "https://git.example.nhs.uk/team/repo",
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(parse_repo(raw).unwrap().as_str(), expected, "{raw}");
        }
    }

    #[test]
    fn forges_are_recognised_by_host() {
        assert_eq!(
            forge_of(&parse_repo("https://github.com/a/b").unwrap()),
            Some("GitHub")
        );
        assert_eq!(
            forge_of(&parse_repo("https://www.gitlab.com/a/b").unwrap()),
            Some("GitLab")
        );
        assert_eq!(
            forge_of(&parse_repo("https://codeberg.org/a/b").unwrap()),
            Some("Codeberg")
        );
        assert_eq!(
            forge_of(&parse_repo("https://git.trust.nhs.uk/a/b").unwrap()),
            None
        );
    }

    #[test]
    fn other_schemes_and_malformed_links_are_refused() {
        for raw in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "ftp://example.com/x",
            "github.com/a/b",
            "https://",
            "http://exa mple.com",
            "https://user:pass@github.com/a/b",
            "not a link",
            "https://localhostfoo",
        ] {
            assert!(parse_repo(raw).is_err(), "{raw} should be refused");
        }
        assert_eq!(
            parse_repo("").unwrap_err().message,
            "The repository link is required"
        );
    }

    #[test]
    fn a_submission_needs_a_repository_and_keeps_optional_links_optional() {
        let form = SubmissionForm {
            repo_url: "https://github.com/a/b".into(),
            ..Default::default()
        };
        let draft = SubmissionDraft::parse(&form).unwrap();
        assert_eq!(draft.licence, "none-yet");
        assert!(draft.demo_url.is_none());
        let errors = SubmissionDraft::parse(&SubmissionForm {
            demo_url: "javascript:x".into(),
            licence: "WTFPL".into(),
            built: "b".repeat(2001),
            ..Default::default()
        })
        .unwrap_err();
        for field in ["repo_url", "demo_url", "licence", "built"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let edge = SubmissionForm {
            repo_url: "https://github.com/a/b".into(),
            built: "b".repeat(2000),
            ..Default::default()
        };
        assert!(SubmissionDraft::parse(&edge).is_ok());
    }

    #[test]
    fn the_checklist_lists_what_is_missing() {
        assert_eq!(missing(true, "a thing", "MIT", true), Vec::<&str>::new());
        assert_eq!(missing(false, "", "none-yet", false).len(), 4);
    }
}
