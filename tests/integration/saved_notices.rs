//! Every organiser save says it was saved, on the page it lands back on
//! (judging set-up, running order, people's choice), once.

use crate::helpers::User;

/// Posts a form from `page` and follows its redirect back there: the
/// landing page must say `saved`, and a second look must not.
async fn says_saved_once(
    organiser: &User,
    page: &str,
    action: &str,
    form: &[(&str, &str)],
    saved: &str,
) {
    organiser
        .post_with_csrf(page, action, form)
        .await
        .assert_redirect_to(page);
    let landed = organiser.get(page).await;
    assert!(
        landed
            .body
            .contains(&format!("role=\"status\">{saved}</p>")),
        "{action} lands on {page} saying “{saved}”"
    );
    let again = organiser.get(page).await;
    assert!(
        !again.body.contains("class=\"notice saved\""),
        "{page} says it once"
    );
}

on_both_databases! {
    async fn the_judging_order_and_voting_pages_say_each_save_was_saved(app: TestApp) {
        let j = crate::judging::set_up(&app).await;
        let o = &j.organiser;
        says_saved_once(o, "/e/leeds/organise/judging", "/e/leeds/organise/prizes", &[("name", "Most open"), ("kind", "judged")], "Saved.").await;
        says_saved_once(o, "/e/leeds/organise/order", "/e/leeds/organise/order", &[("op", "shuffle")], "Running order saved.").await;
        says_saved_once(o, "/e/leeds/organise/votes", "/e/leeds/organise/votes/rule", &[("rule", "everyone")], "Saved: who may vote.").await;
    }
}
