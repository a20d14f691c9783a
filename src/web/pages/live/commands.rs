//! The live socket's commands: flood control, reading a message, and
//! answering `ping`, `sync`, `join` and `leave`.

use super::{Ended, closing, snapshot};
use crate::domain::{Event, ProjectId};
use crate::live::protocol::{self, Command};
use crate::service::{self, Claim, ServiceError};
use crate::web::AppState;
use actix_ws::{AggregatedMessage, CloseCode};
use bytestring::ByteString;
use std::time::Instant;

/// Commands: a burst of 20, then 10 a second.
const BURST: f64 = 20.0;
const PER_SECOND: f64 = 10.0;

/// A token bucket: commands beyond it close the socket.
pub(super) struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    pub(super) fn full() -> Self {
        Self {
            tokens: BURST,
            at: Instant::now(),
        }
    }

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

fn not_understood() -> String {
    protocol::error(None, "That message was not understood")
}

/// Handles one message from the client: a command is answered, junk,
/// binary and floods close the socket.
pub(super) async fn heard(
    state: &AppState,
    ws: &mut actix_ws::Session,
    event: &Event,
    slug: &str,
    claim: Claim,
    bucket: &mut Bucket,
    message: AggregatedMessage,
) -> Result<(), Ended> {
    match message {
        AggregatedMessage::Text(text) => {
            if !bucket.take() {
                let flood = protocol::error(None, "Too many commands: slow down and reconnect");
                let _ = ws.text(flood).await;
                return Err(Some(closing(CloseCode::Policy, "flood")));
            }
            match serde_json::from_str::<Command>(&text) {
                Ok(command) => answer(state, ws, event, slug, claim, command)
                    .await
                    .map_err(|()| None),
                Err(_) => {
                    let _ = ws.text(not_understood()).await;
                    Err(Some(closing(CloseCode::Invalid, "junk")))
                }
            }
        }
        AggregatedMessage::Binary(_) => {
            let _ = ws.text(not_understood()).await;
            Err(Some(closing(CloseCode::Unsupported, "binary")))
        }
        AggregatedMessage::Ping(bytes) => ws.pong(&bytes).await.map_err(|_| None),
        AggregatedMessage::Pong(_) => Ok(()),
        AggregatedMessage::Close(_) => Err(None),
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
        Err(ServiceError::Store(e)) if e.is_unavailable() => {
            protocol::error(Some(id), crate::live::db_status::DATABASE_DOWN)
        }
        Err(ServiceError::Store(e)) => {
            tracing::error!(error = ?e, "live: command failed");
            protocol::error(Some(id), "Something went wrong on our side; try again")
        }
    }
}
