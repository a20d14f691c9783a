//! How dates and times read to people ("Sat 24 Oct, 09:00 BST"), shared by
//! the pages and the audit log's texts so every screen says it one way.

use super::timezone::EventZone;
use chrono::{Datelike, NaiveDateTime, Utc};

/// A date and time as people read it ("Sat 24 Oct, 09:00"), with the year
/// when it is not this year's ("Sat 25 Oct 2025, 09:00"): past events and
/// the archive span years.
pub fn when(at: NaiveDateTime) -> String {
    when_seen_in(at, Utc::now().year(), "%H:%M")
}

fn when_seen_in(at: NaiveDateTime, this_year: i32, clock: &str) -> String {
    let day = if at.year() == this_year {
        "%a %-d %b"
    } else {
        "%a %-d %b %Y"
    };
    format!("{}, {}", at.format(day), at.format(clock))
}

/// A wall-clock time of an event with its zone's abbreviation ("Sat 24
/// Oct, 09:00 BST"), so people far from the venue read it right.
pub fn when_in(at: NaiveDateTime, zone: EventZone) -> String {
    format!("{} {}", when(at), zone.abbreviation(at))
}

/// A moment kept in UTC (a sign-up, a log entry) as the venue's clock read
/// it then, with the zone's abbreviation.
pub fn instant_in(utc: NaiveDateTime, zone: EventZone) -> String {
    when_in(zone.wall_clock(utc.and_utc()), zone)
}

/// The same to the second: the people view tells two people who share a
/// name apart by when they signed up, often in the same minute.
pub fn instant_to_the_second_in(utc: NaiveDateTime, zone: EventZone) -> String {
    let wall = zone.wall_clock(utc.and_utc());
    let shown = when_seen_in(wall, Utc::now().year(), "%H:%M:%S");
    format!("{shown} {}", zone.abbreviation(wall))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .expect("a valid date")
    }

    #[test]
    fn a_date_shows_its_year_only_when_it_is_not_this_year() {
        let at = at(2025, 10, 25, 9);
        assert_eq!(when_seen_in(at, 2025, "%H:%M"), "Sat 25 Oct, 09:00");
        assert_eq!(when_seen_in(at, 2026, "%H:%M"), "Sat 25 Oct 2025, 09:00");
        assert_eq!(
            when_seen_in(at, 2024, "%H:%M:%S"),
            "Sat 25 Oct 2025, 09:00:00"
        );
    }

    #[test]
    fn a_utc_moment_reads_as_the_venues_clock_with_its_zone() {
        let auckland = EventZone::parse("Pacific/Auckland").expect("a zone");
        let shown = instant_in(at(Utc::now().year(), 11, 21, 22), auckland);
        assert!(shown.ends_with(" 11:00 NZDT"), "{shown}");
        assert!(shown.contains(" 22 Nov"), "the next day there: {shown}");
        let precise = instant_to_the_second_in(at(Utc::now().year(), 11, 21, 22), auckland);
        assert!(precise.ends_with(" 11:00:00 NZDT"), "{precise}");
    }
}
