//! The whole day in a real headless Chromium, as new users would try it:
//! an admin sets up the umbrella and two local organisers run their own
//! events in two time zones without the admin (issue 2.4); and one
//! organiser runs a whole day from the console's next-step button alone
//! (issue 2.5). Screenshots of every page a person would look at.

use crate::browser_harness::Browser;
use crate::helpers::*;

/// One person's browser on this server (also used by the umbrella move's
/// browser test).
pub(crate) struct Tab {
    pub(crate) browser: Browser,
    pub(crate) base: String,
}

/// Fills the fields of the form `form` (CSS selectors inside it; the value
/// `"tick"` ticks a checkbox) and presses its button `button` (or its
/// first submit button), then waits for the next page.
const SUBMIT: &str = r#"
const [form, fields, button] = arguments;
const f = document.querySelector(form);
if (!f) return 'no form ' + form;
for (const [sel, value] of fields) {
  const el = f.querySelector(sel);
  if (!el) return 'no field ' + sel;
  if (value === 'tick') el.checked = true; else el.value = value;
}
const b = button ? f.querySelector(button) : f.querySelector('button[type=submit], button:not([type])');
if (!b) return 'no button in ' + form;
window.__leaving = true;
b.click();
return 'ok';
"#;

impl Tab {
    pub(crate) async fn start(app: &TestApp, width: u32, height: u32) -> Self {
        Tab {
            browser: Browser::start(width, height).await,
            base: app.address.clone(),
        }
    }

    /// Opens a page of this server and waits until it has loaded.
    pub(crate) async fn open(&self, path: &str) {
        self.browser
            .client
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("open the page");
        self.loaded().await;
    }

    pub(crate) async fn loaded(&self) {
        self.browser
            .wait_for(
                "!window.__leaving && document.readyState === 'complete'",
                15,
            )
            .await;
    }

    pub(crate) async fn submit(&self, form: &str, fields: &[(&str, &str)], button: Option<&str>) {
        let fields: Vec<[&str; 2]> = fields.iter().map(|(s, v)| [*s, *v]).collect();
        let said = self
            .browser
            .client
            .execute(
                SUBMIT,
                vec![
                    form.into(),
                    serde_json::json!(fields),
                    button.map_or(serde_json::Value::Null, Into::into),
                ],
            )
            .await
            .expect("submit the form");
        assert_eq!(said, "ok", "{form} on {}", self.path().await);
        self.loaded().await;
    }

    pub(crate) async fn js(&self, script: &str) -> serde_json::Value {
        self.browser
            .client
            .execute(script, vec![])
            .await
            .expect("run the script")
    }

    pub(crate) async fn text(&self, selector: &str) -> String {
        let script =
            format!("const e = document.querySelector({selector:?}); return e ? e.innerText : '';");
        self.js(&script).await.as_str().unwrap_or("").to_string()
    }

    pub(crate) async fn path(&self) -> String {
        let v = self.js("return location.pathname + location.hash;").await;
        v.as_str().unwrap_or("").to_string()
    }

    /// The value of a read-only copy box (a sign-in link shown once).
    pub(crate) async fn copy_box(&self, label: &str) -> String {
        let script = format!(
            "const e = document.querySelector('input.copy[aria-label=\"{label}\"]'); return e ? e.value : '';"
        );
        let link = self.js(&script).await.as_str().unwrap_or("").to_string();
        assert!(!link.is_empty(), "a {label} on {}", self.path().await);
        link.strip_prefix(&self.base)
            .expect("a link to this server")
            .to_string()
    }

    /// Fails when the page scrolls sideways.
    pub(crate) async fn assert_fits(&self, what: &str) {
        let wide = self
            .js("return document.documentElement.scrollWidth - innerWidth;")
            .await
            .as_f64()
            .unwrap_or(0.0);
        assert!(wide <= 0.0, "{what} is {wide}px wider than the window");
    }

    pub(crate) async fn shot(&self, name: &str) {
        self.assert_fits(name).await;
        self.browser.screenshot(name).await;
    }

    /// The saved notice the layout shows after a redirect.
    pub(crate) async fn saved_notice(&self) -> String {
        self.text(".notice.saved").await
    }
}

/// A local organiser's event, as proposed in the browser.
struct Local {
    tab: Tab,
    slug: &'static str,
    zone: &'static str,
}

/// The admin signs in with the installation's setup link, sets up the
/// umbrella and invites two local organisers; returns their link paths.
async fn admin_sets_up(app: &TestApp, admin: &Tab) -> [String; 2] {
    let token = app.setup_token.clone().expect("a setup link");
    admin.open(&format!("/admin/setup/{token}")).await;
    admin.submit("form", &[("#name", "Ada Admin")], None).await;
    assert_eq!(admin.path().await, "/admin");
    admin.open("/admin/umbrella").await;
    admin
        .submit(
            "form[action='/admin/umbrella']",
            &[
                ("#name", "NHS Hack Day"),
                (
                    "#description",
                    "Clinicians, patients and developers build things for the NHS.",
                ),
                (
                    "#principles",
                    "Free to attend\nOpen source by default\nNo product pitches",
                ),
                ("#code_of_conduct", "https://nhshackday.com/conduct"),
                ("#colour", "#005eb8"),
            ],
            None,
        )
        .await;
    assert!(
        admin.text("main").await.contains("Saved."),
        "the umbrella is saved"
    );
    admin.shot("day-admin-umbrella-1280x900").await;
    let mut links = Vec::new();
    for (name, email) in [
        ("Gill London", "gill@example.org"),
        ("Nia Newyork", "nia@example.org"),
    ] {
        admin.open("/admin").await;
        admin
            .submit(
                "form[action='/admin/local-organisers']",
                &[("#lo-name", name), ("#lo-email", email)],
                None,
            )
            .await;
        links.push(admin.copy_box("Local organiser sign-in link").await);
    }
    admin.shot("day-admin-invited-1280x900").await;
    [links[0].clone(), links[1].clone()]
}

/// A local organiser signs in with their link and proposes an event from
/// the umbrella's defaults in their own time zone.
async fn propose(app: &TestApp, link: &str, slug: &'static str, zone: &'static str) -> Local {
    let tab = Tab::start(app, 1280, 900).await;
    tab.open(link).await;
    assert_eq!(
        tab.path().await,
        "/local",
        "the link signs the local organiser in"
    );
    let name = format!("NHS Hack Day {slug}");
    tab.submit(
        "form[action='/local/events']",
        &[
            ("#name", &name),
            ("#slug", slug),
            ("#venue", "Town hall"),
            ("#starts_at", "2026-11-21T09:00"),
            ("#ends_at", "2026-11-22T17:00"),
            ("#time_zone", zone),
            ("#template", "defaults"),
        ],
        None,
    )
    .await;
    let page = tab.text("main").await;
    assert!(page.contains(&name) && page.contains(zone), "{page}");
    assert!(page.contains("Waiting for approval"), "{page}");
    Local { tab, slug, zone }
}

/// The organiser presses the console's next-step button, which must say
/// `label`; they land back on the console with a saved notice.
async fn next_step(tab: &Tab, slug: &str, label: &str) {
    tab.open(&format!("/e/{slug}/organise")).await;
    let button = tab.text("#next-step").await;
    assert_eq!(button, label, "the next-step button of {slug}");
    tab.submit("form.next-step", &[], None).await;
    assert_eq!(tab.path().await, format!("/e/{slug}/organise"));
    let notice = tab.saved_notice().await;
    let said = if label == "Close the event" {
        "The event is closed. Nobody new"
    } else {
        " is on."
    };
    assert!(
        notice.contains(said),
        "a saved notice after {label}: {notice:?}"
    );
}

/// The organiser appoints a judge on the console; returns the link path.
async fn appoint_judge(tab: &Tab, slug: &str, name: &str) -> String {
    tab.open(&format!("/e/{slug}/organise")).await;
    tab.submit(
        &format!("form[action='/e/{slug}/organise/people']"),
        &[("#pp-name", name), ("#pp-role", "judge")],
        None,
    )
    .await;
    tab.copy_box("Sign-in link").await
}

/// Judging opens by hand on the judging set-up page (not with the phase).
/// "Start judging" opened judging: the set-up page says so.
async fn judging_is_open(tab: &Tab, slug: &str) {
    tab.open(&format!("/e/{slug}/organise/judging")).await;
    assert!(tab.text("main").await.contains("Judging is open"));
}

/// A phone signs up (code of conduct ticked) and pitches an idea.
async fn phone_signs_up_and_pitches(phone: &Tab, slug: &str, name: &str, title: &str) {
    phone
        .browser
        .client
        .delete_all_cookies()
        .await
        .expect("a new person");
    phone.open(&format!("/e/{slug}")).await;
    phone
        .submit(
            &format!("form[action='/e/{slug}/join']"),
            &[
                ("#name", name),
                ("input[name=skills][value=clinician]", "tick"),
                ("input[name=conduct]", "tick"),
            ],
            None,
        )
        .await;
    phone.open(&format!("/e/{slug}/pitch")).await;
    phone
        .submit(
            &format!("form[action='/e/{slug}/pitch']"),
            &[
                ("#title", title),
                ("#problem", "Nurses lose time on the ward."),
            ],
            None,
        )
        .await;
    phone.open(&format!("/e/{slug}")).await;
    assert!(
        phone.text("main").await.contains(title),
        "the pitch is on the event page"
    );
    phone
        .shot(&format!("day-{slug}-phone-pitched-390x844"))
        .await;
}

/// A judge signs in on the phone and scores every criterion of `project`.
async fn judge_scores(phone: &Tab, slug: &str, link: &str) {
    phone
        .browser
        .client
        .delete_all_cookies()
        .await
        .expect("the judge");
    phone.open(link).await;
    phone.open(&format!("/e/{slug}/judge")).await;
    phone
        .browser
        .wait_for("window.hackdayLive && window.hackdayLive.connected", 10)
        .await;
    phone
        .js("document.querySelectorAll('fieldset.criterion').forEach(f => f.querySelector('input[value=\"4\"]').click()); return true;")
        .await;
    phone
        .browser
        .screenshot(&format!("day-{slug}-judge-scoring-390x844"))
        .await;
    phone
        .browser
        .wait_for(
            "document.querySelector('.save-state').textContent.includes('Saved')",
            10,
        )
        .await;
    phone.shot(&format!("day-{slug}-judge-390x844")).await;
}

/// The local organiser runs their event alone, from pitches to reveal.
async fn run_the_event(local: &Local, phone: &Tab, title: &str) {
    let (tab, slug) = (&local.tab, local.slug);
    tab.open("/local").await;
    tab.submit(
        &format!("form[action='/local/events/{slug}/enter']"),
        &[],
        None,
    )
    .await;
    assert_eq!(tab.path().await, format!("/e/{slug}/organise"));
    next_step(tab, slug, "Open the event for pitches").await;
    phone_signs_up_and_pitches(phone, slug, &format!("Priya {}", local.zone), title).await;
    next_step(tab, slug, "Open team forming").await;
    let judge = appoint_judge(tab, slug, "Jo Judge").await;
    next_step(tab, slug, "Start hacking").await;
    next_step(tab, slug, "Start judging").await;
    judging_is_open(tab, slug).await;
    judge_scores(phone, slug, &judge).await;
    next_step(tab, slug, "Move on to results").await;
    tab.open(&format!("/e/{slug}/organise/results")).await;
    let prize = "form.winner-form";
    let project = tab
        .js(&format!(
            "return document.querySelector(\"{prize} select option:nth-child(2)\").value;"
        ))
        .await;
    let project = project.as_str().expect("a project to choose").to_string();
    tab.submit(prize, &[("select", &project)], None).await;
    tab.open(&format!("/e/{slug}/organise/results")).await;
    tab.submit("form[action$='/reveal']", &[], None).await;
    tab.open(&format!("/e/{slug}")).await;
    assert!(tab.text("main").await.contains(title));
    next_step(tab, slug, "Close the event").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_local_organisers_run_their_own_events_in_two_time_zones_without_the_admin() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let admin = Tab::start(&app, 1280, 900).await;
    let [gill, nia] = admin_sets_up(&app, &admin).await;
    let london = propose(&app, &gill, "london", "Europe/London").await;
    london.tab.shot("day-local-proposed-1280x900").await;
    london
        .tab
        .js("document.querySelector('form[action=\"/local/events\"]').scrollIntoView(); return true;")
        .await;
    london.tab.shot("day-local-proposal-form-1280x900").await;
    let newyork = propose(&app, &nia, "newyork", "America/New_York").await;

    admin.open("/admin").await;
    admin.shot("day-admin-proposals-1280x900").await;
    for slug in ["london", "newyork"] {
        admin
            .submit(
                &format!("form[action='/admin/events/{slug}/review']"),
                &[("textarea", "Have a great day")],
                Some("button[value=approve]"),
            )
            .await;
    }
    let events = admin.text("main").await;
    assert!(
        events.contains("Europe/London") && events.contains("America/New_York"),
        "{events}"
    );
    admin.shot("day-admin-1280x900").await;
    admin.browser.close().await;

    let phone = Tab::start(&app, 390, 844).await;
    run_the_event(&london, &phone, "Ward bed board").await;
    run_the_event(&newyork, &phone, "Clinic text reminders").await;
    london.tab.open("/local").await;
    london.tab.shot("day-local-1280x900").await;

    for (tab, page, width) in [
        (&london.tab, "/", 1280),
        (&london.tab, "/archive", 1280),
        (&phone, "/", 390),
        (&phone, "/archive", 390),
    ] {
        tab.open(page).await;
        let text = tab.text("main").await;
        for shown in ["NHS Hack Day london", "NHS Hack Day newyork"] {
            assert!(text.contains(shown), "{page} shows {shown}: {text}");
        }
        if page == "/archive" {
            assert!(
                text.contains("Ward bed board") && text.contains("Clinic text reminders"),
                "{text}"
            );
        }
        let name = if page == "/" { "home" } else { "archive" };
        tab.shot(&format!("day-{name}-{width}")).await;
    }
    phone.browser.close().await;
    london.tab.browser.close().await;
    newyork.tab.browser.close().await;
}

/// Whether the console's checklist line `key` is ticked.
async fn ticked(tab: &Tab, key: &str) -> bool {
    let script = format!("return !!document.querySelector('li[data-check=\"{key}\"].done');");
    tab.js(&script).await == serde_json::json!(true)
}

/// The organiser sets the event up from the console and the pages it
/// links to; each checklist line ticks itself as it is done.
async fn set_up_from_the_console(tab: &Tab, projector: &Tab) {
    let slug = "leeds";
    tab.open("/e/leeds/organise").await;
    for key in [
        "settings",
        "schedule",
        "criteria",
        "prizes",
        "judges",
        "projector",
    ] {
        assert!(!ticked(tab, key).await, "{key} starts unticked");
    }
    tab.shot("day-console-new-1280x900").await;
    tab.submit(
        "form[action='/e/leeds/organise/settings']",
        &[
            ("#ev-venue", "Leeds General Infirmary"),
            ("#ev-start", "2026-11-21T09:00"),
            ("#ev-end", "2026-11-22T17:00"),
        ],
        None,
    )
    .await;
    assert!(
        tab.saved_notice().await.contains("saved"),
        "settings say saved"
    );
    assert!(ticked(tab, "settings").await, "settings tick");
    tab.submit(
        "form[action='/e/leeds/organise/schedule']",
        &[("#sc-label", "Demos due"), ("#sc-at", "2026-11-22T14:00")],
        None,
    )
    .await;
    tab.open("/e/leeds/organise").await;
    assert!(ticked(tab, "schedule").await, "schedule ticks");
    tab.open("/e/leeds/organise/judging").await;
    tab.submit(
        "form[action='/e/leeds/organise/criteria/defaults']",
        &[],
        None,
    )
    .await;
    tab.submit(
        "form[action='/e/leeds/organise/prizes']",
        &[("#p-name", "Best in show"), ("#p-kind", "judged")],
        None,
    )
    .await;
    appoint_judge(tab, slug, "Jo Judge").await;
    // A draft's projector is not public: a browser nobody signed in to is
    // not shown it, so that does not tick the checklist...
    projector.open("/e/leeds/display").await;
    tab.open("/e/leeds/organise").await;
    assert!(
        !ticked(tab, "projector").await,
        "a draft's projector is not shown to the public"
    );
    // ...but the organiser can test it before the event opens.
    tab.open("/e/leeds/display").await;
    tab.open("/e/leeds/organise").await;
    assert!(
        ticked(tab, "projector").await,
        "the organiser tests the projector of a draft"
    );
    for key in ["settings", "schedule", "criteria", "prizes", "judges"] {
        assert!(ticked(tab, key).await, "{key} is ticked once done");
    }
    tab.shot("day-console-ready-1280x900").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_day_runs_from_the_console_following_its_next_step_button() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let admin = app.admin().await;
    let created = admin
        .post_with_csrf(
            "/admin",
            "/admin/events",
            &[
                ("name", "Leeds Hack Day"),
                ("slug", "leeds"),
                ("organiser", "Olu Organiser"),
            ],
        )
        .await;
    let link = extract_between(&created.body, &format!("{}/signin/", app.address), "\"")
        .expect("an organiser link");
    let tab = Tab::start(&app, 1280, 900).await;
    tab.open(&format!("/signin/{link}")).await;
    let projector = Tab::start(&app, 1920, 1080).await;
    set_up_from_the_console(&tab, &projector).await;

    let phone = Tab::start(&app, 390, 844).await;
    let steps = [
        ("Open the event for pitches", "pitching"),
        ("Open team forming", "team-forming"),
        ("Start hacking", "hacking"),
        ("Start judging", "judging"),
        ("Move on to results", "results"),
        ("Close the event", "closed"),
    ];
    for (label, phase) in steps {
        next_step(&tab, "leeds", label).await;
        tab.shot(&format!("day-console-{phase}-1280x900")).await;
        if phase == "pitching" {
            projector.open("/e/leeds/display").await;
            tab.open("/e/leeds/organise").await;
            assert!(
                ticked(&tab, "projector").await,
                "the projector ticks once opened"
            );
            phone_signs_up_and_pitches(&phone, "leeds", "Priya Patel", "Ward bed board").await;
        }
        if phase == "team-forming" {
            phone.open("/e/leeds").await;
            projector.open("/e/leeds/display").await;
            for screen in [&phone, &projector] {
                screen
                    .browser
                    .wait_for("window.hackdayLive && window.hackdayLive.connected", 10)
                    .await;
            }
            tab.submit(
                "form[action='/e/leeds/organise/announcements']",
                &[("#announce-message", "Lunch is served in the atrium")],
                None,
            )
            .await;
            let banner = "document.querySelector('.announce .announce-text') && document.querySelector('.announce .announce-text').textContent.startsWith('Lunch is served')";
            phone.browser.wait_for(banner, 10).await;
            projector.browser.wait_for(banner, 10).await;
            phone.shot("day-console-announce-phone-390x844").await;
            projector
                .shot("day-console-announce-projector-1920x1080")
                .await;
        }
    }
    assert_eq!(tab.text("#next-step").await, "", "no next step once closed");
    assert!(
        tab.text("#run-of-show")
            .await
            .contains("The event is closed")
    );
    for t in [tab, phone, projector] {
        t.browser.close().await;
    }
}
