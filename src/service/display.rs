//! The projector: which scene it shows (following the phase, or as an
//! organiser chose) and its shared countdown timer.

use super::change::organiser_change;
use super::{Claim, ServiceResult};
use crate::domain::audit::AuditAction;
use crate::domain::timer::Timer;
use crate::live::Live;
use crate::store::{self, Store};

/// The scenes a projector can show.
pub const SCENES: [(&str, &str); 7] = [
    ("welcome", "Welcome"),
    ("pitching", "Pitching"),
    ("team_forming", "Team forming"),
    ("hacking", "Hacking"),
    ("presentations", "Presentations"),
    ("judging", "Judging"),
    ("results", "Results"),
];

/// Chooses the projector's scene; `None` (or an unknown name) follows the phase.
pub async fn set_scene(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    scene: Option<String>,
) -> ServiceResult<()> {
    let scene = scene.and_then(|s| SCENES.iter().find(|(k, _)| *k == s).map(|(k, _)| *k));
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        store::events::set_display_scene(conn, event.id, scene)?;
        let label = SCENES
            .iter()
            .find(|(k, _)| Some(*k) == scene)
            .map_or("follow the phase", |(_, label)| label);
        fx.audit(AuditAction::DisplayScene, label);
        Ok(())
    })
    .await
}

pub enum TimerChange {
    Start,
    Pause,
    Reset,
    /// A new length in seconds (stops and resets it).
    Length(i64),
}

pub async fn timer(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    change: TimerChange,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let now = chrono::Utc::now().naive_utc();
        let t = store::events::timer(conn, event.id)?;
        let (t, what): (Timer, String) = match change {
            TimerChange::Start => (t.start(now), "started".into()),
            TimerChange::Pause => (t.pause(now), "paused".into()),
            TimerChange::Reset => (t.reset(), "reset".into()),
            TimerChange::Length(seconds) => (
                t.set_duration(seconds.saturating_mul(1000)),
                format!("set to {seconds} s"),
            ),
        };
        store::events::set_timer(conn, event.id, t)?;
        fx.audit(AuditAction::Timer, what);
        Ok(())
    })
    .await
}
