//! "Are you sure?" for organiser actions that go backwards or lose work (a
//! phase back, removing a criterion, revoking someone, a new sign-in
//! link): a page that works without JavaScript and posts the same form
//! again with `confirm=1`.

use crate::service;
use crate::web::error::AppError;
use crate::web::visit::Visit;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::{Deserialize, Serialize};

/// The field every confirmable form may carry; "1" means "yes, do it".
#[derive(Deserialize, Default)]
pub struct Confirmed {
    #[serde(default)]
    pub confirm: String,
}

impl Confirmed {
    pub fn yes(&self) -> bool {
        self.confirm == "1"
    }
}

/// What the confirmation page asks.
#[derive(Serialize)]
pub struct Ask {
    /// The question, as a heading: "Go back to team forming?"
    pub question: String,
    /// What will be lost or undone, in a sentence or two.
    pub consequence: String,
    /// Where the form posts (a path inside the event, like "/organise/phase").
    pub action: String,
    /// The fields to post again, besides the CSRF token and `confirm=1`.
    pub fields: Vec<(String, String)>,
    /// The button's words: "Yes, go back".
    pub button: String,
    /// Where "No" leads (a path inside the event).
    pub cancel: String,
}

/// A question about an action whose form carries nothing but the answer
/// (the handlers keep theirs as constants beside them).
pub struct Question {
    pub question: &'static str,
    pub consequence: &'static str,
    pub button: &'static str,
    /// Where "No" leads (a path inside the event).
    pub cancel: &'static str,
}

/// Nothing when the form already says yes; otherwise the page asking
/// `question` before posting to `action` again.
pub async fn unless_yes(
    v: &Visit,
    form: &Confirmed,
    question: &Question,
    action: String,
) -> Option<Result<HttpResponse, AppError>> {
    if form.yes() {
        return None;
    }
    let asked = Ask {
        question: question.question.into(),
        consequence: question.consequence.into(),
        action,
        fields: vec![],
        button: question.button.into(),
        cancel: question.cancel.into(),
    };
    Some(ask(v, asked).await)
}

#[derive(Serialize)]
struct AskView {
    slug: String,
    ask: Ask,
    fields: Vec<Field>,
}

#[derive(Serialize)]
struct Field {
    name: String,
    value: String,
}

/// Shows the confirmation page for an organiser of this event.
pub async fn ask(v: &Visit, ask: Ask) -> Result<HttpResponse, AppError> {
    let (event, viewer) = service::console::organiser_event(v.store(), &v.slug, v.claim).await?;
    let layout = v.layout(&ask.question, &event, &viewer).await;
    let fields = ask
        .fields
        .iter()
        .map(|(name, value)| Field {
            name: name.clone(),
            value: value.clone(),
        })
        .collect();
    let view = AskView {
        slug: v.slug.clone(),
        ask,
        fields,
    };
    v.render(StatusCode::OK, "pages/confirm", &layout, &view)
}
