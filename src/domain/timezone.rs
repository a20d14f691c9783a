//! An event's own IANA time zone. Schedule times, the start and the end are
//! kept as the event's wall-clock times (what organisers type and attendees
//! read); this module is the one place they become instants, so deadlines,
//! countdowns and the late flag never depend on the server's own zone.

use super::validation::Invalid;
use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The zone of an event, parsed from its IANA name (`Europe/London`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventZone(Tz);

impl Default for EventZone {
    fn default() -> Self {
        Self(chrono_tz::Europe::London)
    }
}

impl EventZone {
    /// The zone of events made before zones existed, and of new ones unless chosen.
    pub const DEFAULT_NAME: &'static str = "Europe/London";

    /// Parses an IANA zone name as typed (case and spaces forgiven).
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Invalid::new(
                "time_zone",
                "Choose the event's time zone, like Europe/London",
            ));
        }
        raw.parse::<Tz>()
            .ok()
            .or_else(|| {
                chrono_tz::TZ_VARIANTS
                    .iter()
                    .find(|tz| tz.name().eq_ignore_ascii_case(raw))
                    .copied()
            })
            .map(Self)
            .ok_or(())
            .map_err(|_| {
                Invalid::new(
                    "time_zone",
                    "Give the time zone as its IANA name, like Europe/London, \
                     America/New_York or Australia/Sydney",
                )
            })
    }

    /// A zone read back from the database; an unknown name (never written by
    /// this app) falls back to London rather than failing the page.
    pub fn from_stored(raw: &str) -> Self {
        raw.parse::<Tz>().map(Self).unwrap_or_default()
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The instant a wall-clock time of this zone names. In the hour that
    /// happens twice when clocks go back, the first; in the hour that never
    /// happens when clocks go forward, the clocks had already moved on, so it
    /// is read an hour later (02:30 is 03:30).
    pub fn instant(&self, wall: NaiveDateTime) -> DateTime<Utc> {
        match self.0.from_local_datetime(&wall).earliest() {
            Some(t) => t.with_timezone(&Utc),
            None => self
                .0
                .from_local_datetime(&(wall + Duration::hours(1)))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| wall.and_utc()),
        }
    }

    /// The wall-clock time of this zone at an instant.
    pub fn wall_clock(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.0).naive_local()
    }

    /// Whether the wall-clock time `wall` of this zone has passed at `now`.
    pub fn has_passed(&self, wall: NaiveDateTime, now: DateTime<Utc>) -> bool {
        now > self.instant(wall)
    }

    /// A wall-clock time of this zone with the zone's offset at that moment,
    /// as RFC 3339 (`2026-10-24T09:00:00+01:00`): what other programs need
    /// to place it in time.
    pub fn with_offset(&self, wall: NaiveDateTime) -> String {
        self.instant(wall)
            .with_timezone(&self.0)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    }

    /// The zone's abbreviation at that wall-clock time (GMT, BST, EST...).
    pub fn abbreviation(&self, wall: NaiveDateTime) -> String {
        self.instant(wall)
            .with_timezone(&self.0)
            .format("%Z")
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("a valid date")
    }

    #[test]
    fn a_wall_clock_time_carries_its_zones_offset_of_that_day() {
        let london = EventZone::parse("Europe/London").unwrap();
        assert_eq!(
            london.with_offset(at(2026, 3, 28, 9, 0)),
            "2026-03-28T09:00:00+00:00"
        );
        assert_eq!(
            london.with_offset(at(2026, 3, 29, 9, 0)),
            "2026-03-29T09:00:00+01:00"
        );
        let new_york = EventZone::parse("America/New_York").unwrap();
        assert_eq!(
            new_york.with_offset(at(2026, 12, 5, 9, 0)),
            "2026-12-05T09:00:00-05:00"
        );
    }

    #[test]
    fn zones_parse_by_iana_name_and_refuse_anything_else_with_a_message() {
        assert_eq!(
            EventZone::parse(" america/new_york ").unwrap().name(),
            "America/New_York"
        );
        let err = EventZone::parse("Mars/Olympus").unwrap_err();
        assert_eq!(err.field, "time_zone");
        assert!(err.message.contains("IANA name"), "{}", err.message);
        assert!(EventZone::parse("").is_err());
        assert_eq!(EventZone::from_stored("nonsense").name(), "Europe/London");
    }

    #[test]
    fn the_same_wall_clock_time_is_a_different_instant_in_london_and_new_york() {
        let london = EventZone::parse("Europe/London").unwrap();
        let new_york = EventZone::parse("America/New_York").unwrap();
        let wall = at(2026, 11, 22, 13, 30);
        assert_eq!(london.instant(wall), at(2026, 11, 22, 13, 30).and_utc());
        assert_eq!(new_york.instant(wall), at(2026, 11, 22, 18, 30).and_utc());
        assert_eq!(new_york.abbreviation(wall), "EST");
    }

    #[test]
    fn across_the_autumn_change_an_hour_that_happens_twice_is_read_as_the_first() {
        let london = EventZone::parse("Europe/London").unwrap();
        // BST before 01:00 UTC on 25 Oct 2026, GMT after.
        assert_eq!(
            london.instant(at(2026, 10, 24, 17, 0)),
            at(2026, 10, 24, 16, 0).and_utc()
        );
        assert_eq!(
            london.instant(at(2026, 10, 26, 17, 0)),
            at(2026, 10, 26, 17, 0).and_utc()
        );
        assert_eq!(
            london.instant(at(2026, 10, 25, 1, 30)),
            at(2026, 10, 25, 0, 30).and_utc()
        );
        assert_eq!(london.abbreviation(at(2026, 10, 24, 12, 0)), "BST");
        assert_eq!(london.abbreviation(at(2026, 10, 26, 12, 0)), "GMT");
    }

    #[test]
    fn a_time_in_the_spring_gap_is_read_an_hour_later() {
        let london = EventZone::parse("Europe/London").unwrap();
        assert_eq!(
            london.instant(at(2026, 3, 29, 1, 30)),
            at(2026, 3, 29, 1, 30).and_utc()
        );
        assert_eq!(
            london.wall_clock(at(2026, 3, 29, 1, 30).and_utc()),
            at(2026, 3, 29, 2, 30)
        );
    }
}
