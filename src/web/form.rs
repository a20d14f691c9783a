//! Form posts: the body parsed as an HTML form (repeated keys become lists,
//! for checkboxes) after its CSRF token was checked against the session.

use super::error::AppError;
use super::identity;
use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::Deserialize;
use serde::de::DeserializeOwned;

pub struct CheckedForm<T>(pub T);

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned + 'static> FromRequest for CheckedForm<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = Bytes::from_request(req, payload);
        let session = req.get_session();
        Box::pin(async move {
            let body = body.await?;
            let posted: CsrfField = serde_html_form::from_bytes(&body)
                .map_err(|_| AppError::BadRequest("The form could not be read".into()))?;
            if !identity::csrf_matches(&session, &posted.csrf) {
                return Err(AppError::Forbidden(
                    "This form has expired. Go back, reload the page and try again.".into(),
                )
                .into());
            }
            let form = serde_html_form::from_bytes(&body)
                .map_err(|_| AppError::BadRequest("The form could not be read".into()))?;
            Ok(CheckedForm(form))
        })
    }
}

/// The team a "move someone" form chose: a project id, or empty for "out
/// of every team".
pub fn chosen_team(raw: &str) -> Result<Option<crate::domain::ProjectId>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        id => id
            .parse()
            .map(|id| Some(crate::domain::ProjectId(id)))
            .map_err(|_| AppError::BadRequest("Pick a team".into())),
    }
}
