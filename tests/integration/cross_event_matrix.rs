//! The cross-event matrix's entries: every organiser, judge and attendee
//! action of an event with a form that really changes the event when its
//! own organiser sends it. Destructive changes last, so B's organiser can
//! run it in order.

use crate::cross_event_state::ids;

/// One route of the matrix: the form that would change the event if the
/// sender were allowed, and whether B's organiser should see it work.
pub struct Try {
    pub route: &'static str,
    pub form: Vec<(String, String)>,
    pub organiser_may: bool,
}

fn t(route: &'static str, form: &[(&'static str, &str)], organiser_may: bool) -> Try {
    Try {
        route,
        form: form
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        organiser_may,
    }
}

/// The matrix, with the ids filled in.
pub fn matrix(url: &str) -> Vec<Try> {
    let ids = ids(url);
    let mut list: Vec<Try> = [reads(), organiser_forms(), others_forms(), destructive()]
        .into_iter()
        .flatten()
        .collect();
    for entry in &mut list {
        for (name, value) in &mut entry.form {
            for (key, id) in &ids {
                *name = name.replace(key, id);
                *value = value.replace(key, id);
            }
        }
    }
    list
}

/// Pages only an organiser (or a judge) of the event may read.
fn reads() -> Vec<Try> {
    vec![
        t("GET /organise", &[], true),
        t("GET /organise/order", &[], true),
        t("GET /organise/judging", &[], true),
        t("GET /organise/results", &[], true),
        t("GET /organise/votes", &[], true),
        t("GET /export/projects.csv", &[], true),
        t("GET /export/projects.json", &[], true),
        t("GET /export/scores.csv", &[], true),
        t("GET /people", &[], true),
        t("GET /organise/print", &[], true),
        t("GET /organise/print/sheets", &[], true),
        t("GET /organise/print/teams", &[], true),
        t("GET /organise/announcements", &[], true),
        t("GET /organise/merge", &[], true),
        t("GET /organise/paper-scores", &[], true),
        t("GET /judge", &[], false),
    ]
}

/// An organiser's changes that leave everything in place.
fn organiser_forms() -> Vec<Try> {
    vec![
        t(
            "POST /organise/settings",
            &[
                ("name", "Hijacked"),
                ("venue", "Elsewhere"),
                ("team_size_cap", "9"),
                ("join_code", ""),
                ("starts_at", ""),
                ("ends_at", ""),
            ],
            true,
        ),
        t(
            "POST /organise/schedule",
            &[
                ("kind", "other"),
                ("label", "Hijack"),
                ("at", "2026-11-22T10:00"),
            ],
            true,
        ),
        t(
            "POST /organise/people",
            &[("name", "Mallory"), ("role", "organiser")],
            true,
        ),
        t(
            "POST /organise/people/{id}/link",
            &[("id", "{judge}"), ("confirm", "1")],
            true,
        ),
        t(
            "POST /people/move",
            &[("person", "{attendee}"), ("to", "{other_project}")],
            true,
        ),
        t(
            "POST /organise/move",
            &[("person", "{attendee}"), ("to", "{project}")],
            true,
        ),
        // Sam, moved in just before, takes the pitch over from Priya.
        t(
            "POST /p/{id}/hand-over",
            &[("id", "{project}"), ("to", "{attendee}")],
            true,
        ),
        t(
            "POST /organise/announcements",
            &[("message", "Hijacked announcement")],
            true,
        ),
        t(
            "POST /organise/announcements/{id}/clear",
            &[("id", "{announcement}")],
            true,
        ),
        t("POST /organise/announcements/clear", &[], true),
        t(
            "POST /organise/display/scene",
            &[("scene", "welcome")],
            true,
        ),
        t(
            "POST /organise/display/timer",
            &[("op", "start"), ("minutes", "5")],
            true,
        ),
        t("POST /organise/order", &[("op", "shuffle")], true),
        t(
            "POST /organise/present",
            &[("op", "project"), ("project", "{project}")],
            true,
        ),
        t(
            "POST /organise/criteria",
            &[
                ("name", "Hijack"),
                ("description", ""),
                ("weight", "2"),
                ("scale_max", "5"),
            ],
            true,
        ),
        t("POST /organise/criteria/defaults", &[], false),
        t(
            "POST /organise/prizes",
            &[("name", "Hijack prize"), ("kind", "special")],
            true,
        ),
        t("POST /organise/judging/open", &[("voting", "open")], true),
        t(
            "POST /organise/paper-scores",
            &[
                ("judge", "{judge}"),
                ("project", "{project}"),
                ("c{criterion}", "3"),
            ],
            true,
        ),
        t(
            "POST /organise/merge",
            &[("keep", "{project}"), ("merge", "{other_project}")],
            true,
        ),
        t("POST /organise/votes/rule", &[("rule", "everyone")], true),
        t(
            "POST /organise/votes/void",
            &[
                ("from", "2000-01-01T00:00:00"),
                ("to", "2100-01-01T00:00:00"),
            ],
            true,
        ),
        t(
            "POST /organise/results/{id}/winner",
            &[("id", "{prize}"), ("project", "{project}")],
            true,
        ),
        t(
            "POST /organise/results/{id}/reveal",
            &[("id", "{prize}"), ("show", "1")],
            true,
        ),
        t(
            "POST /p/{id}/edit",
            &[
                ("id", "{project}"),
                ("title", "Hijacked title"),
                ("problem", "x"),
            ],
            true,
        ),
        t(
            "POST /p/{id}/submission",
            &[
                ("id", "{project}"),
                ("repo_url", "https://github.com/evil/repo"),
            ],
            true,
        ),
    ]
}

/// Judges' and attendees' actions: A is nobody at B, and B's organiser is
/// not a judge or an attendee either.
fn others_forms() -> Vec<Try> {
    vec![
        t(
            "POST /judge/p/{id}",
            &[("id", "{project}"), ("notes", "hijack")],
            false,
        ),
        t(
            "POST /judge/p/{id}/scores.json",
            &[("id", "{project}"), ("{criterion}", "3")],
            false,
        ),
        t(
            "POST /judge/p/{id}/conflict",
            &[("id", "{project}"), ("on", "1")],
            false,
        ),
        t(
            "POST /pitch",
            &[("title", "Hijack pitch"), ("problem", "x")],
            false,
        ),
        t("POST /p/{id}/join", &[("id", "{project}")], false),
        t("POST /leave", &[], false),
        t("POST /vote", &[("project", "{project}")], false),
        t("POST /me/link", &[("confirm", "yes")], false),
    ]
}

/// Changes that take things away, in an order B's organiser can follow.
fn destructive() -> Vec<Try> {
    vec![
        t(
            "POST /p/{id}/hide",
            &[("id", "{project}"), ("hidden", "1")],
            true,
        ),
        t(
            "POST /organise/schedule/{id}/delete",
            &[("id", "{item}")],
            true,
        ),
        t(
            "POST /organise/judges/{id}/revoke",
            &[("id", "{judge}"), ("confirm", "1")],
            true,
        ),
        // Ada, just revoked, entered paper scores above: leave them out, then keep them.
        t(
            "POST /organise/results/judges/{id}/scores",
            &[("id", "{judge}"), ("exclude", "1")],
            true,
        ),
        t(
            "POST /organise/results/judges/{id}/scores",
            &[("id", "{judge}"), ("exclude", "0")],
            true,
        ),
        t(
            "POST /organise/criteria/{id}/delete",
            &[("id", "{criterion}"), ("confirm", "1")],
            true,
        ),
        t(
            "POST /organise/prizes/{id}/delete",
            &[("id", "{prize}")],
            true,
        ),
        t(
            "POST /organise/people/{id}/revoke",
            &[("id", "{other_judge}"), ("confirm", "1")],
            true,
        ),
        t("POST /p/{id}/withdraw", &[("id", "{project}")], true),
        t(
            "POST /organise/phase",
            &[("phase", "pitching"), ("confirm", "1")],
            true,
        ),
        t("POST /organise/phase", &[("phase", "closed")], true),
    ]
}
