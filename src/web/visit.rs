//! What almost every handler starts from: this event (the `{slug}` of the
//! path), this person (the session's claim on that event) and the app's
//! state, as one extractor, with the answers handlers give most.

use super::AppState;
use super::error::AppError;
use super::identity;
use super::render::{Layout, respond_shared};
use super::views;
use crate::domain::Event;
use crate::live::Live;
use crate::service::live_view::cache::{ReadModel, ReadModels};
use crate::service::{Claim, Viewer};
use crate::store::Store;
use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::Serialize;
use std::future::{Ready, ready};

/// A request about one event, by one (perhaps anonymous) visitor.
pub struct Visit {
    pub state: web::Data<AppState>,
    pub session: Session,
    pub slug: String,
    pub claim: Claim,
    pub req: HttpRequest,
}

impl FromRequest for Visit {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
            return ready(Err(
                AppError::Internal(anyhow::anyhow!("no app state")).into()
            ));
        };
        let session = req.get_session();
        let slug = req.match_info().get("slug").unwrap_or_default().to_string();
        let claim = identity::claim(&session, &slug);
        ready(Ok(Visit {
            state,
            session,
            slug,
            claim,
            req: req.clone(),
        }))
    }
}

impl Visit {
    pub fn store(&self) -> &Store {
        &self.state.store
    }

    pub fn live(&self) -> &Live {
        &self.state.live
    }

    /// Every event's in-memory read model.
    pub fn models(&self) -> &ReadModels {
        &self.state.models
    }

    /// A See Other to a page of this event: `to("/p/3")` is `/e/{slug}/p/3`.
    pub fn to(&self, path_in_event: &str) -> HttpResponse {
        redirect(&format!("/e/{}{path_in_event}", self.slug))
    }

    /// Back to a page of this event with why the action was refused shown
    /// on it: a refusal never lands on a dead end.
    pub fn back_with(&self, path_in_event: &str, message: &str) -> HttpResponse {
        identity::leave_notice(&self.session, message);
        self.to(path_in_event)
    }

    /// Back to a page of this event saying what was saved.
    pub fn saved(&self, path_in_event: &str, message: &str) -> HttpResponse {
        identity::leave_saved(&self.session, message);
        self.to(path_in_event)
    }

    /// The address people reach this server at, for absolute links.
    pub fn base_url(&self) -> String {
        views::base_url(&self.state, &self.req)
    }

    /// The layout of a page of this event.
    pub async fn layout(&self, title: &str, event: &Event, viewer: &Viewer) -> Layout {
        views::layout(
            self.store(),
            &self.session,
            title,
            Some(event),
            Some(viewer),
        )
        .await
    }

    /// Serves a page that every visitor of one kind (`key`: who they are as
    /// far as the page shows it) sees the same at this version of the
    /// event: rendered once with the model, then only the visitor's masked
    /// CSRF token is put in per request. A page with a notice (refused or
    /// saved) to show is
    /// rendered for this visitor alone.
    pub fn render_shared<T: Serialize>(
        &self,
        model: &ReadModel,
        key: &str,
        layout: Layout,
        template: &str,
        view: impl FnOnce() -> T,
    ) -> Result<HttpResponse, AppError> {
        respond_shared(
            &self.state.templates,
            model.rendered(),
            key,
            (&self.req, &self.session),
            layout,
            template,
            view,
        )
    }

    /// Renders a page template with its view model.
    pub fn render<T: Serialize>(
        &self,
        status: StatusCode,
        template: &str,
        layout: &Layout,
        view: &T,
    ) -> Result<HttpResponse, AppError> {
        self.state
            .templates
            .page_with_status(status, template, layout, view)
    }
}

/// A See Other to `to`: where every successful form post lands.
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .finish()
}

/// A form with nothing in it but its CSRF token (a button).
#[derive(serde::Deserialize)]
pub struct Empty {}

/// The `{id}` of a path such as `/e/{slug}/p/{id}`.
#[derive(serde::Deserialize)]
pub struct IdPath {
    pub id: i64,
}
