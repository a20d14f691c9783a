//! Load tool for the live channel. Starts a hackday server (the release
//! binary) on a fresh SQLite or PostgreSQL database, sets up an event with
//! teams, opens N anonymous live clients and M signed-in actors, has the
//! actors join and leave teams at a given total rate over their sockets, and
//! prints delivery latency (command sent → frame received by each client:
//! p50, p99, max), commands per second, errors, gaps, lost updates, over-cap
//! teams and the server's memory.
//!
//!   cargo build --release && cargo run --release --example live_load -- \
//!       --clients 10000 --actors 100 --rate 1000 --seconds 20
//!
//! Latency is measured per frame against the oldest command the frame
//! carries, so it is the worst case within each frame.

use clap::Parser;
use support::{Person, Socket, cpu_seconds, open, rss_mb, set_up, sign_up};

#[path = "support/mod.rs"]
mod support;

use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

#[derive(Parser, Debug)]
struct Args {
    /// Anonymous live clients (the phones and projectors watching).
    #[arg(long, default_value_t = 1000)]
    clients: usize,
    /// Signed-in attendees sending join and leave commands.
    #[arg(long, default_value_t = 50)]
    actors: usize,
    /// Join/leave commands per second, over all actors.
    #[arg(long, default_value_t = 200)]
    rate: u64,
    /// How long to send commands.
    #[arg(long, default_value_t = 15)]
    seconds: u64,
    /// Teams to join and leave.
    #[arg(long, default_value_t = 20)]
    teams: usize,
    /// Team size cap.
    #[arg(long, default_value_t = 8)]
    cap: u32,
    /// Database: an SQLite path (default: a new temporary file) or postgres:// URL of an empty database.
    #[arg(long)]
    database_url: Option<String>,
    /// The server binary.
    #[arg(long, default_value = "target/release/hackday")]
    binary: String,
}

#[derive(Deserialize)]
struct Frame {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    from: i64,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    id: Option<String>,
}

struct Shared {
    /// When each version's command was sent (from the actor's ack).
    sent: Mutex<HashMap<i64, Instant>>,
    latency: Mutex<Histogram<u64>>,
    /// Command sent → its ack received by the actor.
    ack_latency: Mutex<Histogram<u64>>,
    acks: AtomicU64,
    /// Joins refused by the rules (team full).
    refused: AtomicU64,
    errors: AtomicU64,
    gaps: AtomicU64,
    frames: AtomicU64,
    last_version: AtomicI64,
    /// Actors stop sending.
    stop: AtomicBool,
    /// Every command was answered: `last_version` is final.
    done: AtomicBool,
}

fn quick_delta(text: &str) -> Option<Frame> {
    let rest = text.strip_prefix(r#"{"type":"delta","from":"#)?;
    let (from, rest) = rest.split_once(',')?;
    let rest = rest.strip_prefix(r#""version":"#)?;
    let end = rest.find(|c: char| !c.is_ascii_digit() && c != '-')?;
    Some(Frame {
        kind: "delta".into(),
        from: from.parse().ok()?,
        version: rest[..end].parse().ok()?,
        id: None,
    })
}

/// A watching client: follows versions, measures each frame's delay.
async fn viewer(mut socket: Socket, shared: Arc<Shared>, ready: Arc<AtomicU64>) -> i64 {
    let mut version = -1i64;
    let mut pending: Vec<(i64, Instant)> = Vec::new();
    let mut counted_ready = false;
    loop {
        if shared.done.load(Ordering::Relaxed)
            && version >= shared.last_version.load(Ordering::Relaxed)
        {
            break;
        }
        let message = match tokio::time::timeout(Duration::from_millis(200), socket.next()).await {
            Err(_) => continue,
            Ok(Some(Ok(message))) => message,
            Ok(_) => break,
        };
        let Message::Text(text) = message else {
            continue;
        };
        let now = Instant::now();
        // Deltas start with their type, from and version (in that order):
        // read those without parsing the rest, to keep the tool's own CPU
        // use low, since it shares the machine with the server.
        let Some(frame) = quick_delta(&text).or_else(|| serde_json::from_str::<Frame>(&text).ok())
        else {
            continue;
        };
        match frame.kind.as_str() {
            "snapshot" => {
                version = frame.version;
                if !counted_ready {
                    ready.fetch_add(1, Ordering::Relaxed);
                    counted_ready = true;
                }
            }
            "delta" => {
                if frame.version <= version {
                    continue;
                }
                if frame.from > version + 1 && version >= 0 {
                    shared.gaps.fetch_add(1, Ordering::Relaxed);
                    let _ = socket
                        .send(Message::Text(r#"{"type":"sync"}"#.into()))
                        .await;
                }
                version = frame.version;
                shared.frames.fetch_add(1, Ordering::Relaxed);
                pending.push((frame.from.max(0), now));
            }
            _ => {}
        }
        if pending.len() >= 8 {
            resolve(&shared, &mut pending);
        }
    }
    resolve(&shared, &mut pending);
    version
}

fn resolve(shared: &Shared, pending: &mut Vec<(i64, Instant)>) {
    let sent = shared.sent.lock().unwrap();
    let mut hist = shared.latency.lock().unwrap();
    pending.retain(|(v, at)| match sent.get(v) {
        Some(s) => {
            let _ = hist.record(at.saturating_duration_since(*s).as_micros() as u64);
            false
        }
        None => true,
    });
}

/// A signed-in attendee who joins and leaves teams on a fixed rhythm.
async fn actor(
    base: String,
    person: Person,
    teams: Arc<Vec<i64>>,
    per_second: f64,
    shared: Arc<Shared>,
    seed: usize,
) {
    let socket = open(&base, Some(&person)).await;
    let (mut tx, mut rx) = socket.split();
    let inflight: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let reader_inflight = inflight.clone();
    let reader_shared = shared.clone();
    let reader = tokio::spawn(async move {
        while let Some(Ok(Message::Text(text))) = rx.next().await {
            let Ok(frame) = serde_json::from_str::<Frame>(&text) else {
                continue;
            };
            let Some(id) = frame.id else { continue };
            let Some(sent) = reader_inflight.lock().unwrap().remove(&id) else {
                continue;
            };
            if frame.kind == "ack" {
                reader_shared.acks.fetch_add(1, Ordering::Relaxed);
                let _ = reader_shared
                    .ack_latency
                    .lock()
                    .unwrap()
                    .record(sent.elapsed().as_micros() as u64);
                reader_shared
                    .sent
                    .lock()
                    .unwrap()
                    .insert(frame.version, sent);
                reader_shared
                    .last_version
                    .fetch_max(frame.version, Ordering::Relaxed);
            } else if text.contains("This team is full")
                || text.contains("already in this team")
                || text.contains("not in a team")
            {
                // The rules at work (random joins, and a leave after a refused
                // join): refused, not failed.
                reader_shared.refused.fetch_add(1, Ordering::Relaxed);
            } else {
                reader_shared.errors.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    let period = Duration::from_secs_f64(1.0 / per_second);
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut n = seed;
    let mut in_team = false;
    while !shared.stop.load(Ordering::Relaxed) {
        tick.tick().await;
        let id = format!("c{n}");
        let command = if in_team {
            format!(r#"{{"type":"leave","id":"{id}"}}"#)
        } else {
            format!(
                r#"{{"type":"join","id":"{id}","team":{}}}"#,
                teams[n % teams.len()]
            )
        };
        in_team = !in_team;
        n += 1;
        inflight.lock().unwrap().insert(id, Instant::now());
        if tx.send(Message::Text(command.into())).await.is_err() {
            shared.errors.fetch_add(1, Ordering::Relaxed);
            break;
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    reader.abort();
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let dir = tempfile::tempdir().unwrap();
    let db = args.database_url.clone().unwrap_or_else(|| {
        dir.path()
            .join("load.sqlite3")
            .to_string_lossy()
            .to_string()
    });
    let (mut server, base, setup) = support::start_server(&args.binary, &db).await;
    let pid = server.id().expect("the server runs");
    let (teams, _organiser) = set_up(&base, &setup, args.teams, args.cap).await;
    let teams = Arc::new(teams);
    let mut actors = Vec::new();
    for i in 0..args.actors {
        actors.push(sign_up(&base, &format!("Actor {i}")).await);
    }
    let rss_idle = rss_mb(pid);

    let shared = Arc::new(Shared {
        sent: Mutex::default(),
        latency: Mutex::new(Histogram::new_with_bounds(1, 60_000_000, 3).unwrap()),
        ack_latency: Mutex::new(Histogram::new_with_bounds(1, 60_000_000, 3).unwrap()),
        acks: AtomicU64::new(0),
        refused: AtomicU64::new(0),
        errors: AtomicU64::new(0),
        gaps: AtomicU64::new(0),
        frames: AtomicU64::new(0),
        last_version: AtomicI64::new(0),
        stop: AtomicBool::new(false),
        done: AtomicBool::new(false),
    });
    let ready = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut viewers = Vec::new();
    let gate = Arc::new(tokio::sync::Semaphore::new(256));
    for _ in 0..args.clients {
        let (base, shared, ready, gate) =
            (base.clone(), shared.clone(), ready.clone(), gate.clone());
        viewers.push(tokio::spawn(async move {
            let permit = gate.acquire_owned().await.unwrap();
            let socket = open(&base, None).await;
            drop(permit);
            viewer(socket, shared, ready).await
        }));
    }
    while (ready.load(Ordering::Relaxed) as usize) < args.clients {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if started.elapsed() > Duration::from_secs(300) {
            panic!(
                "only {} of {} clients connected",
                ready.load(Ordering::Relaxed),
                args.clients
            );
        }
    }
    let connect_secs = started.elapsed().as_secs_f64();
    let rss_connected = rss_mb(pid);
    println!(
        "connected {} live clients in {connect_secs:.1} s; server RSS {rss_idle:.0} MB idle, {rss_connected:.0} MB with clients",
        args.clients
    );

    let per_actor = args.rate as f64 / args.actors as f64;
    let (server_cpu0, tool_cpu0) = (cpu_seconds(&pid.to_string()), cpu_seconds("self"));
    let run_start = Instant::now();
    let mut handles = Vec::new();
    for (i, person) in actors.into_iter().enumerate() {
        handles.push(tokio::spawn(actor(
            base.clone(),
            person,
            teams.clone(),
            per_actor,
            shared.clone(),
            i * 7919,
        )));
    }
    let mut peak = rss_connected;
    while run_start.elapsed() < Duration::from_secs(args.seconds) {
        tokio::time::sleep(Duration::from_secs(1)).await;
        peak = peak.max(rss_mb(pid));
    }
    shared.stop.store(true, Ordering::Relaxed);
    let run_secs = run_start.elapsed().as_secs_f64();
    let server_cpu = cpu_seconds(&pid.to_string()) - server_cpu0;
    let tool_cpu = cpu_seconds("self") - tool_cpu0;
    for h in handles {
        let _ = h.await;
    }
    shared.done.store(true, Ordering::Relaxed);
    // Every client should reach the last acknowledged version; give them
    // 10 s, then count those that did not as having lost updates.
    let final_version = shared.last_version.load(Ordering::Relaxed);
    let mut lost = 0;
    let deadline = Instant::now() + Duration::from_secs(10);
    for v in viewers {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, v).await {
            Ok(Ok(version)) if version >= final_version => {}
            Ok(Ok(version)) => {
                if lost == 0 {
                    eprintln!("a client ended at version {version} of {final_version}");
                }
                lost += 1
            }
            other => {
                if lost == 0 {
                    eprintln!("a client did not finish: {other:?}");
                }
                lost += 1
            }
        }
    }

    // Check the rules held: no team over the cap.
    let mut check = open(&base, None).await;
    let mut over_cap = 0;
    let mut members = 0;
    while let Some(Ok(Message::Text(text))) = check.next().await {
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        if value["type"] == "snapshot" {
            for team in value["teams"].as_array().unwrap() {
                let n = team["members"].as_array().unwrap().len();
                members += n;
                if n > args.cap as usize {
                    over_cap += 1;
                }
            }
            break;
        }
    }
    let hist = shared.latency.lock().unwrap().clone();
    let acks = shared.acks.load(Ordering::Relaxed);
    println!(
        "commands: {acks} acknowledged in {run_secs:.1} s = {:.0} per second; errors {}",
        acks as f64 / run_secs,
        shared.errors.load(Ordering::Relaxed)
    );
    println!(
        "delivery to {} clients ({} frames): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        args.clients,
        shared.frames.load(Ordering::Relaxed),
        hist.value_at_quantile(0.5) as f64 / 1000.0,
        hist.value_at_quantile(0.99) as f64 / 1000.0,
        hist.max() as f64 / 1000.0
    );
    println!(
        "gaps seen by clients: {}; clients that missed the final version {final_version}: {lost}; team members {members}; teams over the cap: {over_cap}",
        shared.gaps.load(Ordering::Relaxed)
    );
    let acks_hist = shared.ack_latency.lock().unwrap().clone();
    println!(
        "command acknowledged: p50 {:.1} ms, p99 {:.1} ms",
        acks_hist.value_at_quantile(0.5) as f64 / 1000.0,
        acks_hist.value_at_quantile(0.99) as f64 / 1000.0
    );
    println!("server RSS peak {peak:.0} MB");
    println!(
        "CPU while sending: server {:.0}% and load tool {:.0}% of one core (2 cores in all)",
        100.0 * server_cpu / run_secs,
        100.0 * tool_cpu / run_secs
    );
    let _ = server.kill().await;
}
