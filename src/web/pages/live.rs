//! `/e/{slug}/live`: the websocket of the live board. On connect it sends
//! `hello` and a `snapshot`, then every `delta` of the event; it answers
//! `join`/`leave` commands with `ack` or `error`, resyncs clients that fall
//! behind, pings every 15 s and closes sockets that stay silent, send junk
//! or flood commands.

use crate::domain::{Event, ProjectId};
use crate::live::protocol::{self, Command, SnapshotFrame};
use crate::service::{self, Claim, ServiceError};
use crate::web::{AppState, error::AppError, identity};
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, rt, web};
use actix_ws::{AggregatedMessage, CloseCode, CloseReason};
use bytestring::ByteString;
use std::time::{Duration, Instant};
use tokio::sync::broadcast::error::RecvError;

const PING_EVERY: Duration = Duration::from_secs(15);
const SILENT_FOR: Duration = Duration::from_secs(45);
const MAX_FRAME: usize = 16 * 1024;
/// Commands: a burst of 20, then 10 a second.
const BURST: f64 = 20.0;
const PER_SECOND: f64 = 10.0;

pub async fn connect(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
) -> Result<HttpResponse, AppError> {
    let claim = identity::claim(&session, &slug);
    let (event, viewer) = service::live_view::open(&state.store, &slug, claim).await?;
    let (response, ws, stream) = actix_ws::handle(&req, body)
        .map_err(|e| AppError::BadRequest(format!("A websocket was expected: {e}")))?;
    let stream = stream
        .max_frame_size(MAX_FRAME)
        .aggregate_continuations()
        .max_continuation_size(MAX_FRAME);
    let me = viewer.person.as_ref().map(|p| (p.id.0, p.name.clone()));
    rt::spawn(run(
        state.into_inner(),
        ws,
        stream,
        event,
        slug.into_inner(),
        claim,
        me,
    ));
    Ok(response)
}

/// A token bucket: commands beyond it close the socket.
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn take(&mut self) -> bool {
        let now = Instant::now();
        self.tokens =
            (self.tokens + now.duration_since(self.at).as_secs_f64() * PER_SECOND).min(BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

async fn snapshot(state: &AppState, event: &Event) -> Result<(i64, ByteString), ServiceError> {
    let channel = state.live.hub().channel(event.id.0);
    channel
        .snapshot(|| async {
            let board = service::live_view::board(&state.store, event).await?;
            let frame = SnapshotFrame {
                kind: "snapshot",
                version: board.version,
                event: &board.event,
                teams: &board.teams,
            };
            let json = serde_json::to_string(&frame).expect("a snapshot serialises");
            Ok((board.version, ByteString::from(json)))
        })
        .await
}

async fn run(
    state: std::sync::Arc<AppState>,
    mut ws: actix_ws::Session,
    mut stream: actix_ws::AggregatedMessageStream,
    event: Event,
    slug: String,
    claim: Claim,
    me: Option<(i64, String)>,
) {
    // Subscribe before the snapshot is read, so no change falls between them.
    let mut rx = state.live.hub().channel(event.id.0).subscribe();
    let reason = session_loop(
        &state,
        &mut ws,
        &mut stream,
        &mut rx,
        &event,
        &slug,
        claim,
        me,
    )
    .await;
    let _ = ws.close(reason).await;
}

#[allow(clippy::too_many_arguments)]
async fn session_loop(
    state: &AppState,
    ws: &mut actix_ws::Session,
    stream: &mut actix_ws::AggregatedMessageStream,
    rx: &mut tokio::sync::broadcast::Receiver<ByteString>,
    event: &Event,
    slug: &str,
    claim: Claim,
    me: Option<(i64, String)>,
) -> Option<CloseReason> {
    let hello = protocol::hello(me.as_ref().map(|m| m.0), me.as_ref().map(|m| m.1.as_str()));
    if ws.text(hello).await.is_err() {
        return None;
    }
    // The server's clock, so timers agree on every screen whatever its own clock says.
    if ws
        .text(protocol::pong(chrono::Utc::now().timestamp_millis()))
        .await
        .is_err()
    {
        return None;
    }
    match snapshot(state, event).await {
        Ok((_, frame)) => {
            if ws.text(frame).await.is_err() {
                return None;
            }
        }
        Err(e) => {
            tracing::error!(error = ?e, "live: snapshot failed");
            return Some(CloseCode::Error.into());
        }
    }
    let mut last_heard = Instant::now();
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    let mut bucket = Bucket {
        tokens: BURST,
        at: Instant::now(),
    };
    loop {
        tokio::select! {
            frame = rx.recv() => match frame {
                Ok(frame) => if ws.text(frame).await.is_err() { return None },
                Err(RecvError::Lagged(_)) => {
                    // Too far behind to catch up frame by frame: start afresh.
                    let Ok((_, frame)) = snapshot(state, event).await else { return Some(CloseCode::Error.into()) };
                    if ws.text(frame).await.is_err() { return None }
                }
                Err(RecvError::Closed) => return Some(CloseCode::Away.into()),
            },
            message = stream.recv() => {
                let Some(Ok(message)) = message else { return None };
                last_heard = Instant::now();
                match message {
                    AggregatedMessage::Text(text) => {
                        if !bucket.take() {
                            let _ = ws.text(protocol::error(None, "Too many commands: slow down and reconnect")).await;
                            return Some(CloseReason { code: CloseCode::Policy, description: Some("flood".into()) });
                        }
                        match serde_json::from_str::<Command>(&text) {
                            Ok(command) => {
                                if let Err(()) = answer(state, ws, event, slug, claim, command).await { return None }
                            }
                            Err(_) => {
                                let _ = ws.text(protocol::error(None, "That message was not understood")).await;
                                return Some(CloseReason { code: CloseCode::Invalid, description: Some("junk".into()) });
                            }
                        }
                    }
                    AggregatedMessage::Binary(_) => {
                        let _ = ws.text(protocol::error(None, "That message was not understood")).await;
                        return Some(CloseReason { code: CloseCode::Unsupported, description: Some("binary".into()) });
                    }
                    AggregatedMessage::Ping(bytes) => if ws.pong(&bytes).await.is_err() { return None },
                    AggregatedMessage::Pong(_) => {}
                    AggregatedMessage::Close(_) => return None,
                }
            }
            _ = ping.tick() => {
                if last_heard.elapsed() > SILENT_FOR {
                    return Some(CloseReason { code: CloseCode::Normal, description: Some("idle".into()) });
                }
                if ws.ping(b"").await.is_err() { return None }
            }
        }
    }
}

/// Runs one command and answers it. `Err` means the socket is gone.
async fn answer(
    state: &AppState,
    ws: &mut actix_ws::Session,
    event: &Event,
    slug: &str,
    claim: Claim,
    command: Command,
) -> Result<(), ()> {
    let reply: ByteString = match command {
        Command::Ping => protocol::pong(chrono::Utc::now().timestamp_millis()).into(),
        Command::Sync => match snapshot(state, event).await {
            Ok((_, frame)) => frame,
            Err(_) => protocol::error(None, "The board could not be loaded; try again").into(),
        },
        Command::Join { id, team } => {
            let result =
                service::teams::join(&state.store, &state.live, slug, claim, ProjectId(team)).await;
            reply_to(&id, result).into()
        }
        Command::Leave { id } => {
            let result = service::teams::leave(&state.store, &state.live, slug, claim).await;
            reply_to(&id, result).into()
        }
    };
    ws.text(reply).await.map_err(|_| ())
}

fn reply_to(id: &str, result: Result<i64, ServiceError>) -> String {
    match result {
        Ok(version) => protocol::ack(id, version),
        Err(ServiceError::NotFound) => protocol::error(Some(id), "There is no such team"),
        Err(ServiceError::Forbidden(m)) | Err(ServiceError::Conflict(m)) => {
            protocol::error(Some(id), &m)
        }
        Err(ServiceError::Invalid(_)) => protocol::error(Some(id), "That command was not valid"),
        Err(ServiceError::Store(e)) => {
            tracing::error!(error = ?e, "live: command failed");
            protocol::error(Some(id), "Something went wrong on our side; try again")
        }
    }
}
