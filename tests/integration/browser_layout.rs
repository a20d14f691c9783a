//! Layout in headless Chromium with the worst text people can type: long
//! unbroken words, URLs and names on every page at phone, tablet and
//! desktop sizes, and in every projector scene (screenshots under
//! target/screenshots/long-*).

use crate::browser_harness::Browser;
use crate::helpers::{TestApp, User, extract_between};
use crate::teams::project_id;

/// One unbroken word of 120 characters.
pub fn long_title() -> String {
    "Dischargelettersforpatients".repeat(5)[..120].to_string()
}

/// A spreadsheet formula with a URL, then 100 letters without a space.
pub fn formula_title() -> String {
    format!(
        "=HYPERLINK(\"http://evil.example\",\"Clinic letters\"){}",
        "x".repeat(100)
    )
}

/// The longest name the sign-up form takes, without a space.
pub fn long_name() -> String {
    "Bartholomew".repeat(6)[..60].to_string()
}

/// An event at the results stage whose text is as long as it gets.
pub struct LongWords {
    pub organiser: User,
    /// Personal links of a second organiser, a judge, and a member of the
    /// long-titled team.
    pub links: Links,
    /// The long-titled project, the formula-titled one, a plain one.
    pub projects: [i64; 3],
    /// Prize ids, in the order the fixture reveals them (the first only).
    pub prizes: [String; 3],
}

pub struct Links {
    pub organiser: String,
    pub judge: String,
    pub attendee: String,
}

/// Titles are at most 80 characters on the form; older or imported data
/// may be longer, so the fixture lengthens two in the database.
async fn set_title(app: &TestApp, project: i64, title: &str) {
    use diesel::sql_types::{BigInt, Text};
    use diesel::{Connection, RunQueryDsl};
    let query = diesel::sql_query("UPDATE projects SET title = $1 WHERE id = $2")
        .bind::<Text, _>(title)
        .bind::<BigInt, _>(project);
    let url = app.database_url.clone();
    let done = if url.starts_with("postgres") {
        let mut conn = diesel::PgConnection::establish(&url).expect("connect to the test database");
        query.execute(&mut conn)
    } else {
        let mut conn = diesel::SqliteConnection::establish(&url).expect("open the test database");
        diesel::sql_query("PRAGMA busy_timeout = 5000")
            .execute(&mut conn)
            .expect("a busy timeout");
        query.execute(&mut conn)
    };
    assert_eq!(done.expect("update the title"), 1);
}

async fn post(user: &User, from: &str, to: &str, form: &[(&str, &str)]) {
    let page = user.post_with_csrf(from, to, form).await;
    assert_eq!(page.status.as_u16(), 303, "{to}: {}", page.body);
}

async fn prize(organiser: &User, name: &str, kind: &str) -> String {
    post(
        organiser,
        "/e/leeds/organise/judging",
        "/e/leeds/organise/prizes",
        &[("name", name), ("kind", kind)],
    )
    .await;
    let results = organiser.get("/e/leeds/organise/results").await;
    let section = extract_between(&results.body, &format!("<h2>{name}</h2>"), "</section>")
        .unwrap_or_else(|| panic!("the prize {name} on the results page"));
    extract_between(&section, "/organise/results/", "/winner").expect("a prize id")
}

pub async fn award(organiser: &User, prize: &str, project: i64, reveal: bool) {
    let p = project.to_string();
    let results = "/e/leeds/organise/results";
    post(
        organiser,
        results,
        &format!("{results}/{prize}/winner"),
        &[("project", &p)],
    )
    .await;
    if reveal {
        post(
            organiser,
            results,
            &format!("{results}/{prize}/reveal"),
            &[("show", "1")],
        )
        .await;
    }
}

pub async fn long_words_event(app: &TestApp) -> LongWords {
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let event_name = "Hackdayforhealthandcareinwestyorkshire".repeat(3)[..100].to_string();
    post(
        &organiser,
        "/e/leeds/organise",
        "/e/leeds/organise/settings",
        &[
            ("name", &event_name),
            ("venue", &"Nexusbuildinguniversityofleeds".repeat(4)[..120]),
            ("starts_at", ""),
            ("ends_at", ""),
            ("team_size_cap", "5"),
            ("join_code", ""),
        ],
    )
    .await;
    let name = long_name();
    let long = app.attendee("leeds", &name, &["clinician"]).await;
    let problem = format!("See https://example.org/{}", "a".repeat(300));
    let a = project_id(
        &long
            .pitch("leeds", &long_title()[..80], &problem, &["developer"])
            .await,
    );
    let priya = app.attendee("leeds", "Priya", &["designer"]).await;
    let b = project_id(
        &priya
            .pitch("leeds", &formula_title()[..80], "", &["clinician"])
            .await,
    );
    let ben = app.attendee("leeds", "Ben", &["developer"]).await;
    let c = project_id(&ben.pitch("leeds", "Ward bed board", "", &[]).await);
    set_title(app, a, &long_title()).await;
    set_title(app, b, &formula_title()).await;

    organiser.set_phase("leeds", "team_forming").await;
    let sam = app
        .attendee("leeds", &"Samanthajones".repeat(5)[..60], &["patient"])
        .await;
    post(&sam, "/e/leeds", &format!("/e/leeds/p/{a}/join"), &[]).await;
    organiser.set_phase("leeds", "hacking").await;
    post(
        &organiser,
        "/e/leeds/organise",
        "/e/leeds/organise/schedule",
        &[
            ("kind", "submission_deadline"),
            ("label", &"Demosdue".repeat(10)),
            ("at", "2099-11-22T13:30"),
        ],
    )
    .await;
    let repo = format!("https://github.com/nhs/{}", "b".repeat(100));
    let built = format!("Built {}", "c".repeat(400));
    post(
        &sam,
        &format!("/e/leeds/p/{a}"),
        &format!("/e/leeds/p/{a}/submission"),
        &[
            ("repo_url", &repo),
            (
                "demo_url",
                &format!("https://demo.example/{}", "d".repeat(100)),
            ),
            ("built", &built),
            ("licence", "MIT"),
        ],
    )
    .await;

    organiser.set_phase("leeds", "judging").await;
    post(
        &organiser,
        "/e/leeds/organise/judging",
        "/e/leeds/organise/criteria/defaults",
        &[],
    )
    .await;
    let judge_name = "Judgeadaobi".repeat(6)[..60].to_string();
    let judge_link = invite(app, &organiser, &judge_name, "judge").await;
    let judge = app.visitor();
    judge.get(&format!("/signin/{judge_link}")).await;
    let long_prize = "Bestinshowforpatientsandstaff".repeat(3)[..60].to_string();
    let prizes = [
        prize(&organiser, &long_prize, "special").await,
        prize(&organiser, "Patients award", "special").await,
        prize(&organiser, "Best design", "judged").await,
    ];
    for open in [("judging", "open"), ("voting", "open")] {
        post(
            &organiser,
            "/e/leeds/organise/judging",
            "/e/leeds/organise/judging/open",
            &[open],
        )
        .await;
    }
    let panel = judge.get("/e/leeds/judge").await;
    let mut scores: Vec<String> = panel
        .body
        .split("name=\"score_")
        .skip(1)
        .map(|s| format!("score_{}", &s[..s.find('"').expect("a field name")]))
        .collect();
    scores.sort();
    scores.dedup();
    let form: Vec<(&str, &str)> = scores.iter().map(|k| (k.as_str(), "4")).collect();
    for project in [a, b] {
        post(
            &judge,
            "/e/leeds/judge",
            &format!("/e/leeds/judge/p/{project}"),
            &form,
        )
        .await;
    }
    post(
        &organiser,
        "/e/leeds/organise/order",
        "/e/leeds/organise/present",
        &[("op", "next")],
    )
    .await;
    award(&organiser, &prizes[0], a, true).await;
    award(&organiser, &prizes[1], b, false).await;
    award(&organiser, &prizes[2], c, false).await;
    let attendee = extract_between(&sam.get("/e/leeds/me").await.body, "/signin/", "\"")
        .expect("Sam's personal link");
    let links = Links {
        organiser: invite(app, &organiser, "Olu Second", "organiser").await,
        judge: judge_link,
        attendee,
    };
    LongWords {
        organiser,
        links,
        projects: [a, b, c],
        prizes,
    }
}

/// Signs the browser in with a personal link.
pub async fn sign_in(browser: &Browser, app: &TestApp, link: &str) {
    let c = &browser.client;
    c.delete_all_cookies().await.expect("sign out");
    c.goto(&format!("{}/signin/{link}", app.address))
        .await
        .expect("open the sign-in link");
}

/// A new personal link for someone added on the organiser page.
async fn invite(app: &TestApp, organiser: &User, name: &str, role: &str) -> String {
    let page = organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/people",
            &[("name", name), ("role", role)],
        )
        .await;
    page.assert_status(200);
    extract_between(&page.body, &format!("{}/signin/", app.address), "\"").expect("a link")
}

/// Opens a page and lists what is wider than the window.
async fn page_problems(browser: &Browser, url: &str) -> Vec<String> {
    browser.client.goto(url).await.expect("open the page");
    browser
        .wait_for("document.readyState === 'complete'", 10)
        .await;
    let found = browser
        .client
        .execute(
            "const w = document.documentElement.scrollWidth; return w > innerWidth ? [`the page is ${w}px wide in a ${innerWidth}px window`] : [];",
            vec![],
        )
        .await
        .expect("measure the page");
    serde_json::from_value(found).expect("a list")
}

/// What on the projector runs off the screen or out of its card.
pub const PROJECTOR_PROBLEMS: &str = r#"
const W = innerWidth, H = innerHeight, out = [];
const name = el => el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + [...el.classList].join('.');
if (document.documentElement.scrollWidth > W) out.push(`the page is ${document.documentElement.scrollWidth}px wide`);
const shown = el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
// What is left of an element's box once ancestors that clip (an ellipsis,
// a line clamp) have cut it; null when nothing of it shows.
const visibleBox = el => {
  let r = el.getBoundingClientRect(), box = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflow === 'visible') continue;
    const c = a.getBoundingClientRect();
    box = { left: Math.max(box.left, c.left), right: Math.min(box.right, c.right), top: Math.max(box.top, c.top), bottom: Math.min(box.bottom, c.bottom) };
  }
  return box.left < box.right && box.top < box.bottom ? box : null;
};
for (const el of document.querySelectorAll('#stage *')) {
  if (!shown(el) || el.closest('#board')) continue;
  const r = visibleBox(el);
  if (!r) continue;
  if (r.left < -1 || r.right > W + 1 || r.top < -1 || r.bottom > H + 1)
    out.push(`${name(el)} runs off the screen (${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)})`);
}
for (const card of document.querySelectorAll('.display-card:not(.offpage), #r-all > li')) {
  if (!shown(card)) continue;
  const c = card.getBoundingClientRect();
  if (card.scrollWidth > card.clientWidth + 1 || card.scrollHeight > card.clientHeight + 1)
    out.push(`${name(card)} overflows (${card.scrollWidth}x${card.scrollHeight} in ${card.clientWidth}x${card.clientHeight})`);
  for (const el of card.querySelectorAll('*')) {
    const r = visibleBox(el);
    if (!r) continue;
    if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1)
      out.push(`${name(el)} runs out of its card ${name(card)}`);
  }
}
return out;
"#;

pub async fn projector_problems(screen: &Browser) -> Vec<String> {
    let found = screen
        .client
        .execute(PROJECTOR_PROBLEMS, vec![])
        .await
        .expect("measure the projector");
    serde_json::from_value(found).expect("a list")
}

pub async fn show_scene(organiser: &User, scene: &str) {
    post(
        organiser,
        "/e/leeds/organise",
        "/e/leeds/organise/display/scene",
        &[("scene", scene)],
    )
    .await;
}

pub fn scene_shown(scene: &str) -> String {
    format!(
        "document.body.getAttribute('data-scene') === '{scene}' && window.hackdayLive.connected"
    )
}

async fn every_page_fits(app: &TestApp, event: &LongWords) -> Vec<String> {
    let [a, _, _] = event.projects;
    let base = &app.address;
    let links = &event.links;
    let pages: [(&str, &str, String); 8] = [
        ("event", &links.attendee, format!("{base}/e/leeds")),
        ("me", &links.attendee, format!("{base}/e/leeds/me")),
        ("project", &links.attendee, format!("{base}/e/leeds/p/{a}")),
        ("vote", &links.attendee, format!("{base}/e/leeds/vote")),
        (
            "archive",
            &links.attendee,
            format!("{base}/e/leeds/projects"),
        ),
        ("judge", &links.judge, format!("{base}/e/leeds/judge")),
        (
            "organise",
            &links.organiser,
            format!("{base}/e/leeds/organise"),
        ),
        (
            "results",
            &links.organiser,
            format!("{base}/e/leeds/organise/results"),
        ),
    ];
    let mut problems = Vec::new();
    for (width, height) in [(390, 844), (820, 1180), (1920, 1080)] {
        let browser = Browser::start(width, height).await;
        for (name, user, url) in &pages {
            sign_in(&browser, app, user).await;
            for p in page_problems(&browser, url).await {
                problems.push(format!("{name} at {width}x{height}: {p}"));
            }
            browser
                .screenshot(&format!("long-{name}-{width}x{height}"))
                .await;
        }
        browser.close().await;
    }
    problems
}

async fn every_scene_fits(app: &TestApp, event: &LongWords) -> Vec<String> {
    let screens = [
        Browser::start(1920, 1080).await,
        Browser::start(1280, 720).await,
    ];
    for screen in &screens {
        screen
            .client
            .goto(&format!("{}/e/leeds/display", app.address))
            .await
            .expect("open the projector");
        screen
            .wait_for("window.hackdayLive && window.hackdayLive.version >= 0", 10)
            .await;
    }
    let mut problems = Vec::new();
    let scenes = [
        "welcome",
        "pitching",
        "team_forming",
        "hacking",
        "presentations",
        "judging",
        "results",
    ];
    for scene in scenes {
        show_scene(&event.organiser, scene).await;
        for screen in &screens {
            screen.wait_for(&scene_shown(scene), 10).await;
            let size: Vec<i64> = serde_json::from_value(
                screen
                    .client
                    .execute("return [innerWidth, innerHeight];", vec![])
                    .await
                    .expect("the window size"),
            )
            .expect("two numbers");
            let label = format!("{scene} at {}x{}", size[0], size[1]);
            for p in projector_problems(screen).await {
                problems.push(format!("{label}: {p}"));
            }
            screen
                .screenshot(&format!("long-display-{scene}-{}x{}", size[0], size[1]))
                .await;
        }
    }
    // Every winner revealed: the list of all winners.
    award(&event.organiser, &event.prizes[1], event.projects[1], true).await;
    award(&event.organiser, &event.prizes[2], event.projects[2], true).await;
    for screen in &screens {
        screen
            .wait_for("document.getElementById('r-all').children.length === 3", 10)
            .await;
        for p in projector_problems(screen).await {
            problems.push(format!("all winners: {p}"));
        }
    }
    screens[0]
        .screenshot("long-display-all-winners-1920x1080")
        .await;
    screens[1]
        .screenshot("long-display-all-winners-1280x720")
        .await;
    for screen in screens {
        screen.close().await;
    }
    problems
}

on_both_databases! {
    async fn long_words_urls_and_names_wrap_or_clip_on_every_page_and_projector_scene_at_every_size(app: TestApp) {
        let event = long_words_event(&app).await;
        let mut problems = every_page_fits(&app, &event).await;
        problems.extend(every_scene_fits(&app, &event).await);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

on_both_databases! {
    async fn the_archive_trophy_needs_no_emoji_font_and_results_tables_stay_inside_their_panels_at_1280(app: TestApp) {
        let event = long_words_event(&app).await;
        let browser = Browser::start(1280, 800).await;
        sign_in(&browser, &app, &event.links.organiser).await;
        let c = &browser.client;
        c.goto(&format!("{}/e/leeds/projects", app.address)).await.expect("the archive");
        let trophy: Vec<String> = serde_json::from_value(
            c.execute(
                "return [...document.querySelectorAll('.prize-won')].map(p => { const svg = p.querySelector('svg'); return (svg && svg.getBoundingClientRect().width > 0 ? 'drawn ' : 'no icon ') + (/\\p{Extended_Pictographic}/u.test(p.textContent) ? 'emoji' : 'text') + ': ' + p.textContent.trim(); });",
                vec![],
            )
            .await
            .expect("the prizes"),
        )
        .expect("a list");
        assert_eq!(trophy.len(), 1, "{trophy:?}");
        assert!(trophy[0].starts_with("drawn text: Winner:"), "{trophy:?}");
        browser.screenshot("archive-trophy-1280x800").await;
        c.goto(&format!("{}/e/leeds/organise/results", app.address)).await.expect("the results");
        let overflowing: Vec<String> = serde_json::from_value(
            c.execute(
                "return [...document.querySelectorAll('.panel')].filter(p => p.querySelector('table')).filter(p => { const r = p.getBoundingClientRect(); return p.scrollWidth > p.clientWidth || [...p.querySelectorAll('table, th, td')].some(e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.right > r.right + 0.5 && e.closest('.table-wrap') === null; }); }).map(p => p.id);",
                vec![],
            )
            .await
            .expect("the panels"),
        )
        .expect("a list");
        let tables = c
            .execute("return document.querySelectorAll('.panel table').length;", vec![])
            .await
            .expect("tables");
        assert!(tables.as_u64() > Some(0), "a ranking table is shown");
        c.execute("document.querySelector('.panel table').scrollIntoView(); return true;", vec![])
            .await
            .expect("scroll");
        browser.screenshot("results-table-1280x800").await;
        assert!(overflowing.is_empty(), "tables overflow their panels: {overflowing:?}");
        browser.close().await;
    }
}
