//! Live team forming: the websocket protocol, the rules under concurrency,
//! plain form posts, and several instances sharing PostgreSQL.

use crate::ws::{WsClient, member_names, team};
use serde_json::json;

/// The id at the end of a project's path.
pub fn project_id(path: &str) -> i64 {
    path.rsplit('/')
        .next()
        .unwrap()
        .parse()
        .expect("a project id")
}

on_both_databases! {
    async fn every_live_client_sees_a_join_made_on_another_phone(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "team_forming").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        // Pitches were closed, so an organiser-approved late pitch is not needed:
        // the organiser pitches on Priya's behalf by moving to pitching and back.
        let organiser = _organiser;
        organiser.set_phase("leeds", "pitching").await;
        let project = project_id(&priya.pitch("leeds", "Bed board", "", &["designer"]).await);
        organiser.set_phase("leeds", "team_forming").await;
        let sam = app.attendee("leeds", "Sam", &["designer"]).await;

        let mut sams_phone = WsClient::connect(&app, "leeds", Some(&sam)).await;
        let mut priyas_phone = WsClient::connect(&app, "leeds", Some(&priya)).await;
        let mut projector = WsClient::connect(&app, "leeds", None).await;
        let (hello, snapshot) = sams_phone.opening().await;
        assert!(hello["you"].is_i64());
        assert_eq!(hello["name"], "Sam");
        assert_eq!(member_names(team(&snapshot, project).unwrap()), vec!["Priya"]);
        assert_eq!(snapshot["event"]["teams_open"], true);
        priyas_phone.opening().await;
        let (anonymous, _) = projector.opening().await;
        assert!(anonymous["you"].is_null());

        sams_phone.send(json!({"type": "join", "id": "r1", "team": project})).await;
        let ack = sams_phone.expect("ack").await;
        assert_eq!(ack["id"], "r1");
        let version = ack["version"].as_i64().unwrap();
        assert!(version > snapshot["version"].as_i64().unwrap());
        for client in [&mut priyas_phone, &mut projector, &mut sams_phone] {
            let delta = client.delta_reaching(version).await;
            let team = team(&delta, project).expect("the joined team is in the delta");
            assert_eq!(member_names(team), vec!["Priya", "Sam"]);
            assert!(team["still_needed"].as_array().unwrap().is_empty(), "Sam brings the designer it needed");
        }

        sams_phone.send(json!({"type": "leave", "id": "r2"})).await;
        let ack = sams_phone.expect("ack").await;
        let delta = projector.delta_reaching(ack["version"].as_i64().unwrap()).await;
        assert_eq!(member_names(team(&delta, project).unwrap()), vec!["Priya"]);
    }

    async fn commands_that_break_the_rules_get_a_readable_error(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "Leeds"), ("venue", ""), ("starts_at", ""), ("ends_at", ""), ("team_size_cap", "2"), ("join_code", ""),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let project = project_id(&priya.pitch("leeds", "Bed board", "", &[]).await);
        organiser.set_phase("leeds", "team_forming").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        let kemi = app.attendee("leeds", "Kemi", &["patient"]).await;

        let mut anonymous = WsClient::connect(&app, "leeds", None).await;
        anonymous.opening().await;
        anonymous.send(json!({"type": "join", "id": "a", "team": project})).await;
        let error = anonymous.expect("error").await;
        assert_eq!(error["id"], "a");
        assert_eq!(error["message"], "Sign in to this event first");

        let mut sams = WsClient::connect(&app, "leeds", Some(&sam)).await;
        sams.opening().await;
        sams.send(json!({"type": "join", "id": "b", "team": 9999})).await;
        assert_eq!(sams.expect("error").await["message"], "There is no such team");
        sams.send(json!({"type": "leave", "id": "c"})).await;
        assert_eq!(sams.expect("error").await["message"], "You are not in a team");
        sams.send(json!({"type": "join", "id": "d", "team": project})).await;
        sams.expect("ack").await;
        sams.send(json!({"type": "join", "id": "e", "team": project})).await;
        assert_eq!(sams.expect("error").await["message"], "You are already in this team");

        let mut kemis = WsClient::connect(&app, "leeds", Some(&kemi)).await;
        kemis.opening().await;
        kemis.send(json!({"type": "join", "id": "f", "team": project})).await;
        assert_eq!(kemis.expect("error").await["message"], "This team is full (2 of 2)");

        organiser.set_phase("leeds", "hacking").await;
        sams.send(json!({"type": "leave", "id": "g"})).await;
        assert_eq!(sams.expect("error").await["message"], "Teams are locked now");
    }

    async fn joining_and_leaving_work_as_plain_form_posts_without_javascript(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let first = project_id(&priya.pitch("leeds", "Bed board", "", &[]).await);
        let ben = app.attendee("leeds", "Ben", &["developer"]).await;
        let second = project_id(&ben.pitch("leeds", "Clinic texts", "", &[]).await);
        organiser.set_phase("leeds", "team_forming").await;
        let sam = app.attendee("leeds", "Zed Sam", &["developer"]).await;

        let page = sam.get("/e/leeds").await;
        assert!(page.body.contains(&format!("action=\"/e/leeds/p/{first}/join\"")));
        sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{first}/join"), &[]).await.assert_redirect_to("/e/leeds");
        assert!(app.visitor().get(&format!("/e/leeds/p/{first}")).await.body.contains("Zed Sam"));
        // Joining another team moves the person.
        sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{second}/join"), &[]).await.assert_redirect_to("/e/leeds");
        assert!(!app.visitor().get(&format!("/e/leeds/p/{first}")).await.body.contains("Zed Sam"));
        assert!(app.visitor().get(&format!("/e/leeds/p/{second}")).await.body.contains("Zed Sam"));
        sam.post_with_csrf("/e/leeds", "/e/leeds/leave", &[]).await.assert_redirect_to("/e/leeds");
        assert!(!app.visitor().get(&format!("/e/leeds/p/{second}")).await.body.contains("Zed Sam"));
        // A refusal lands back on the page the person was on, with the reason there.
        let refused = sam.post_with_csrf("/e/leeds", "/e/leeds/leave", &[("back", "/e/leeds")]).await;
        refused.assert_redirect_to("/e/leeds");
        let back = sam.get("/e/leeds").await;
        assert!(back.body.contains("You are not in a team"), "the reason is on the page");
        assert!(!sam.get("/e/leeds").await.body.contains("You are not in a team"), "shown once");
    }

    async fn fifty_people_pressing_join_at_once_fill_exactly_the_free_places(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let project = project_id(&priya.pitch("leeds", "Bed board", "", &[]).await);
        organiser.set_phase("leeds", "team_forming").await;
        // Cap 6 with the pitcher in: 5 free places.
        let mut people = Vec::new();
        for i in 0..50 {
            people.push(app.attendee("leeds", &format!("Person {i}"), &["developer"]).await);
        }
        let mut csrfs = Vec::new();
        for person in &people {
            csrfs.push(person.get("/e/leeds").await.csrf());
        }
        let path = format!("/e/leeds/p/{project}/join");
        let path = path.as_str();
        let replies = futures_util::future::join_all(
            people.iter().zip(&csrfs).map(|(person, csrf)| async move { person.post(path, &[("csrf", csrf)]).await }),
        )
        .await;
        assert!(replies.iter().all(|r| r.status.as_u16() == 303), "everyone lands back on the event page");
        // Each refused person finds the reason on the page they land on.
        let mut full = 0;
        for person in &people {
            if person.get("/e/leeds").await.body.contains("This team is full (6 of 6)") {
                full += 1;
            }
        }
        let joined = people.len() - full;
        assert_eq!((joined, full), (5, 45), "exactly the free places were taken; everyone else was told the team is full");
        let mut socket = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = socket.opening().await;
        assert_eq!(team(&snapshot, project).unwrap()["members"].as_array().unwrap().len(), 6);
    }

    async fn one_person_switching_teams_at_once_ends_up_in_exactly_one(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let mut projects = Vec::new();
        for name in ["A", "B", "C"] {
            let pitcher = app.attendee("leeds", &format!("Pitcher {name}"), &["clinician"]).await;
            projects.push(project_id(&pitcher.pitch("leeds", &format!("Project {name}"), "", &[]).await));
        }
        organiser.set_phase("leeds", "team_forming").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        let csrf = sam.get("/e/leeds").await.csrf();
        let paths: Vec<String> = (0..30).map(|i| format!("/e/leeds/p/{}/join", projects[i % 3])).collect();
        let replies = futures_util::future::join_all(paths.iter().map(|p| async { sam.post(p, &[("csrf", &csrf)]).await })).await;
        assert!(replies.iter().all(|r| r.status.as_u16() == 303 || r.body.contains("already in this team")));
        let mut socket = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = socket.opening().await;
        let teams_with_sam = snapshot["teams"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| member_names(t).contains(&"Sam".to_string()))
            .count();
        assert_eq!(teams_with_sam, 1);
    }

    async fn organisers_move_and_remove_people_within_the_cap(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let project = project_id(&priya.pitch("leeds", "Bed board", "", &[]).await);
        organiser.set_phase("leeds", "hacking").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        let mut socket = WsClient::connect(&app, "leeds", Some(&sam)).await;
        let (hello, _) = socket.opening().await;
        let sam_id = hello["you"].as_i64().unwrap().to_string();
        let people = organiser.get("/e/leeds/people?q=sam").await;
        assert!(people.body.contains(&format!("data-person=\"{sam_id}\"")), "the people view finds Sam to move");
        let project_str = project.to_string();
        sam.post_with_csrf("/e/leeds", "/e/leeds/organise/move", &[("person", &sam_id), ("to", &project_str)]).await.assert_status(403);
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/move", &[("person", &sam_id), ("to", &project_str)])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let delta = socket.expect("delta").await;
        assert_eq!(member_names(team(&delta, project).unwrap()), vec!["Priya", "Sam"]);
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/move", &[("person", &sam_id), ("to", "")])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let delta = socket.expect("delta").await;
        assert_eq!(member_names(team(&delta, project).unwrap()), vec!["Priya"]);
    }

    async fn a_socket_that_sends_junk_or_floods_gets_an_error_and_is_closed(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "team_forming").await;
        let mut junk = WsClient::connect(&app, "leeds", None).await;
        junk.opening().await;
        junk.send_raw("{not json").await;
        assert_eq!(junk.expect("error").await["message"], "That message was not understood");
        assert!(junk.next().await.is_none(), "the socket is closed");

        let mut flood = WsClient::connect(&app, "leeds", None).await;
        flood.opening().await;
        for _ in 0..60 {
            flood.send(json!({"type": "ping"})).await;
        }
        let mut saw_error = false;
        while let Some(message) = flood.next().await {
            if message["type"] == "error" {
                assert!(message["message"].as_str().unwrap().contains("Too many commands"));
                saw_error = true;
            }
        }
        assert!(saw_error, "the flood was answered with an error before closing");
    }

    async fn a_websocket_from_another_sites_origin_or_to_a_draft_is_refused(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "draft").await;
        assert!(WsClient::try_connect(&app.address, "leeds", None, None).await.is_err(), "a draft is not found");
        organiser.set_phase("leeds", "team_forming").await;
        assert!(WsClient::try_connect(&app.address, "leeds", None, Some("https://evil.example")).await.is_err());
        assert!(WsClient::try_connect(&app.address, "leeds", None, Some(&app.address)).await.is_ok());
    }

    async fn a_client_that_asks_to_sync_gets_a_fresh_snapshot(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "team_forming").await;
        let mut client = WsClient::connect(&app, "leeds", None).await;
        let (_, first) = client.opening().await;
        client.send(json!({"type": "sync"})).await;
        let again = client.expect("snapshot").await;
        assert_eq!(again["version"], first["version"]);
        client.send(json!({"type": "ping"})).await;
        client.expect("pong").await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_join_through_one_instance_reaches_the_live_clients_of_another() {
    let a = crate::helpers::TestApp::spawn(crate::helpers::Db::Postgres).await;
    let organiser = a.event_in_phase("leeds", "pitching").await;
    let priya = a.attendee("leeds", "Priya", &["clinician"]).await;
    let project = project_id(&priya.pitch("leeds", "Bed board", "", &[]).await);
    organiser.set_phase("leeds", "team_forming").await;
    let sam = a.attendee("leeds", "Sam", &["developer"]).await;

    let b = a.another_instance().await;
    assert_ne!(a.port, b.port);
    let mut on_b = WsClient::connect(&b, "leeds", None).await;
    let (_, snapshot) = on_b.opening().await;
    assert_eq!(
        member_names(team(&snapshot, project).unwrap()),
        vec!["Priya"]
    );

    sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{project}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    let delta = on_b.expect("delta").await;
    assert_eq!(
        member_names(team(&delta, project).unwrap()),
        vec!["Priya", "Sam"]
    );

    // And the other way: a command on instance B reaches a client of A.
    let mut on_a = WsClient::connect(&a, "leeds", None).await;
    on_a.opening().await;
    let sam_on_b = crate::helpers::User {
        client: sam.client.clone(),
        base: b.address.clone(),
        jar: sam.jar.clone(),
    };
    let mut sams_socket_on_b = WsClient::connect(&b, "leeds", Some(&sam_on_b)).await;
    sams_socket_on_b.opening().await;
    sams_socket_on_b
        .send(json!({"type": "leave", "id": "x"}))
        .await;
    let version = sams_socket_on_b.expect("ack").await["version"]
        .as_i64()
        .unwrap();
    let delta = on_a.delta_reaching(version).await;
    assert_eq!(member_names(team(&delta, project).unwrap()), vec!["Priya"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_an_instance_loses_its_listen_connection_it_reconnects_and_clients_resync() {
    use diesel::{Connection, RunQueryDsl};
    let app = crate::helpers::TestApp::spawn(crate::helpers::Db::Postgres).await;
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let project = project_id(&priya.pitch("leeds", "Bed board", "", &[]).await);
    organiser.set_phase("leeds", "team_forming").await;
    let mut client = WsClient::connect(&app, "leeds", None).await;
    client.opening().await;

    let mut admin = diesel::PgConnection::establish(&app.database_url).unwrap();
    let killed = diesel::sql_query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    )
    .execute(&mut admin)
    .unwrap();
    assert_eq!(
        killed, 1,
        "the instance's LISTEN connection was found and dropped"
    );
    // Clients are told to fetch a fresh snapshot (deltas sent before the drop may come first).
    loop {
        let message = client.next().await.expect("a message after the drop");
        if message["type"] == "delta" && message["resync"] == true {
            break;
        }
    }

    // Changes flow again through the new LISTEN connection.
    let sam = app.attendee("leeds", "Sam", &["developer"]).await;
    sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{project}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    let delta = client.delta_where(|d| team(d, project).is_some()).await;
    assert_eq!(
        member_names(team(&delta, project).unwrap()),
        vec!["Priya", "Sam"]
    );
}
