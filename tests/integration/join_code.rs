//! The join code keeps strangers out of a room's sign-up: it must be strong
//! enough not to be guessed, and it is published on the projector and to
//! anonymous live clients only when organisers choose.

use crate::helpers::User;
use crate::ws::WsClient;

async fn save_code(organiser: &User, code: &str, show: bool) -> crate::helpers::Page {
    let mut form = vec![
        ("name", "Leeds"),
        ("venue", ""),
        ("starts_at", ""),
        ("ends_at", ""),
        ("team_size_cap", "6"),
        ("join_code", code),
    ];
    if show {
        form.push(("show_join_code", "on"));
    }
    organiser
        .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &form)
        .await
}

on_both_databases! {
    async fn a_join_code_shorter_than_six_letters_or_digits_is_refused_next_to_the_field(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        for weak in ["7", "ward7", "w-a-r-d-7"] {
            let page = save_code(&organiser, weak, false).await;
            page.assert_status(422);
            assert!(page.body.contains("A join code needs at least 6 letters or digits"), "{}", page.body);
            assert!(page.body.contains("class=\"field-error\""));
        }
        assert!(!app.visitor().get("/e/leeds").await.body.contains("name=\"join_code\""), "no code was set");
        save_code(&organiser, "ward-77", false).await.assert_redirect_to("/e/leeds/organise");
        assert!(app.visitor().get("/e/leeds").await.body.contains("name=\"join_code\""));
    }

    async fn the_join_code_stays_off_the_projector_and_the_live_channel_unless_organisers_show_it(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let mut watching = WsClient::connect(&app, "leeds", None).await;
        watching.opening().await;
        save_code(&organiser, "ward77", false).await.assert_redirect_to("/e/leeds/organise");
        let delta = watching.delta_where(|d| !d["event"].is_null()).await;
        assert!(delta["event"]["join_code"].is_null(), "the delta to an anonymous socket: {delta}");
        assert!(!app.visitor().get("/e/leeds/display").await.body.contains("WARD77"), "not on the projector page");
        let mut anonymous = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = anonymous.opening().await;
        assert!(snapshot["event"]["join_code"].is_null(), "not in the snapshot: {snapshot}");
        let console = organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains("value=\"WARD77\""), "organisers still see it on their console");

        save_code(&organiser, "ward77", true).await.assert_redirect_to("/e/leeds/organise");
        let delta = watching.delta_where(|d| !d["event"].is_null()).await;
        assert_eq!(delta["event"]["join_code"], "WARD77");
        assert!(app.visitor().get("/e/leeds/display").await.body.contains("WARD77"), "shown when ticked");
        let (_, snapshot) = WsClient::connect(&app, "leeds", None).await.opening().await;
        assert_eq!(snapshot["event"]["join_code"], "WARD77");
        assert!(organiser.get("/e/leeds/organise").await.body.contains("name=\"show_join_code\" checked"));
    }
}
