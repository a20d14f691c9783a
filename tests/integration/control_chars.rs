//! Control characters (NUL above all, which PostgreSQL refuses) and
//! text-direction overrides are refused at the edge, field by field, with a
//! message next to the field and nothing saved; odd bytes in an event's
//! address are simply "not found".

use crate::helpers::{Page, User};
use crate::judging::set_up;

const NUL: &str = "Zed\u{0}zed";
const OVERRIDE: &str = "Sam\u{202E}gnp.exe";

/// Who posts, the page with the form, where it posts, the good form, and
/// the field under test.
type Case<'a> = (&'a User, &'a str, String, &'a [(&'a str, &'a str)], &'a str);

/// Asserts the form came back with the control-character message next to
/// a field, not a 500.
fn assert_refused(page: &Page, case: &str) {
    assert_eq!(page.status.as_u16(), 422, "{case}: {}", page.body);
    assert!(
        page.body.contains("invisible control character"),
        "{case}: the message says what is wrong: {}",
        page.body
    );
    assert!(
        page.body.contains("class=\"field-error\""),
        "{case}: the message sits next to its field"
    );
}

/// Posts `form` with `field` replaced by `value`, from the page at `from`.
async fn post_with(
    user: &User,
    from: &str,
    to: &str,
    form: &[(&str, &str)],
    field: &str,
    value: &str,
) -> Page {
    let fields: Vec<(&str, &str)> = form
        .iter()
        .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
        .collect();
    user.post_with_csrf(from, to, &fields).await
}

on_both_databases! {
    async fn every_text_field_refuses_nul_and_control_characters_with_a_message_next_to_it(app: TestApp) {
        let j = set_up(&app).await;
        let team = j.projects[0];
        let project = format!("/e/leeds/p/{team}");
        let settings = [
            ("name", "Leeds"), ("venue", "Town hall"), ("starts_at", ""), ("ends_at", ""),
            ("team_size_cap", "6"), ("join_code", ""),
        ];
        let submission = [
            ("repo_url", "https://github.com/nhs/beds"), ("demo_url", "https://beds.example.org"),
            ("slides_url", "https://slides.example.org"), ("video_url", "https://video.example.org"),
            ("built", "A board"), ("licence", "MIT"),
        ];
        let pitch = [("title", "Beds"), ("problem", "Too few"), ("skills", "developer")];
        let criterion = [("name", "Impact"), ("description", "For patients"), ("weight", "2"), ("scale_max", "5")];
        let prize = [("name", "Best"), ("description", "The best"), ("kind", "special")];
        // (who, page with the form, where it posts, the good form, the field under test)
        let organiser = &j.organiser;
        let cases: Vec<Case> = vec![
            (organiser, "/e/leeds/pitch", "/e/leeds/pitch".into(), &pitch, "title"),
            (organiser, "/e/leeds/pitch", "/e/leeds/pitch".into(), &pitch, "problem"),
            (organiser, "/e/leeds/organise", "/e/leeds/organise/settings".into(), &settings, "name"),
            (organiser, "/e/leeds/organise", "/e/leeds/organise/settings".into(), &settings, "venue"),
            (organiser, "/e/leeds/organise", "/e/leeds/organise/schedule".into(),
                &[("label", "Lunch"), ("at", "2026-11-21T12:00"), ("kind", "other")], "label"),
            (organiser, "/e/leeds/organise", "/e/leeds/organise/people".into(),
                &[("name", "Judge Jo"), ("role", "judge")], "name"),
            (organiser, "/e/leeds/organise/judging", "/e/leeds/organise/criteria".into(), &criterion, "name"),
            (organiser, "/e/leeds/organise/judging", "/e/leeds/organise/criteria".into(), &criterion, "description"),
            (organiser, "/e/leeds/organise/judging", "/e/leeds/organise/prizes".into(), &prize, "name"),
            (organiser, "/e/leeds/organise/judging", "/e/leeds/organise/prizes".into(), &prize, "description"),
            (&j.attendee, &project, format!("{project}/submission"), &submission, "repo_url"),
            (&j.attendee, &project, format!("{project}/submission"), &submission, "demo_url"),
            (&j.attendee, &project, format!("{project}/submission"), &submission, "slides_url"),
            (&j.attendee, &project, format!("{project}/submission"), &submission, "video_url"),
            (&j.attendee, &project, format!("{project}/submission"), &submission, "built"),
        ];
        for (user, from, to, form, field) in &cases {
            for (what, value) in [("NUL", NUL), ("an escape", "a\u{1b}[31m"), ("DEL", "a\u{7f}")] {
                let page = post_with(user, from, to, form, field, value).await;
                assert_refused(&page, &format!("{what} in {field} at {to}"));
            }
        }
        let before = app.visitor().get("/e/leeds").await;
        for (field, value) in [("name", NUL), ("name", OVERRIDE)] {
            let visitor = app.visitor();
            let page = post_with(&visitor, "/e/leeds", "/e/leeds/join",
                &[("name", "Kemi"), ("skills", "patient"), ("conduct", "yes")], field, value).await;
            assert_refused(&page, &format!("{value:?} as a sign-up name"));
            let skill = post_with(&visitor, "/e/leeds", "/e/leeds/join",
                &[("name", "Kemi"), ("skills", "patient"), ("conduct", "yes")], "skills", "patient\u{0}").await;
            assert_refused(&skill, "NUL in a skill");
        }
        let title = post_with(organiser, "/e/leeds/pitch", "/e/leeds/pitch", &pitch, "title", "Beds\u{2066}x").await;
        assert_refused(&title, "a direction isolate in a title");
        let after = app.visitor().get("/e/leeds").await;
        assert_eq!(
            extract_count(&before.body), extract_count(&after.body),
            "no sign-up was saved"
        );
        assert!(!after.body.contains("Zed"), "no pitch was saved");
        let notes = crate::judging::score_all(&j.judge_a, j.projects[2], "3", NUL).await;
        assert_eq!(notes.status.as_u16(), 422, "{}", notes.body);
        assert!(notes.body.contains("invisible control character (such as a NUL or a text-direction override) in the notes"), "{}", notes.body);
        let export = organiser.get("/e/leeds/export/scores.csv").await;
        assert!(!export.body.contains("Zed"), "the notes were not saved");
    }

    async fn an_event_address_with_odd_bytes_is_not_found_rather_than_an_error(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let visitor = app.visitor();
        for path in ["/e/%00", "/e/leeds%00", "/e/%00/display", "/e/%00/live", "/e/%00/me", "/e/LEEDS", "/e/lee%20ds/projects"] {
            let page = visitor.get(path).await;
            assert_eq!(page.status.as_u16(), 404, "{path}");
        }
        visitor.get("/e/leeds").await.assert_status(200);
        app.visitor().get("/signin/%00").await.assert_status(403);
    }

    async fn admin_forms_refuse_control_characters_next_to_the_field(app: TestApp) {
        let admin = app.admin().await;
        let good = [("name", "Leeds"), ("slug", "leeds"), ("organiser", "Olu")];
        for field in ["name", "organiser"] {
            let page = post_with(&admin, "/admin", "/admin/events", &good, field, NUL).await;
            assert_refused(&page, field);
        }
        assert!(!admin.get("/admin").await.body.contains("/e/leeds"), "no event was made");
    }
}

/// The "N signed up" figure on the event page.
fn extract_count(body: &str) -> String {
    let end = body
        .find(" signed up")
        .expect("the event page counts sign-ups");
    body[..end]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect()
}
