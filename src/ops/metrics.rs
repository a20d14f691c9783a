//! The Prometheus series hackday records, and the process-wide recorder
//! that holds them (the `metrics` facade: call sites record with one line,
//! and record nothing at all until `/metrics` is switched on).

use metrics::{
    Unit, counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Duration;

pub const HTTP_REQUESTS: &str = "hackday_http_requests_total";
pub const HTTP_SECONDS: &str = "hackday_http_request_duration_seconds";
pub const LIVE_SOCKETS: &str = "hackday_live_sockets";
pub const LIVE_FRAMES: &str = "hackday_live_frames_total";
pub const LIVE_DELIVERIES: &str = "hackday_live_deliveries_total";
pub const LIVE_RESYNCS: &str = "hackday_live_lagging_resyncs_total";
pub const WRITER_QUEUE: &str = "hackday_sqlite_writer_queue";
pub const WRITER_BATCH: &str = "hackday_sqlite_writer_batch_size";
pub const POOL_CONNECTIONS: &str = "hackday_db_pool_connections";
pub const POOL_MAX: &str = "hackday_db_pool_max_connections";
pub const BUILD_INFO: &str = "hackday_build_info";

static RECORDER: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the recorder once per process (later calls reuse it).
pub fn install() -> &'static PrometheusHandle {
    RECORDER.get_or_init(|| {
        let handle = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full(HTTP_SECONDS.into()),
                &[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                ],
            )
            .and_then(|b| {
                b.set_buckets_for_metric(
                    Matcher::Full(WRITER_BATCH.into()),
                    &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0],
                )
            })
            .expect("bucket lists are not empty")
            .install_recorder()
            .expect("no other metrics recorder is installed");
        describe();
        gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
        // Histograms keep raw samples until upkeep folds them in.
        let upkeep = handle.clone();
        std::thread::Builder::new()
            .name("hackday-metrics-upkeep".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(Duration::from_secs(5));
                    upkeep.run_upkeep();
                }
            })
            .expect("start the metrics upkeep thread");
        handle
    })
}

/// The Prometheus text of every series, if the recorder is installed.
pub fn render() -> Option<String> {
    RECORDER.get().map(PrometheusHandle::render)
}

fn describe() {
    describe_counter!(
        HTTP_REQUESTS,
        "HTTP requests by method, route pattern and status"
    );
    describe_histogram!(
        HTTP_SECONDS,
        Unit::Seconds,
        "HTTP request time by method and route pattern"
    );
    describe_gauge!(LIVE_SOCKETS, "Open live websocket clients by event");
    describe_counter!(LIVE_FRAMES, "Live frames sent (one per event per batch)");
    describe_counter!(
        LIVE_DELIVERIES,
        "Live frames handed to sockets (frames x sockets)"
    );
    describe_counter!(
        LIVE_RESYNCS,
        "Sockets that fell behind and were sent a fresh snapshot"
    );
    describe_gauge!(WRITER_QUEUE, "SQLite writes waiting for the writer thread");
    describe_histogram!(
        WRITER_BATCH,
        "SQLite writes committed together in one transaction"
    );
    describe_gauge!(
        POOL_CONNECTIONS,
        "Database connections by state (idle, in_use)"
    );
    describe_gauge!(POOL_MAX, "Database connections the pool may open");
    describe_gauge!(BUILD_INFO, "The running version (value 1)");
}

/// One HTTP request, by route pattern (never the raw path, which would make
/// a series per project and per token).
pub fn http_request(method: &str, route: String, status: u16, took: Duration) {
    let method = match method {
        "GET" | "POST" | "HEAD" | "PUT" | "DELETE" | "OPTIONS" | "PATCH" => method.to_string(),
        _ => "other".to_string(),
    };
    counter!(HTTP_REQUESTS, "method" => method.clone(), "route" => route.clone(), "status" => status.to_string())
        .increment(1);
    histogram!(HTTP_SECONDS, "method" => method, "route" => route).record(took.as_secs_f64());
}

/// An open live socket of an event; counted until dropped.
pub struct OpenSocket {
    event: String,
}

pub fn socket_opened(event_slug: &str) -> OpenSocket {
    gauge!(LIVE_SOCKETS, "event" => event_slug.to_string()).increment(1.0);
    OpenSocket {
        event: event_slug.to_string(),
    }
}

impl Drop for OpenSocket {
    fn drop(&mut self) {
        gauge!(LIVE_SOCKETS, "event" => self.event.clone()).decrement(1.0);
    }
}

/// A frame broadcast to `sockets` sockets.
pub fn frame_sent(sockets: usize) {
    counter!(LIVE_FRAMES).increment(1);
    counter!(LIVE_DELIVERIES).increment(sockets as u64);
}

/// A socket that lagged and was sent a snapshot instead of the frames it missed.
pub fn socket_resynced() {
    counter!(LIVE_RESYNCS).increment(1);
}

/// A write joined the SQLite writer's queue.
pub fn write_queued() {
    gauge!(WRITER_QUEUE).increment(1.0);
}

/// The SQLite writer took `size` writes off its queue into one transaction.
pub fn batch_taken(size: usize) {
    gauge!(WRITER_QUEUE).decrement(size as f64);
    histogram!(WRITER_BATCH).record(size as f64);
}

/// The pool's use, read when metrics are scraped.
pub fn pool_use(open: u32, idle: u32, max: u32) {
    gauge!(POOL_CONNECTIONS, "state" => "idle").set(idle as f64);
    gauge!(POOL_CONNECTIONS, "state" => "in_use").set(open.saturating_sub(idle) as f64);
    gauge!(POOL_MAX).set(max as f64);
}
