//! CSRF tokens, the Origin check, security headers and cookie flags.

on_both_databases! {
    async fn a_form_post_without_the_sessions_csrf_token_is_refused_and_changes_nothing(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let visitor = app.visitor();
        visitor.get("/e/leeds").await;
        let reply = visitor.post("/e/leeds/join", &[("conduct", "yes"), ("name", "Forged"), ("skills", "other")]).await;
        reply.assert_status(403);
        assert!(reply.body.contains("This form has expired"));
        let other = app.visitor();
        let stolen = other.get("/e/leeds").await.csrf();
        visitor.post("/e/leeds/join", &[("csrf", &stolen), ("conduct", "yes"), ("name", "Forged"), ("skills", "other")]).await.assert_status(403);
        assert!(app.visitor().get("/e/leeds").await.body.contains(">0 signed up"));
    }

    async fn a_post_from_another_sites_origin_is_refused(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let visitor = app.visitor();
        let csrf = visitor.get("/e/leeds").await.csrf();
        let response = visitor
            .client
            .post(format!("{}/e/leeds/join", app.address))
            .header("Origin", "https://evil.example")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(format!("csrf={csrf}&name=Evil&skills=other&conduct=yes"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 403);
        let response = visitor
            .client
            .post(format!("{}/e/leeds/join", app.address))
            .header("Origin", app.address.clone())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(format!("csrf={csrf}&name=Good&skills=other&conduct=yes"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 303, "the same origin is allowed");
    }

    async fn responses_carry_security_headers_and_a_safe_session_cookie(app: TestApp) {
        let response = reqwest::get(format!("{}/", app.address)).await.unwrap();
        let headers = response.headers();
        let csp = headers.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(headers.get("x-frame-options").unwrap(), "DENY");
        let cookie = headers.get("set-cookie").expect("a session cookie for the CSRF token").to_str().unwrap();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    }
}

on_both_databases! {
    async fn every_form_on_every_page_carries_the_sessions_csrf_token(app: TestApp) {
        let j = crate::judging::set_up(&app).await;
        let pages = [
            (&j.attendee, "/e/leeds"),
            (&j.attendee, "/e/leeds/vote"),
            (&j.judge_a, "/e/leeds/judge"),
            (&j.organiser, "/e/leeds/organise"),
            (&j.organiser, "/e/leeds/organise/order"),
            (&j.organiser, "/e/leeds/organise/judging"),
            (&j.organiser, "/e/leeds/organise/results"),
        ];
        for (user, path) in pages {
            let body = user.get(path).await.body;
            let tokens: Vec<&str> = body
                .split("name=\"csrf\" value=\"")
                .skip(1)
                .map(|rest| &rest[..rest.find('"').expect("a closing quote")])
                .collect();
            let forms = body.matches("method=\"post\"").count();
            assert_eq!(tokens.len(), forms, "{path}: one token per form");
            assert!(forms >= 1, "{path} has forms");
            assert!(
                tokens.iter().all(|t| !t.is_empty() && *t == tokens[0]),
                "{path}: {tokens:?}"
            );
        }
    }

    async fn reading_a_page_again_does_not_rewrite_the_session_cookie(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        sam.get("/e/leeds").await.assert_status(200);
        let again = sam
            .client
            .get(format!("{}/e/leeds", sam.base))
            .send()
            .await
            .expect("GET succeeds");
        assert_eq!(again.status().as_u16(), 200);
        assert!(
            again.headers().get("set-cookie").is_none(),
            "a plain page view sends no new cookie: {:?}",
            again.headers().get("set-cookie")
        );
    }
}
