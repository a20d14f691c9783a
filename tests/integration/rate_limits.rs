//! Rate limits on HTTP: one browser guessing the join code or sign-in links
//! is slowed to the stated rate, while a venue of 150 browsers behind one
//! address can all sign up.

#[allow(unused_imports)]
use crate::helpers::*;
use std::time::{Duration, Instant};

const CODE: &str = "ward7leeds2026";

async fn event_with_join_code(app: &TestApp) -> User {
    let organiser = app.event_in_phase("leeds", "pitching").await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/settings",
            &[
                ("name", "Leeds"),
                ("venue", ""),
                ("starts_at", ""),
                ("ends_at", ""),
                ("team_size_cap", "5"),
                ("join_code", CODE),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    organiser
}

fn assert_slow_down(page: &Page, back_to: &str) {
    page.assert_status(429);
    assert!(
        page.body.contains("Slow down") && page.body.contains("try again"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(&format!("href=\"{back_to}\"")),
        "a way back to {back_to}: {}",
        page.body
    );
}

on_both_databases! {
    async fn guessing_the_join_code_from_one_browser_is_stopped_after_five_tries(app: TestApp) {
        let _organiser = event_with_join_code(&app).await;
        let guesser = app.visitor();
        let csrf = guesser.get("/e/leeds").await.csrf();
        for guess in 0..5 {
            let code = format!("guess{guess}");
            let page = guesser.post("/e/leeds/join", &[("csrf", &csrf), ("name", "Eve"), ("skills", "other"), ("conduct", "yes"), ("join_code", &code)]).await;
            page.assert_status(422);
            assert!(page.body.contains("That join code is not right"), "{}", page.body);
        }
        let page = guesser.post("/e/leeds/join", &[("csrf", &csrf), ("name", "Eve"), ("skills", "other"), ("conduct", "yes"), ("join_code", CODE)]).await;
        assert_slow_down(&page, "/e/leeds");
        let response = guesser.client.post(format!("{}/e/leeds/join", app.address))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(format!("csrf={csrf}&name=Eve&skills=other&conduct=yes&join_code={CODE}"))
            .send().await.unwrap();
        assert_eq!(response.status().as_u16(), 429);
        let wait: u64 = response.headers().get("retry-after").unwrap().to_str().unwrap().parse().unwrap();
        assert!((1..=10).contains(&wait), "one more try every 10 s: Retry-After {wait}");
        assert!(app.visitor().get("/e/leeds").await.body.contains(">0 signed up"), "the refused try changed nothing");
    }

    async fn guessing_sign_in_links_from_one_browser_is_stopped_after_five_tries(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let guesser = app.visitor();
        guesser.get("/e/leeds").await.assert_status(200);
        for guess in 0..5 {
            let path = if guess % 2 == 0 { format!("/signin/guess{guess}") } else { format!("/admin/signin/guess{guess}") };
            let page = guesser.get(&path).await;
            assert_ne!(page.status.as_u16(), 429, "try {guess} is answered");
        }
        assert_slow_down(&guesser.get("/signin/guess5").await, "/");
        assert_slow_down(&guesser.get("/admin/signin/guess6").await, "/");
    }

    async fn a_client_without_a_cookie_gets_the_addresses_budget_of_150_sign_in_tries(app: TestApp) {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let started = Instant::now();
        let mut answered = 0u64;
        for guess in 0..220 {
            let response = client.get(format!("{}/signin/guess{guess}", app.address)).send().await.unwrap();
            if response.status().as_u16() != 429 {
                answered += 1;
            }
        }
        // 150 at once, then 3 a second.
        let earned = (started.elapsed().as_secs_f64() * 3.0).ceil() as u64 + 1;
        assert!(answered >= 150, "a venue's worth is answered: {answered}");
        assert!(answered <= 150 + earned, "then 3 a second: {answered} in {:?}", started.elapsed());
    }

    async fn a_venue_of_150_browsers_behind_one_address_can_all_sign_up_within_a_minute(app: TestApp) {
        let _organiser = event_with_join_code(&app).await;
        let started = Instant::now();
        let mut waves = Vec::new();
        for wave in 0..15 {
            let people: Vec<_> = (0..10).map(|i| {
                let user = app.visitor();
                async move {
                    let csrf = user.get("/e/leeds").await.csrf();
                    let name = format!("Person {wave}-{i}");
                    user.post("/e/leeds/join", &[("csrf", &csrf), ("name", &name), ("skills", "clinician"), ("conduct", "yes"), ("join_code", CODE)]).await
                }
            }).collect();
            waves.push(futures_util::future::join_all(people).await);
        }
        for page in waves.iter().flatten() {
            page.assert_redirect_to("/e/leeds/me");
        }
        assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
        assert!(app.visitor().get("/e/leeds").await.body.contains(">150 signed up"));
    }
}
