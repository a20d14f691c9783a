//! The load of a rolling-restart test: actors joining teams over their own
//! sockets and anonymous viewers following versions, each reconnecting to
//! its instance with backoff whenever it goes away, as the browser does.

use crate::helpers::User;
use crate::ws::WsClient;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub const SLUG: &str = "leeds";

/// Connects to one instance, retrying with backoff while it is down (as
/// the browser client does), and reads up to the snapshot's version.
pub async fn connect(address: &str, user: Option<&User>) -> (WsClient, i64) {
    let mut delay = Duration::from_millis(50);
    loop {
        let attempt = WsClient::try_connect(address, SLUG, user, None);
        if let Ok(Ok(mut client)) = tokio::time::timeout(Duration::from_secs(2), attempt).await {
            while let Some(message) = client.next().await {
                if message["type"] == "snapshot" {
                    return (client, message["version"].as_i64().unwrap());
                }
            }
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(1));
    }
}

pub struct ActorOutcome {
    pub last_team: i64,
    pub acks: usize,
    pub highest_ack: i64,
    pub reconnects: usize,
}

enum Answer {
    Ack(i64),
    AlreadyThere,
    Closed,
}

/// Joins team after team over its socket until `done`; a join whose
/// answer was lost to a restart is sent again after reconnecting.
pub async fn act(
    index: usize,
    user: User,
    address: String,
    teams: Vec<i64>,
    done: Arc<AtomicBool>,
) -> ActorOutcome {
    let (mut client, _) = connect(&address, Some(&user)).await;
    let mut outcome = ActorOutcome {
        last_team: 0,
        acks: 0,
        highest_ack: 0,
        reconnects: 0,
    };
    for round in 0.. {
        let finishing = done.load(Ordering::SeqCst);
        let team = teams[(index + round) % teams.len()];
        let id = format!("r{round}");
        loop {
            let sent = client
                .try_send(json!({"type": "join", "id": id, "team": team}))
                .await;
            let answer = if sent {
                answer(&mut client, &id).await
            } else {
                Answer::Closed
            };
            match answer {
                Answer::Ack(version) => {
                    outcome.acks += 1;
                    outcome.highest_ack = outcome.highest_ack.max(version);
                    break;
                }
                // The first try committed but its answer was lost.
                Answer::AlreadyThere => break,
                Answer::Closed => {
                    outcome.reconnects += 1;
                    client = connect(&address, Some(&user)).await.0;
                }
            }
        }
        outcome.last_team = team;
        if finishing {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    outcome
}

async fn answer(client: &mut WsClient, id: &str) -> Answer {
    while let Some(message) = client.next().await {
        if message["id"] != id {
            continue;
        }
        match message["type"].as_str() {
            Some("ack") => return Answer::Ack(message["version"].as_i64().unwrap()),
            Some("error") if message["message"] == "You are already in this team" => {
                return Answer::AlreadyThere;
            }
            _ => panic!("the join was refused: {message}"),
        }
    }
    Answer::Closed
}

pub struct Seen {
    pub version: i64,
    pub reconnects: usize,
    pub restarting: bool,
}

/// An anonymous live client (a projector): follows versions as the browser
/// client does and reconnects when its instance goes away, until it has
/// reached the target version.
pub async fn view(address: String, mut target: tokio::sync::watch::Receiver<Option<i64>>) -> Seen {
    let (mut client, version) = connect(&address, None).await;
    let mut seen = Seen {
        version,
        reconnects: 0,
        restarting: false,
    };
    loop {
        if target.borrow().is_some_and(|t| seen.version >= t) {
            return seen;
        }
        tokio::select! {
            message = client.next() => match message {
                None => {
                    seen.reconnects += 1;
                    (client, seen.version) = connect(&address, None).await;
                }
                Some(message) => follow(&mut client, &mut seen, &message).await,
            },
            _ = target.changed() => {}
        }
    }
}

async fn follow(client: &mut WsClient, seen: &mut Seen, message: &Value) {
    let version = message["version"].as_i64().unwrap_or(-1);
    match message["type"].as_str() {
        Some("restarting") => seen.restarting = true,
        Some("snapshot") => seen.version = version,
        Some("delta") if message["resync"] == true => {
            client.try_send(json!({"type": "sync"})).await;
        }
        Some("delta") if version <= seen.version => {}
        Some("delta") if message["from"].as_i64().unwrap() > seen.version + 1 => {
            client.try_send(json!({"type": "sync"})).await;
        }
        Some("delta") => seen.version = version,
        _ => {}
    }
}
