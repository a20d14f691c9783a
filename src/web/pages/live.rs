//! `/e/{slug}/live`: the websocket of the live board. On connect it sends
//! `hello` and a `snapshot`, then every `delta` of the event; it answers
//! `join`/`leave` commands with `ack` or `error`, resyncs clients that fall
//! behind, pings every 15 s and closes sockets that stay silent, send junk
//! or flood commands. When the instance stops gracefully it sends
//! `restarting` and closes with 1012 (service restart).

use crate::domain::Event;
use crate::live::protocol::{self, SnapshotFrame};
use crate::live::shutdown::SessionGuard;
use crate::service::{self, Claim, ServiceError};
use crate::web::{AppState, error::AppError, frame_guard, identity};
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, rt, web};
use actix_ws::{CloseCode, CloseReason};
use bytestring::ByteString;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::broadcast::error::RecvError;

mod commands;
use commands::Bucket;

const PING_EVERY: Duration = Duration::from_secs(15);
const SILENT_FOR: Duration = Duration::from_secs(45);
const MAX_FRAME: usize = 16 * 1024;

/// Why a session ends: a close frame to send, or none when the socket is gone.
type Ended = Option<CloseReason>;

fn closing(code: CloseCode, why: &str) -> CloseReason {
    CloseReason {
        code,
        description: Some(why.into()),
    }
}

pub async fn connect(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
) -> Result<HttpResponse, AppError> {
    let claim = identity::claim(&session, &slug);
    let (event, viewer) = match service::live_view::open(&state.store, &slug, claim).await {
        Ok(found) => found,
        Err(ServiceError::Store(e)) if e.is_unavailable() => {
            return database_down(&req, body).await;
        }
        Err(e) => return Err(e.into()),
    };
    let (body, trip) = guarded(&req, body).await?;
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
    Ok(frame_guard::cut_off_on_trip(response, trip))
}

/// The socket's bytes with the frame limit applied as each frame header
/// arrives (see `frame_guard`), handed back as the payload actix-ws reads.
async fn guarded(
    req: &HttpRequest,
    body: web::Payload,
) -> Result<(web::Payload, Arc<frame_guard::Tripwire>), AppError> {
    use actix_web::FromRequest;
    let (mut payload, trip) = frame_guard::guard(body.into_inner(), MAX_FRAME as u64);
    let payload = web::Payload::from_request(req, &mut payload)
        .await
        .map_err(|e| AppError::BadRequest(format!("A websocket was expected: {e}")))?;
    Ok((payload, trip))
}

/// While the database is out of reach: opens the socket only to say so (the
/// page shows it while it reconnects) and closes it with "try again later".
async fn database_down(req: &HttpRequest, body: web::Payload) -> Result<HttpResponse, AppError> {
    let (body, trip) = guarded(req, body).await?;
    let (response, mut ws, _stream) = actix_ws::handle(req, body)
        .map_err(|e| AppError::BadRequest(format!("A websocket was expected: {e}")))?;
    rt::spawn(async move {
        if ws.text(crate::live::db_status::frame(false)).await.is_ok() {
            let _ = ws.close(Some(CloseCode::Again.into())).await;
        }
    });
    Ok(frame_guard::cut_off_on_trip(response, trip))
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
    let _counted = crate::ops::metrics::socket_opened(&slug);
    // Subscribe before the snapshot is read, so no change falls between them.
    let mut rx = state.live.hub().channel(event.id.0).subscribe();
    // Counted while open, so a graceful stop waits for this socket's goodbye.
    let mut restart = state.live.shutdown().session();
    let reason = session_loop(
        &state,
        &mut ws,
        &mut stream,
        &mut rx,
        &mut restart,
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
    restart: &mut SessionGuard,
    event: &Event,
    slug: &str,
    claim: Claim,
    me: Option<(i64, String)>,
) -> Ended {
    if let Err(end) = greet(state, ws, event, me).await {
        return end;
    }
    let mut last_heard = Instant::now();
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    let mut bucket = Bucket::full();
    loop {
        let step = tokio::select! {
            frame = rx.recv() => forward(state, ws, event, frame).await,
            message = stream.recv() => {
                let Some(Ok(message)) = message else { return None };
                last_heard = Instant::now();
                commands::heard(state, ws, event, slug, claim, &mut bucket, message).await
            }
            // Only between commands: one in hand is finished and answered first.
            _ = restart.restarting() => {
                let _ = ws.text(protocol::restarting()).await;
                Err(Some(closing(CloseCode::Restart, "service restart")))
            }
            _ = ping.tick() => {
                if last_heard.elapsed() > SILENT_FOR {
                    Err(Some(closing(CloseCode::Normal, "idle")))
                } else {
                    ws.ping(b"").await.map_err(|_| None)
                }
            }
        };
        if let Err(end) = step {
            return end;
        }
    }
}

/// `hello`, the server's clock (so timers agree on every screen whatever
/// its own clock says), and the snapshot.
async fn greet(
    state: &AppState,
    ws: &mut actix_ws::Session,
    event: &Event,
    me: Option<(i64, String)>,
) -> Result<(), Ended> {
    let hello = protocol::hello(me.as_ref().map(|m| m.0), me.as_ref().map(|m| m.1.as_str()));
    ws.text(hello).await.map_err(|_| None)?;
    let now = chrono::Utc::now().timestamp_millis();
    ws.text(protocol::pong(now)).await.map_err(|_| None)?;
    match snapshot(state, event).await {
        Ok((_, frame)) => ws.text(frame).await.map_err(|_| None),
        Err(e) => {
            tracing::error!(error = ?e, "live: snapshot failed");
            Err(Some(CloseCode::Error.into()))
        }
    }
}

/// Passes on a frame of the event; a socket too far behind to catch up
/// frame by frame starts afresh from a snapshot.
async fn forward(
    state: &AppState,
    ws: &mut actix_ws::Session,
    event: &Event,
    frame: Result<ByteString, RecvError>,
) -> Result<(), Ended> {
    match frame {
        Ok(frame) => ws.text(frame).await.map_err(|_| None),
        Err(RecvError::Lagged(_)) => {
            crate::ops::metrics::socket_resynced();
            let Ok((_, frame)) = snapshot(state, event).await else {
                return Err(Some(CloseCode::Error.into()));
            };
            ws.text(frame).await.map_err(|_| None)
        }
        Err(RecvError::Closed) => Err(Some(CloseCode::Away.into())),
    }
}
