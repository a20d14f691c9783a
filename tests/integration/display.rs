//! The projector at 1920x1080 in headless Chromium: every scene rendered
//! (screenshots under target/screenshots), live joins and reveals, timers
//! on the server's clock, and recovery after a server restart.

use crate::browser_harness::Browser;
use crate::helpers::{Db, TestApp, User, extract_between};
use crate::teams::project_id;

async fn scene(organiser: &User, name: &str) {
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/display/scene",
            &[("scene", name)],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
}

async fn timer(organiser: &User, op: &str, minutes: &str) {
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/display/timer",
            &[("op", op), ("minutes", minutes)],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
}

fn visible(name: &str) -> String {
    format!(
        "document.querySelector('[data-scene={name}]') && !document.querySelector('[data-scene={name}]').hidden"
    )
}

/// Checks nothing visible on the stage is smaller than 28 px.
async fn assert_readable(screen: &Browser) {
    let smallest: f64 = screen
        .client
        .execute(
            "let min = 1000; document.querySelectorAll('#stage *').forEach(el => { if (el.offsetParent !== null && el.childNodes.length && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) { min = Math.min(min, parseFloat(getComputedStyle(el).fontSize)); } }); return min;",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(
        smallest >= 28.0,
        "the smallest visible text is {smallest}px"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_scene_renders_on_a_1080p_projector_and_follows_the_day_live() {
    let mut app = TestApp::spawn(Db::Sqlite).await;
    let organiser = app.event_in_phase("leeds", "pitching").await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/settings",
            &[
                ("name", "NHS Hack Day Leeds"),
                ("venue", "Nexus"),
                ("starts_at", ""),
                ("ends_at", ""),
                ("team_size_cap", "5"),
                ("join_code", "WARD77"),
                ("show_join_code", "on"),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    let screen = Browser::start(1920, 1080).await;
    screen
        .client
        .goto(&format!("{}/e/leeds/display", app.address))
        .await
        .unwrap();
    screen
        .wait_for("window.hackdayLive && window.hackdayLive.version >= 0", 10)
        .await;
    screen
        .client
        .execute("window.__notReloaded = true; return true;", vec![])
        .await
        .unwrap();

    // Welcome: before any pitch, with the QR code and the join code.
    screen.wait_for(&visible("welcome"), 10).await;
    screen
        .wait_for(
            "document.getElementById('w-code-value').textContent === 'WARD77'",
            5,
        )
        .await;
    screen
        .wait_for("document.querySelector('.qr-big').naturalWidth > 0", 5)
        .await;
    assert_readable(&screen).await;
    screen.screenshot("display-1-welcome").await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/settings",
            &[
                ("name", "NHS Hack Day Leeds"),
                ("venue", "Nexus"),
                ("starts_at", ""),
                ("ends_at", ""),
                ("team_size_cap", "5"),
                ("join_code", ""),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    screen
        .wait_for("document.getElementById('w-code').hidden", 10)
        .await;

    // Pitching: who is pitching, a two-minute timer on the server's clock, who is next.
    let mut pitchers = Vec::new();
    let mut projects = Vec::new();
    for (name, title) in [
        ("Priya", "Ward bed board"),
        ("Ben", "Clinic waiting texts"),
        ("Carl", "Falls check at the bedside"),
    ] {
        let p = app.attendee("leeds", name, &["clinician"]).await;
        projects.push(project_id(
            &p.pitch("leeds", title, "", &["developer", "designer"])
                .await,
        ));
        pitchers.push(p);
    }
    organiser
        .post_with_csrf(
            "/e/leeds/organise/order",
            "/e/leeds/organise/present",
            &[("op", "next")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/order");
    timer(&organiser, "length", "2").await;
    timer(&organiser, "start", "").await;
    screen.wait_for(&visible("pitching"), 10).await;
    screen
        .wait_for(
            "document.getElementById('p-now').textContent === 'Ward bed board'",
            10,
        )
        .await;
    screen
        .wait_for(
            "document.getElementById('p-next').textContent === 'Clinic waiting texts'",
            5,
        )
        .await;
    screen.wait_for("['1:59','2:00','1:58'].includes(document.querySelector('[data-scene=pitching] [data-timer]').textContent)", 5).await;
    assert_readable(&screen).await;
    screen.screenshot("display-2-pitching").await;
    timer(&organiser, "pause", "").await;
    screen.wait_for("document.querySelector('[data-scene=pitching] [data-timer]').classList.contains('paused')", 10).await;

    // Team forming: teams fill up live; a join shows up as a brief change.
    organiser.set_phase("leeds", "team_forming").await;
    screen.wait_for(&visible("team_forming"), 10).await;
    let sam = app.attendee("leeds", "Sam", &["designer"]).await;
    sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{}/join", projects[0]), &[])
        .await
        .assert_redirect_to("/e/leeds");
    let card = format!("document.getElementById('project-{}')", projects[0]);
    screen
        .wait_for(
            &format!(
                "{card}.textContent.includes('2 / 5') && {card}.classList.contains('changed')"
            ),
            10,
        )
        .await;
    assert_readable(&screen).await;
    screen.screenshot("display-3-team-forming").await;

    // Hacking: a countdown to the submission deadline and how many submitted.
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/schedule",
            &[
                ("kind", "submission_deadline"),
                ("label", "Demos due"),
                ("at", "2099-11-22T13:30"),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    organiser.set_phase("leeds", "hacking").await;
    pitchers[1]
        .post_with_csrf(
            &format!("/e/leeds/p/{}", projects[1]),
            &format!("/e/leeds/p/{}/submission", projects[1]),
            &[("repo_url", "https://github.com/nhs/texts")],
        )
        .await
        .assert_redirect_to("/e/leeds/p/");
    screen.wait_for(&visible("hacking"), 10).await;
    screen.wait_for("document.getElementById('submitted-count').textContent === '1' && /\\d+:\\d\\d:\\d\\d/.test(document.getElementById('h-countdown').textContent)", 10).await;
    assert_readable(&screen).await;
    screen.screenshot("display-4-hacking").await;

    // Presentations: now presenting, its timer, who is next.
    organiser.set_phase("leeds", "judging").await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise/order",
            "/e/leeds/organise/present",
            &[("op", "stop")],
        )
        .await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise/order",
            "/e/leeds/organise/present",
            &[("op", "next")],
        )
        .await;
    timer(&organiser, "length", "3").await;
    timer(&organiser, "start", "").await;
    screen.wait_for(&visible("presentations"), 10).await;
    screen.wait_for("document.getElementById('pr-now').textContent === 'Ward bed board' && document.getElementById('pr-next').textContent === 'Clinic waiting texts'", 10).await;
    assert_readable(&screen).await;
    screen.screenshot("display-5-presentations").await;

    // Judging: how far judging has got, never a score.
    organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/criteria/defaults",
            &[],
        )
        .await;
    let page = organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/people",
            &[("name", "Judge Ada"), ("role", "judge")],
        )
        .await;
    let link = extract_between(&page.body, &format!("{}/signin/", app.address), "\"").unwrap();
    let judge = app.visitor();
    judge.get(&format!("/signin/{link}")).await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/judging/open",
            &[("judging", "open")],
        )
        .await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise/order",
            "/e/leeds/organise/present",
            &[("op", "stop")],
        )
        .await;
    let panel = judge.get("/e/leeds/judge").await;
    let mut ids: Vec<String> = panel
        .body
        .split("name=\"score_")
        .skip(1)
        .map(|s| format!("score_{}", &s[..s.find('"').unwrap()]))
        .collect();
    ids.sort();
    ids.dedup();
    let form: Vec<(&str, &str)> = ids.iter().map(|k| (k.as_str(), "4")).collect();
    judge
        .post_with_csrf(
            "/e/leeds/judge",
            &format!("/e/leeds/judge/p/{}", projects[0]),
            &form,
        )
        .await
        .assert_redirect_to("/e/leeds/judge");
    screen.wait_for(&visible("judging"), 10).await;
    screen.wait_for("document.getElementById('j-done').textContent === '1' && document.getElementById('j-total').textContent === '3'", 10).await;
    assert_readable(&screen).await;
    screen.screenshot("display-6-judging").await;

    // Results: prizes revealed one at a time, then all winners.
    organiser.set_phase("leeds", "results").await;
    for (name, project) in [
        ("Best in show", projects[0]),
        ("Patients' award", projects[2]),
    ] {
        organiser
            .post_with_csrf(
                "/e/leeds/organise/judging",
                "/e/leeds/organise/prizes",
                &[("name", name), ("kind", "special")],
            )
            .await;
        let results = organiser.get("/e/leeds/organise/results").await;
        let heading = format!("<h2>{}</h2>", name.replace('\'', "&#x27;"));
        let section = extract_between(&results.body, &heading, "</section>")
            .unwrap_or_else(|| panic!("{heading} in {}", results.body));
        let prize = extract_between(&section, "/organise/results/", "/winner").unwrap();
        let p = project.to_string();
        organiser
            .post_with_csrf(
                "/e/leeds/organise/results",
                &format!("/e/leeds/organise/results/{prize}/winner"),
                &[("project", &p)],
            )
            .await;
        organiser
            .post_with_csrf(
                "/e/leeds/organise/results",
                &format!("/e/leeds/organise/results/{prize}/reveal"),
                &[("show", "1")],
            )
            .await
            .assert_redirect_to("/e/leeds/organise/results");
        screen.wait_for(&visible("results"), 10).await;
        screen
            .wait_for(
                &format!("document.getElementById('r-prize').textContent === {name:?}"),
                10,
            )
            .await;
    }
    screen.wait_for("document.getElementById('r-title').textContent === 'Falls check at the bedside' && document.getElementById('r-all').children.length === 2", 5).await;
    assert_readable(&screen).await;
    screen.screenshot("display-7-results").await;

    // An organiser can switch scenes by hand, and back to following the phase.
    scene(&organiser, "welcome").await;
    screen.wait_for(&visible("welcome"), 10).await;
    scene(&organiser, "auto").await;
    screen.wait_for(&visible("results"), 10).await;

    // A server restart: the display shows it is reconnecting, then recovers by itself.
    app.stop().await;
    screen
        .wait_for("!document.getElementById('live-status').hidden", 15)
        .await;
    screen.screenshot("display-8-reconnecting").await;
    app.start_again().await;
    screen.wait_for("window.__notReloaded && window.hackdayLive.connected && document.getElementById('live-status').hidden", 20).await;
    scene(&organiser, "team_forming").await;
    screen.wait_for(&visible("team_forming"), 10).await;
    screen.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_displays_show_the_same_timer_whatever_their_own_clocks_say() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    priya.pitch("leeds", "Ward bed board", "", &[]).await;
    scene(&organiser, "pitching").await;
    timer(&organiser, "length", "10").await;
    timer(&organiser, "start", "").await;
    let a = Browser::start(1920, 1080).await;
    let b = Browser::start(1920, 1080).await;
    // Display B's own clock is five minutes fast.
    for (screen, skew) in [(&a, 0), (&b, 300_000)] {
        screen
            .client
            .goto(&format!("{}/e/leeds/display", app.address))
            .await
            .unwrap();
        screen
            .client
            .execute(
                &format!("const real = Date.now; Date.now = () => real() + {skew}; return true;"),
                vec![],
            )
            .await
            .unwrap();
        screen
            .wait_for("window.hackdayLive && window.hackdayLive.version >= 0", 10)
            .await;
        screen
            .client
            .execute(
                "window.hackdayLive && (window.hackdayLive.offset = 0); return true;",
                vec![],
            )
            .await
            .unwrap();
    }
    // Within 20 s each display pings and learns the server's clock.
    for screen in [&a, &b] {
        screen.wait_for("(() => { const t = document.querySelector('[data-scene=pitching] [data-timer]').textContent; return t.startsWith('9:') || t === '10:00'; })()", 30).await;
    }
    a.close().await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_board_with_more_teams_than_fit_shows_them_a_screenful_at_a_time() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let organiser = app.event_in_phase("leeds", "pitching").await;
    for i in 0..30 {
        let p = app
            .attendee("leeds", &format!("Pitcher {i}"), &["clinician"])
            .await;
        p.pitch(
            "leeds",
            &format!("Idea number {i} with a longer title"),
            "",
            &["developer", "designer"],
        )
        .await;
    }
    organiser.set_phase("leeds", "team_forming").await;
    let screen = Browser::start(1920, 1080).await;
    screen
        .client
        .goto(&format!("{}/e/leeds/display", app.address))
        .await
        .unwrap();
    screen.wait_for(&visible("team_forming"), 10).await;
    screen
        .wait_for(
            "document.getElementById('board').children.length === 30",
            10,
        )
        .await;
    screen.wait_for("!document.getElementById('board-page').hidden && document.getElementById('board-page').textContent.includes('page 2 of')", 12).await;
    screen.screenshot("display-3b-team-forming-page-2").await;
    // No card is cut in two at the top of a page.
    let cut: bool = screen
        .client
        .execute(
            "const b = document.getElementById('board'); const top = b.firstElementChild.offsetTop; return [...b.children].some(c => c.offsetTop - top < b.scrollTop && c.offsetTop - top + c.offsetHeight > b.scrollTop + 1);",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(!cut);
    screen
        .wait_for(
            "document.getElementById('board-page').textContent.includes('page 1 of')",
            20,
        )
        .await;
    screen.close().await;
}
