//! Graceful restarts: live clients are told the server is restarting and
//! closed with 1012, a stop ends within its bound, and a rolling restart
//! under a load of joins loses no acknowledged join while every client
//! reconnects and catches up.

use crate::helpers::TestApp;
use crate::restart_load::{SLUG, act, view};
use crate::teams::project_id;
use crate::ws::{WsClient, member_names, team};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

on_both_databases! {
    async fn live_clients_are_told_the_server_is_restarting_then_catch_up_after_it(app: TestApp) {
        let mut app = app;
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let project = project_id(&priya.pitch("leeds", "Bed board", "", &[]).await);
        organiser.set_phase("leeds", "team_forming").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        let mut phone = WsClient::connect(&app, "leeds", Some(&sam)).await;
        let mut projector = WsClient::connect(&app, "leeds", None).await;
        phone.opening().await;
        projector.opening().await;

        let goodbye = |mut client: WsClient| async move {
            let message = client.expect("restarting").await;
            (message, client.close_code().await)
        };
        let ((), (phone_saw, phone_code), (projector_saw, projector_code)) =
            tokio::join!(app.stop_gracefully(), goodbye(phone), goodbye(projector));
        assert_eq!(phone_saw, json!({"type": "restarting"}));
        assert_eq!(projector_saw, json!({"type": "restarting"}));
        assert_eq!(phone_code, Some(1012), "closed with 'service restart'");
        assert_eq!(projector_code, Some(1012));
        assert!(
            WsClient::try_connect(&app.address, "leeds", None, None).await.is_err(),
            "the stopped server accepts nothing"
        );

        app.start_again().await;
        sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{project}/join"), &[])
            .await
            .assert_redirect_to("/e/leeds");
        let mut phone = WsClient::connect(&app, "leeds", Some(&sam)).await;
        let (hello, snapshot) = phone.opening().await;
        assert_eq!(hello["name"], "Sam", "still signed in after the restart");
        assert_eq!(member_names(team(&snapshot, project).unwrap()), vec!["Priya", "Sam"]);
    }

    async fn a_graceful_stop_ends_within_its_bound_even_when_a_request_never_finishes(app: TestApp) {
        // A request whose body never arrives keeps its connection busy.
        let mut stuck = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
        stuck
            .write_all(b"POST /e/leeds/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        let bound = hackday::stop::STOP_WITHIN + Duration::from_secs(1);
        tokio::time::timeout(bound, app.stop_gracefully())
            .await
            .expect("the graceful stop ends within its bound");
        assert!(app.visitor().client.get(format!("{}/healthz", app.address)).send().await.is_err());
    }

    async fn a_rolling_restart_under_a_load_of_joins_loses_no_acknowledged_join(app: TestApp) {
        rolling_restart(app).await;
    }
}

const TEAMS: usize = 6;
const ACTORS: usize = 16;
const VIEWERS: usize = 6;

/// On PostgreSQL two instances share the database and are restarted one
/// after the other; on SQLite (one instance) the one instance restarts twice.
async fn rolling_restart(a: TestApp) {
    let mut a = a;
    let teams = set_up_teams(&a).await;
    let mut b = if a.database_url.starts_with("postgres") {
        Some(a.another_instance().await)
    } else {
        None
    };
    let addresses = [
        a.address.clone(),
        b.as_ref().map_or(a.address.clone(), |b| b.address.clone()),
    ];
    let done = Arc::new(AtomicBool::new(false));
    let (target_tx, target_rx) = tokio::sync::watch::channel(None::<i64>);
    let mut actors = Vec::new();
    for i in 0..ACTORS {
        let name = format!("Actor {i}");
        let user = a.attendee(SLUG, &name, &["developer"]).await;
        let address = addresses[i % 2].clone();
        actors.push(tokio::spawn(act(
            i,
            user,
            address,
            teams.clone(),
            done.clone(),
        )));
    }
    let viewers: Vec<_> = (0..VIEWERS)
        .map(|i| tokio::spawn(view(addresses[i % 2].clone(), target_rx.clone())))
        .collect();

    // The load runs through both instances while each restarts in turn.
    tokio::time::sleep(Duration::from_millis(500)).await;
    a.stop_gracefully().await;
    a.start_again().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    match b.as_mut() {
        Some(b) => {
            b.stop_gracefully().await;
            b.start_again().await;
        }
        None => {
            a.stop_gracefully().await;
            a.start_again().await;
        }
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    done.store(true, Ordering::SeqCst);

    let mut outcomes = Vec::new();
    for actor in actors {
        outcomes.push(actor.await.expect("the actor finished"));
    }
    let mut fresh = WsClient::connect(&a, SLUG, None).await;
    let (_, snapshot) = fresh.opening().await;
    let latest = snapshot["version"].as_i64().unwrap();
    for (i, outcome) in outcomes.iter().enumerate() {
        assert!(
            outcome.acks > 2,
            "actor {i} kept joining: {} acks",
            outcome.acks
        );
        assert!(
            outcome.reconnects >= 1,
            "actor {i}'s instance restarted under it"
        );
        assert!(outcome.highest_ack <= latest);
        let members = member_names(team(&snapshot, outcome.last_team).unwrap());
        assert!(
            members.contains(&format!("Actor {i}")),
            "actor {i}'s last acknowledged join (team {}) is in the database: {members:?}",
            outcome.last_team
        );
    }
    let acks: usize = outcomes.iter().map(|o| o.acks).sum();
    let reconnects: usize = outcomes.iter().map(|o| o.reconnects).sum();
    println!(
        "rolling restart: {acks} acknowledged joins, {reconnects} actor reconnects, final version {latest}"
    );
    target_tx.send_replace(Some(latest));
    for viewer in viewers {
        let seen = tokio::time::timeout(Duration::from_secs(15), viewer)
            .await
            .expect("every viewer catches up")
            .expect("the viewer finished");
        assert!(
            seen.restarting,
            "the viewer was told its instance restarted"
        );
        assert!(seen.reconnects >= 1);
        assert_eq!(
            seen.version, latest,
            "the viewer reached the latest version"
        );
    }
}

/// An event in team forming with TEAMS pitched projects and room for all.
async fn set_up_teams(app: &TestApp) -> Vec<i64> {
    let organiser = app.event_in_phase(SLUG, "pitching").await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/settings",
            &[
                ("name", "Leeds"),
                ("venue", ""),
                ("starts_at", ""),
                ("ends_at", ""),
                ("team_size_cap", "30"),
                ("join_code", ""),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    let mut teams = Vec::new();
    for i in 0..TEAMS {
        let pitcher = app
            .attendee(SLUG, &format!("Pitcher {i}"), &["clinician"])
            .await;
        teams.push(project_id(
            &pitcher.pitch(SLUG, &format!("Idea {i}"), "", &[]).await,
        ));
    }
    organiser.set_phase(SLUG, "team_forming").await;
    teams
}
