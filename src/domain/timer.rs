//! The projector's countdown timer, kept as times on the server's clock so
//! every display shows the same thing whatever its own clock says.

use chrono::NaiveDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    pub duration_ms: i64,
    /// Time left while paused (or before it starts).
    pub remaining_ms: i64,
    /// When it reaches zero, while running (UTC).
    pub ends_at: Option<NaiveDateTime>,
}

impl Timer {
    pub const MAX_MS: i64 = 24 * 3600 * 1000;

    pub fn running(&self) -> bool {
        self.ends_at.is_some()
    }

    pub fn remaining_at(&self, now: NaiveDateTime) -> i64 {
        match self.ends_at {
            Some(end) => (end - now).num_milliseconds().max(0),
            None => self.remaining_ms,
        }
    }

    pub fn start(self, now: NaiveDateTime) -> Self {
        if self.running() {
            return self;
        }
        let left = if self.remaining_ms > 0 {
            self.remaining_ms
        } else {
            self.duration_ms
        };
        Timer {
            ends_at: Some(now + chrono::Duration::milliseconds(left)),
            remaining_ms: left,
            ..self
        }
    }

    pub fn pause(self, now: NaiveDateTime) -> Self {
        Timer {
            remaining_ms: self.remaining_at(now),
            ends_at: None,
            ..self
        }
    }

    pub fn reset(self) -> Self {
        Timer {
            remaining_ms: self.duration_ms,
            ends_at: None,
            ..self
        }
    }

    /// Sets a new length (stopping and resetting the timer).
    pub fn set_duration(self, duration_ms: i64) -> Self {
        let d = duration_ms.clamp(1000, Self::MAX_MS);
        Timer {
            duration_ms: d,
            remaining_ms: d,
            ends_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + s, 0)
            .unwrap()
            .naive_utc()
    }

    #[test]
    fn a_timer_counts_down_pauses_resumes_and_resets() {
        let t = Timer {
            duration_ms: 120_000,
            remaining_ms: 120_000,
            ends_at: None,
        };
        let running = t.start(at(0));
        assert_eq!(running.remaining_at(at(30)), 90_000);
        let paused = running.pause(at(30));
        assert!(!paused.running());
        assert_eq!(
            paused.remaining_at(at(1000)),
            90_000,
            "paused time does not pass"
        );
        let resumed = paused.start(at(100));
        assert_eq!(resumed.remaining_at(at(190)), 0);
        assert_eq!(resumed.remaining_at(at(500)), 0, "never below zero");
        assert_eq!(resumed.reset().remaining_ms, 120_000);
        assert_eq!(
            t.start(at(0)).start(at(50)).remaining_at(at(60)),
            60_000,
            "starting twice changes nothing"
        );
    }

    #[test]
    fn a_finished_timer_starts_again_from_its_full_length_and_lengths_are_bounded() {
        let done = Timer {
            duration_ms: 60_000,
            remaining_ms: 0,
            ends_at: None,
        };
        assert_eq!(done.start(at(0)).remaining_at(at(0)), 60_000);
        assert_eq!(done.set_duration(0).duration_ms, 1000);
        assert_eq!(done.set_duration(i64::MAX).duration_ms, Timer::MAX_MS);
    }
}
