//! The umbrella's defaults for new events, set by the admin on a form that
//! works without JavaScript: a new event "from the umbrella's defaults"
//! gets them; mistakes are shown by their fields and change nothing; only
//! admins see or change them.

use crate::event_templates::count;
use crate::helpers::*;
use crate::local_events::{invite_local, propose, review};

const PAGE: &str = "/admin/umbrella/defaults";

/// The admin's own set-up, as the form posts it: two criteria, two prizes
/// (the first judged on criterion 0), two schedule entries, teams of four.
pub fn own_defaults() -> Vec<(&'static str, &'static str)> {
    vec![
        ("c_name", "Clinical safety"),
        ("c_description", "Is it safe for patients?"),
        ("c_weight", "7"),
        ("c_scale", "10"),
        ("c_new", "0"),
        ("c_name", "Openness"),
        ("c_description", ""),
        ("c_weight", "2"),
        ("c_scale", "5"),
        ("c_new", "0"),
        ("c_name", ""),
        ("c_description", ""),
        ("c_weight", "1"),
        ("c_scale", "5"),
        ("c_new", "1"),
        ("p_name", "Safest idea"),
        ("p_description", "For the careful"),
        ("p_kind", "judged"),
        ("p_new", "0"),
        ("p_criteria", "0:0"),
        ("p_name", "People's choice"),
        ("p_description", ""),
        ("p_kind", "peoples_choice"),
        ("p_new", "0"),
        ("s_day", "2"),
        ("s_time", "13:30"),
        ("s_kind", "submission_deadline"),
        ("s_label", "Demos due"),
        ("s_new", "0"),
        ("s_day", "1"),
        ("s_time", "10:15"),
        ("s_kind", "other"),
        ("s_label", "Pitches"),
        ("s_new", "0"),
        ("team_size_cap", "4"),
        ("late_pitches", "on"),
    ]
}

/// The admin saves `form` as the defaults; it lands back with a saved notice.
pub async fn save(admin: &User, form: &[(&str, &str)]) {
    admin
        .post_with_csrf(PAGE, PAGE, form)
        .await
        .assert_redirect_to(PAGE);
    let page = admin.get(PAGE).await;
    assert!(
        page.body.contains("The defaults are saved"),
        "{}",
        page.body
    );
}

on_both_databases! {
    async fn the_admin_sets_the_defaults_and_a_proposal_from_them_gets_them(app: TestApp) {
        let admin = app.admin().await;
        let umbrella = admin.get("/admin/umbrella").await.body;
        assert!(umbrella.contains("href=\"/admin/umbrella/defaults\""), "linked from the umbrella page");
        let before = admin.get(PAGE).await;
        before.assert_status(200);
        assert!(before.body.contains("Nothing saved yet") && before.body.contains("value=\"Impact for patients and staff\""), "the built-in defaults until saved");
        assert_eq!(before.body.matches("name=\"c_new\" value=\"1\"").count(), 2, "two blank rows to add criteria");
        save(&admin, &own_defaults()).await;
        let after = admin.get(PAGE).await.body;
        assert!(!after.contains("Nothing saved yet") && !after.contains("Impact for patients"), "{after}");
        assert!(after.contains("value=\"Clinical safety\"") && after.contains("value=\"0:0\" checked"), "the saved set-up and its prize's criterion");
        assert!(after.find("value=\"Pitches\"") < after.find("value=\"Demos due\""), "the schedule in the order of the day");

        let gill = invite_local(&app, &admin, "Gill Local", "").await;
        propose(&gill, "glos", "America/New_York", "defaults", "2026-12-05T09:00").await.assert_status(200);
        review(&admin, "glos", "approve", "").await.assert_redirect_to("/admin");
        for (table, expected) in [("criteria", 2), ("prizes", 2), ("schedule_items", 2)] {
            assert_eq!(count(&app.database_url, table, "glos"), expected, "{table}");
        }
        gill.post_with_csrf("/local", "/local/events/glos/enter", &[]).await.assert_redirect_to("/e/glos/organise");
        let console = gill.get("/e/glos/organise").await.body;
        assert!(console.contains("Sat 5 Dec, 10:15") && console.contains("Sun 6 Dec, 13:30"), "{console}");
        assert!(console.contains("value=\"4\"") && console.contains("name=\"late_pitches\" checked"), "the cap and late pitches");
        let judging = gill.get("/e/glos/organise/judging").await.body;
        assert!(judging.contains("Clinical safety") && judging.contains("Is it safe for patients?"), "{judging}");
        assert!(!judging.contains("Impact for patients"), "not the built-in criteria");
        let prize = extract_between(&judging, "<strong>Safest idea</strong>", "</li>").expect("the prize");
        assert!(prize.contains("Clinical safety"), "judged on its criterion: {prize}");
    }

    async fn mistakes_are_shown_by_their_fields_keep_what_was_typed_and_change_nothing(app: TestApp) {
        let admin = app.admin().await;
        let criterion = |name, weight, new| [("c_name", name), ("c_description", ""), ("c_weight", weight), ("c_scale", "5"), ("c_new", new)];
        let prize = |name, new| [("p_name", name), ("p_description", ""), ("p_kind", "judged"), ("p_new", new)];
        let mut form: Vec<(&str, &str)> = Vec::new();
        form.extend(criterion("Clinical safety", "7", "0"));
        form.extend(criterion("Openness", "2", "0"));
        form.extend(criterion("", "1", "0"));
        form.extend(criterion("clinical SAFETY", "3", "1"));
        form.extend(criterion("Usability", "11", "1"));
        form.push(("c_remove", "1"));
        form.extend(prize("Safest idea", "0"));
        form.extend(prize("", "0"));
        form.extend([("p_criteria", "0:0"), ("p_criteria", "0:1"), ("p_criteria", "1:7")]);
        form.extend([("s_day", "1"), ("s_time", "25:99"), ("s_kind", "other"), ("s_label", "Pitches"), ("s_new", "0")]);
        form.extend([("s_day", "9"), ("s_time", "10:00"), ("s_kind", "party"), ("s_label", "Lunch"), ("s_new", "1")]);
        form.push(("team_size_cap", "0"));
        let page = admin.post_with_csrf(PAGE, PAGE, &form).await;
        page.assert_status(422);
        for message in [
            "The weight must be a whole number from 1 to 10",
            "The name is required",
            "“clinical SAFETY” is already a criterion above",
            "Give the time as hours and minutes, like 09:30",
            "Pick a day from 1 (the first day) to 7",
            "Pick a kind of entry from the list",
            "This prize is judged on “Openness”, which is being removed",
            "This prize names a criterion that is not in the list",
            "The prize name is required",
            "A team can have 1 to 30 people",
            "Nothing was saved: 10 problems",
        ] {
            assert!(page.body.contains(message), "“{message}” is shown");
        }
        let weight = extract_between(&page.body, "id=\"c4-weight\"", "id=\"c4-description\"").expect("the weight field");
        assert!(weight.contains("value=\"11\"") && weight.contains("class=\"field-error\""), "what was typed is kept, its message next to it: {weight}");
        assert!(page.body.contains("value=\"25:99\"") && page.body.contains("value=\"clinical SAFETY\""), "what was typed is kept");
        assert!(page.body.contains("name=\"c_remove\" value=\"1\" checked"), "the remove tick is kept");
        let unchanged = admin.get(PAGE).await.body;
        assert!(unchanged.contains("Nothing saved yet") && unchanged.contains("value=\"Impact for patients and staff\""), "nothing changed");
        let long = "x".repeat(61);
        let mut again: Vec<(&str, &str)> = own_defaults();
        let at = again.iter().position(|(k, _)| *k == "p_name").unwrap();
        again[at].1 = long.as_str();
        let page = admin.post_with_csrf(PAGE, PAGE, &again).await;
        page.assert_status(422);
        assert!(page.body.contains("The prize name can be at most 60 characters"));
    }

    async fn only_admins_see_or_change_the_defaults(app: TestApp) {
        let admin = app.admin().await;
        let gill = invite_local(&app, &admin, "Gill Local", "").await;
        let organiser = crate::local_events::create_event(&app, &admin, "leeds", &[]).await;
        organiser.set_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya Patel", &["clinician"]).await;
        for (who, user, from) in [("a local organiser", &gill, "/local"), ("an attendee", &priya, "/e/leeds"), ("an event's organiser", &organiser, "/e/leeds/organise")] {
            user.get(PAGE).await.assert_status(403);
            let refused = user.post_with_csrf(from, PAGE, &own_defaults()).await;
            assert_eq!(refused.status.as_u16(), 403, "{who} is refused");
            assert!(!refused.body.contains("Clinical safety"), "{who} sees nothing of the form");
        }
        app.visitor().get(PAGE).await.assert_status(403);
        let forged = admin.post(PAGE, &own_defaults()).await;
        assert_eq!(forged.status.as_u16(), 403, "no CSRF token, no change");
        assert!(admin.get(PAGE).await.body.contains("Nothing saved yet"), "nothing changed");
    }
}
