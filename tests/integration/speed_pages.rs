//! The project page and the event archive from the in-memory read model:
//! a change is on them as soon as it is acknowledged (on one instance and
//! across two on PostgreSQL), and a visitor sees only what they may; the
//! umbrella, remembered between requests, changes on the event page at once.

use crate::helpers::{Db, TestApp, User};
use crate::submissions::{hacking_event, submit};
use crate::umbrella;

/// Opens both pages once, so they are in memory before the next change.
async fn look(watcher: &User, project: i64) -> (String, String) {
    let page = watcher.get(&format!("/e/leeds/p/{project}")).await;
    page.assert_status(200);
    let archive = watcher.get("/e/leeds/projects").await;
    archive.assert_status(200);
    (page.body, archive.body)
}

const REPO: &str = "https://github.com/nhs/bed-board";

on_both_databases! {
    async fn an_umbrella_change_is_on_the_event_page_at_once(app: TestApp) {
        let admin = umbrella::admin_of(&app).await;
        let organiser = umbrella::event(&app, &admin, "leeds", "Leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let project = priya.pitch("leeds", "Bed board", "Nobody knows where the beds are", &["developer"]).await;
        organiser.set_phase("leeds", "judging").await;
        let watcher = app.visitor();
        // The umbrella row (defaults) and the pages are in memory first:
        // the shared ones (event, project, projector) and the vote page.
        let pages = ["/e/leeds", project.as_str(), "/e/leeds/display"];
        for path in pages {
            assert!(!watcher.get(path).await.body.contains("NHS Hack Day"), "{path}");
        }
        assert!(!priya.get("/e/leeds/vote").await.body.contains("NHS Hack Day"));
        admin
            .post_with_csrf("/admin/umbrella", "/admin/umbrella", &umbrella::NHS)
            .await
            .assert_redirect_to("/admin/umbrella");
        let page = watcher.get("/e/leeds").await;
        assert!(page.body.contains("Part of <a href=\"/\"><strong>NHS Hack Day</strong>"), "at once");
        let brand = r#"<a class="brand" href="/">NHS Hack Day</a>"#;
        assert!(page.body.contains(brand), "its top bar too");
        let project_page = watcher.get(&project).await.body;
        assert!(project_page.contains(brand) && project_page.contains("Open source by default"), "the project page at once");
        let vote = priya.get("/e/leeds/vote").await.body;
        assert!(vote.contains(brand) && vote.contains("Open source by default"), "the vote page at once");
        let projector = watcher.get("/e/leeds/display").await.body;
        assert!(projector.contains(r#"<span class="stage-umbrella one-line">NHS Hack Day</span>"#), "the projector at once");
    }

    async fn a_change_is_on_the_project_page_and_the_archive_at_once(app: TestApp) {
        let (organiser, _priya, sam, first, second) = hacking_event(&app).await;
        let watcher = app.visitor();
        let (page, archive) = look(&watcher, first).await;
        assert!(!page.contains(REPO) && !archive.contains(REPO));
        assert!(archive.contains("Clinic texts"));

        submit(&sam, first, &[("repo_url", REPO), ("built", "A live bed board."), ("licence", "MIT")])
            .await
            .assert_redirect_to(&format!("/e/leeds/p/{first}"));
        let (page, archive) = look(&watcher, first).await;
        assert!(page.contains(REPO) && page.contains("A live bed board."), "the project page at once");
        assert!(archive.contains(REPO), "the archive at once");
        assert!(!page.contains("Submit your demo"), "the public sees no form");
        let mine = sam.get(&format!("/e/leeds/p/{first}")).await;
        assert!(mine.body.contains("saved the demo submission"), "the team sees its history");

        // Nadia joins Priya's team: both pages show her.
        let nadia = app.attendee("leeds", "Nadia", &["developer"]).await;
        organiser.set_phase("leeds", "team_forming").await;
        nadia.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{first}/join"), &[])
            .await
            .assert_redirect_to("/e/leeds");
        let (page, archive) = look(&watcher, first).await;
        assert!(page.contains("Nadia"), "the team on the project page at once");
        assert!(archive.contains("Team: Priya, Sam, Nadia"), "and in the archive: {archive}");
        let own = nadia.get(&format!("/e/leeds/p/{first}")).await;
        assert!(own.body.contains("data-command=\"leave\">"), "her own team offers to leave");
        let other = nadia.get(&format!("/e/leeds/p/{second}")).await;
        assert!(
            other.body.contains("Move to this team</button>")
                && other.body.contains("data-command=\"leave\" hidden>"),
            "another team's page offers to move"
        );

        // Hidden by the organisers: gone for the public at once, kept for them.
        let path = format!("/e/leeds/p/{second}");
        organiser.post_with_csrf(&path, &format!("{path}/hide"), &[("hidden", "1")]).await.assert_redirect_to(&path);
        watcher.get(&path).await.assert_status(404);
        assert!(!watcher.get("/e/leeds/projects").await.body.contains("Clinic texts"));
        assert!(organiser.get(&path).await.body.contains("Hidden by the organisers"));
    }
}

/// Two instances on one PostgreSQL database: a change made through one is
/// on the other's project page and archive as soon as the writer has its
/// answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_one_instance_is_on_the_project_page_and_archive_of_another_at_once() {
    let a = TestApp::spawn(Db::Postgres).await;
    let (organiser, _priya, sam, first, _) = hacking_event(&a).await;
    let b = a.another_instance().await;
    let watcher_on_b = b.visitor();
    for round in 0..3 {
        look(&watcher_on_b, first).await;
        let repo = format!("{REPO}-{round}");
        submit(&sam, first, &[("repo_url", &repo), ("licence", "MIT")])
            .await
            .assert_redirect_to(&format!("/e/leeds/p/{first}"));
        let (page, archive) = look(&watcher_on_b, first).await;
        assert!(
            page.contains(&repo),
            "B's project page shows round {round} at once"
        );
        assert!(
            archive.contains(&repo),
            "B's archive shows round {round} at once"
        );
    }
    organiser.set_phase("leeds", "team_forming").await;
    let nadia = a.attendee("leeds", "Nadia", &["developer"]).await;
    nadia
        .post_with_csrf("/e/leeds", &format!("/e/leeds/p/{first}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    let (page, archive) = look(&watcher_on_b, first).await;
    assert!(page.contains("Nadia") && archive.contains("Team: Priya, Sam, Nadia"));
    b.stop().await;
}
