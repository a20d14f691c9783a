//! The hub: one channel per event that puts committed changes back in
//! version order, merges what arrives within a short window into one frame,
//! serialises each frame once, and broadcasts it to every socket of the
//! event. It also caches the event's latest snapshot frame.

use super::protocol::{Change, DeltaFrame};
use bytestring::ByteString;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, broadcast};

/// Frames a slow socket may fall behind before it is resynced with a snapshot.
const CHANNEL_CAPACITY: usize = 256;
/// How long a missing version is waited for before the frames after it go
/// out anyway (clients then see the gap and ask for a snapshot).
const GAP_WAIT: Duration = Duration::from_millis(250);

pub type Frame = ByteString;

pub struct Hub {
    channels: Mutex<HashMap<i64, Arc<Channel>>>,
    batch_window: Duration,
    /// Where flusher tasks run: changes may arrive on threads outside any
    /// runtime (the LISTEN thread).
    runtime: tokio::runtime::Handle,
    /// The newest version known of each event (by id): what the in-memory
    /// read models compare theirs with.
    versions: Mutex<HashMap<i64, i64>>,
}

pub struct Channel {
    tx: broadcast::Sender<Frame>,
    order: Mutex<Ordering>,
    wake: Notify,
    /// The last snapshot frame and its version; reloaded when stale.
    snapshot: tokio::sync::Mutex<Option<(i64, Frame)>>,
}

#[derive(Default)]
struct Ordering {
    /// The version of the last frame sent; none before the first.
    last_sent: Option<i64>,
    pending: BTreeMap<i64, (Change, Instant)>,
}

impl Hub {
    /// `batch_window`: changes arriving within it share one frame, which
    /// bounds frames per second per socket however busy the event. Call
    /// from within the tokio runtime that is to run the flushers.
    pub fn new(batch_window: Duration) -> Arc<Self> {
        Arc::new(Hub {
            channels: Mutex::new(HashMap::new()),
            batch_window,
            runtime: tokio::runtime::Handle::current(),
            versions: Mutex::new(HashMap::new()),
        })
    }

    /// The channel of an event, made (with its flusher task) on first use.
    pub fn channel(&self, event_id: i64) -> Arc<Channel> {
        let mut channels = self.channels.lock().expect("hub lock");
        channels
            .entry(event_id)
            .or_insert_with(|| {
                let (tx, _) = broadcast::channel(CHANNEL_CAPACITY);
                let channel = Arc::new(Channel {
                    tx,
                    order: Mutex::new(Ordering::default()),
                    wake: Notify::new(),
                    snapshot: tokio::sync::Mutex::new(None),
                });
                spawn_flusher(&self.runtime, channel.clone(), self.batch_window);
                channel
            })
            .clone()
    }

    /// Takes a committed change (from this instance or, through the bus,
    /// from another) for delivery in version order.
    pub fn deliver(&self, change: Change) {
        self.note_version(change.event_id, change.version);
        let channel = self.channel(change.event_id);
        channel.push(change);
    }

    /// Remembers that the event has reached this version (a change
    /// committed here, or one heard from another instance).
    pub fn note_version(&self, event_id: i64, version: i64) {
        let mut versions = self.versions.lock().expect("versions lock");
        let known = versions.entry(event_id).or_insert(version);
        *known = (*known).max(version);
    }

    /// The newest version known of the event, if any change was seen.
    pub fn known_version(&self, event_id: i64) -> Option<i64> {
        self.versions
            .lock()
            .expect("versions lock")
            .get(&event_id)
            .copied()
    }

    /// Sends one frame to every socket of every event (news about the
    /// server itself, such as its database being out of reach).
    pub fn broadcast_all(&self, frame: Frame) {
        let channels: Vec<_> = self
            .channels
            .lock()
            .expect("hub lock")
            .values()
            .cloned()
            .collect();
        for channel in channels {
            let _ = channel.tx.send(frame.clone());
        }
    }

    /// After the bus lost changes (a dropped LISTEN connection), tells every
    /// socket of every event to fetch a fresh snapshot.
    pub fn resync_all(&self) {
        let channels: Vec<_> = self
            .channels
            .lock()
            .expect("hub lock")
            .values()
            .cloned()
            .collect();
        for channel in channels {
            let version = channel
                .order
                .lock()
                .expect("order lock")
                .last_sent
                .unwrap_or(0);
            let frame = resync_frame(version);
            let _ = channel.tx.send(frame);
        }
    }
}

fn resync_frame(version: i64) -> Frame {
    let empty: Option<super::protocol::EventInfo> = None;
    let frame = DeltaFrame {
        kind: "delta",
        from: version + 1,
        version,
        teams: &[],
        removed: &[],
        event: &empty,
        resync: true,
    };
    ByteString::from(serde_json::to_string(&frame).expect("a frame serialises"))
}

impl Channel {
    pub fn subscribe(&self) -> broadcast::Receiver<Frame> {
        self.tx.subscribe()
    }

    pub fn subscribers(&self) -> usize {
        self.tx.receiver_count()
    }

    fn push(&self, change: Change) {
        {
            let mut order = self.order.lock().expect("order lock");
            if order.last_sent.is_some_and(|v| change.version <= v) {
                return; // already covered by a frame sent
            }
            order
                .pending
                .insert(change.version, (change, Instant::now()));
        }
        self.wake.notify_one();
    }

    /// The version of the last frame sent.
    pub fn last_sent(&self) -> Option<i64> {
        self.order.lock().expect("order lock").last_sent
    }

    /// Takes the run of pending changes that may go out now and merges it
    /// into one frame. Returns the frame, and when to look again if changes
    /// are held back behind a gap.
    fn take_frame(&self, now: Instant) -> (Option<Frame>, Option<Instant>) {
        let mut order = self.order.lock().expect("order lock");
        let Some((&first, (_, first_seen))) = order.pending.iter().next() else {
            return (None, None);
        };
        let contiguous = order.last_sent.is_none_or(|v| first == v + 1);
        let gap_expired = now.duration_since(*first_seen) >= GAP_WAIT;
        if !contiguous && !gap_expired {
            return (None, Some(*first_seen + GAP_WAIT));
        }
        // Take the run that starts at `first` and has no holes.
        let mut merged: Option<Change> = None;
        let mut next = first;
        while let Some((change, _)) = order.pending.remove(&next) {
            match &mut merged {
                Some(m) => m.absorb(change),
                None => merged = Some(change),
            }
            next += 1;
        }
        let merged = merged.expect("the run has at least one change");
        order.last_sent = Some(merged.version);
        let retry = order
            .pending
            .values()
            .next()
            .map(|(_, seen)| *seen + GAP_WAIT);
        let frame = DeltaFrame {
            kind: "delta",
            from: first,
            version: merged.version,
            teams: &merged.teams,
            removed: &merged.removed,
            event: &merged.event,
            resync: merged.resync,
        };
        let json = serde_json::to_string(&frame).expect("a frame serialises");
        (Some(ByteString::from(json)), retry)
    }

    /// The cached snapshot frame if nothing newer was sent since it was made;
    /// otherwise `load` makes a new one (one loader at a time per event).
    pub async fn snapshot<F, Fut, E>(&self, load: F) -> Result<(i64, Frame), E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<(i64, Frame), E>>,
    {
        let mut cached = self.snapshot.lock().await;
        if let Some((version, frame)) = cached.as_ref()
            && self.last_sent().is_none_or(|sent| *version >= sent)
        {
            return Ok((*version, frame.clone()));
        }
        let (version, frame) = load().await?;
        *cached = Some((version, frame.clone()));
        Ok((version, frame))
    }
}

/// Extra spacing between frames per connected socket: with many sockets
/// each frame costs more to fan out, so frames are spaced to keep the
/// deliveries per second (sockets × frames) within what the machine can
/// send, instead of letting queues and memory grow under a burst of
/// commands. 8 µs × 10,000 sockets = 80 ms between frames.
const SPACING_PER_SOCKET: Duration = Duration::from_micros(8);

/// The task that sends an event's frames: it waits for changes, keeps at
/// least `min_window` (more with many sockets) between frames, and holds
/// changes behind a gap for at most GAP_WAIT.
fn spawn_flusher(runtime: &tokio::runtime::Handle, channel: Arc<Channel>, min_window: Duration) {
    runtime.spawn(async move {
        let mut last_frame = Instant::now() - min_window;
        loop {
            channel.wake.notified().await;
            loop {
                let window = min_window.max(SPACING_PER_SOCKET * channel.subscribers() as u32);
                let since = last_frame.elapsed();
                if since < window {
                    tokio::time::sleep(window - since).await;
                }
                let (frame, retry) = channel.take_frame(Instant::now());
                if let Some(frame) = frame {
                    crate::ops::metrics::frame_sent(channel.tx.send(frame).unwrap_or(0));
                    last_frame = Instant::now();
                }
                match retry {
                    Some(at) => {
                        let wait = at.saturating_duration_since(Instant::now());
                        tokio::select! {
                            _ = tokio::time::sleep(wait) => {}
                            _ = channel.wake.notified() => {}
                        }
                    }
                    None => break,
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(version: i64) -> Change {
        Change::new(1, version)
    }

    fn parse(frame: &Frame) -> serde_json::Value {
        serde_json::from_str(frame).unwrap()
    }

    fn channel() -> Channel {
        let (tx, _) = broadcast::channel(8);
        Channel {
            tx,
            order: Mutex::new(Ordering::default()),
            wake: Notify::new(),
            snapshot: tokio::sync::Mutex::new(None),
        }
    }

    #[test]
    fn changes_out_of_order_are_sent_in_order_as_one_merged_frame() {
        let c = channel();
        c.push(change(1));
        let (frame, _) = c.take_frame(Instant::now());
        assert_eq!(parse(&frame.unwrap())["version"], 1);
        c.push(change(3));
        let (frame, retry) = c.take_frame(Instant::now());
        assert!(frame.is_none(), "3 waits for 2");
        assert!(retry.is_some());
        c.push(change(2));
        let (frame, retry) = c.take_frame(Instant::now());
        let frame = parse(&frame.unwrap());
        assert_eq!(
            (frame["from"].as_i64(), frame["version"].as_i64()),
            (Some(2), Some(3))
        );
        assert!(retry.is_none());
    }

    #[test]
    fn a_gap_that_never_fills_is_sent_with_its_true_start_so_clients_resync() {
        let c = channel();
        c.push(change(1));
        c.take_frame(Instant::now());
        c.push(change(3));
        let (frame, _) = c.take_frame(Instant::now() + GAP_WAIT);
        let frame = parse(&frame.unwrap());
        assert_eq!(frame["from"], 3, "the frame shows the gap after 1");
        c.push(change(2));
        let (frame, _) = c.take_frame(Instant::now() + GAP_WAIT);
        assert!(
            frame.is_none(),
            "a change older than what was sent is dropped"
        );
    }
}
