//! Templates: handlebars in strict mode, embedded in the binary, rendering
//! view-model structs inside the shared layout.

pub mod shared;

use super::error::AppError;
use super::identity;
use crate::service::live_view::built_once::BuiltOnce;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use handlebars::{Context, Handlebars, Helper, HelperResult, Output, RenderContext, html_escape};
use rust_embed::RustEmbed;
use serde::Serialize;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct TemplateFiles;

pub struct Templates {
    registry: Handlebars<'static>,
}

/// What the layout around every page needs.
#[derive(Debug, Serialize, Default)]
pub struct Layout {
    pub title: String,
    /// The umbrella's name ("hackday" while none is set): the top bar's
    /// link home and the end of every page's title.
    pub brand: String,
    /// The umbrella's principles and code of conduct for the strip at the
    /// foot of an event's pages (the event page shows its banner instead).
    /// Its view is built only when the page is rendered, not for every
    /// visitor of a page rendered once and shared.
    #[serde(serialize_with = "super::views::umbrella::serialize_strip")]
    pub umbrella: Option<std::sync::Arc<crate::service::umbrella::Remembered>>,
    /// Which umbrella settings the page is rendered under: part of the key
    /// of every page rendered once and shared, so an admin's change to the
    /// umbrella shows on all of them at once.
    #[serde(skip)]
    pub umbrella_fingerprint: u64,
    pub csrf: String,
    pub event: Option<EventNav>,
    /// The name of the person signed in to this event, if any.
    pub signed_in_as: Option<String>,
    pub can_organise: bool,
    /// Shows the link to the scoring panel.
    pub is_judge: bool,
    /// Shows the people's choice link (judging and after).
    pub can_vote: bool,
    /// The slug of the event whose live channel the page follows, which
    /// makes the layout load the live client script.
    pub live: Option<String>,
    pub body_class: String,
    /// Open Graph tags, so a shared link previews well.
    pub og: Option<Og>,
    /// Why the last action was refused, shown once on the page it came back to.
    pub notice: Option<String>,
    /// What the last action changed, said once after its redirect.
    pub saved: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Og {
    pub title: String,
    pub description: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct EventNav {
    pub slug: String,
    pub name: String,
    pub phase: String,
}

#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    layout: &'a Layout,
    page: &'a T,
}

impl Templates {
    /// Registers every template; a template that does not parse fails here,
    /// at start, and so in the tests.
    pub fn load() -> anyhow::Result<Self> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_embed_templates_with_extension::<TemplateFiles>(".hbs")?;
        registry.register_helper("field_error", Box::new(field_error));
        registry.register_helper("asset", Box::new(asset));
        Ok(Self { registry })
    }

    pub fn render<T: Serialize>(
        &self,
        name: &str,
        layout: &Layout,
        page: &T,
    ) -> Result<String, AppError> {
        self.registry
            .render(name, &Page { layout, page })
            .map_err(|e| AppError::Internal(anyhow::anyhow!("template {name}: {e}")))
    }

    /// Renders a page as a 200 response.
    pub fn page<T: Serialize>(
        &self,
        name: &str,
        layout: &Layout,
        page: &T,
    ) -> Result<HttpResponse, AppError> {
        self.page_with_status(actix_web::http::StatusCode::OK, name, layout, page)
    }

    /// Renders a page with another status, e.g. 422 for a form with mistakes.
    pub fn page_with_status<T: Serialize>(
        &self,
        status: actix_web::http::StatusCode,
        name: &str,
        layout: &Layout,
        page: &T,
    ) -> Result<HttpResponse, AppError> {
        let html = self.render(name, layout, page)?;
        Ok(HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .insert_header(("Cache-Control", "no-store"))
            .body(html))
    }
}

/// `{{field_error errors "name"}}`: the message for one field, if it has
/// one, as an escaped paragraph. A helper rather than a path lookup, since
/// strict mode refuses paths to fields that have no message.
fn field_error(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let errors = h.param(0).map(|p| p.value());
    let field = h.param(1).and_then(|p| p.value().as_str());
    if let (Some(errors), Some(field)) = (errors, field)
        && let Some(message) = errors.get(field).and_then(|m| m.as_str())
    {
        out.write(&format!(
            "<p class=\"field-error\" role=\"alert\">{}</p>",
            html_escape(message)
        ))?;
    }
    Ok(())
}

/// `{{asset "css/app.css"}}`: the file's content-hashed address (see
/// `pages::assets`), so phones keep it until it changes. An unknown file is
/// a template error.
fn asset(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let path = h.param(0).and_then(|p| p.value().as_str()).unwrap_or("");
    let url = super::pages::assets::url(path)
        .ok_or_else(|| handlebars::RenderErrorReason::Other(format!("no static file {path:?}")))?;
    out.write(url)?;
    Ok(())
}

/// Answers `template` rendered once under `key` into `pages` (with the
/// token's places, see `shared`) and joined with this visitor's own masked
/// token: the render and the gzip happen once per key, only the token per
/// request. `key` names everything the page varies by besides the umbrella
/// (added here); a page with a one-off notice is rendered for this request
/// alone.
pub fn respond_shared<T: Serialize>(
    templates: &Templates,
    pages: &BuiltOnce,
    key: &str,
    (req, session): (&HttpRequest, &Session),
    mut layout: Layout,
    template: &str,
    view: impl FnOnce() -> T,
) -> Result<HttpResponse, AppError> {
    if layout.notice.is_some() || layout.saved.is_some() {
        return templates.page_with_status(StatusCode::OK, template, &layout, &view());
    }
    let csrf = std::mem::replace(&mut layout.csrf, shared::CSRF_PLACEHOLDER.to_string());
    // Under other umbrella settings the page is another page.
    let key = format!("{template}|{key}|{:x}", layout.umbrella_fingerprint);
    let page = pages.get_or_make(&key, || {
        let html = templates.render(template, &layout, &view())?;
        Ok::<_, AppError>(shared::SharedPage::new(&html))
    })?;
    Ok(page.respond(req, &csrf, &identity::csrf_tag(session)))
}

#[cfg(test)]
mod tests {
    use super::Templates;
    use serde_json::json;

    fn render(name: &str, data: serde_json::Value) -> String {
        let templates = Templates::load().expect("templates load");
        templates.registry.render(name, &data).expect("it renders")
    }

    #[test]
    fn demo_links_open_in_a_new_tab_only_when_asked() {
        let links = json!([{"url": "https://demo.example", "label": "Demo"}]);
        let html = render(
            "partials/demo_links",
            json!({"repo_url": "https://git.example/a", "links": links, "new_tab": true}),
        );
        assert_eq!(html.matches(r#"target="_blank""#).count(), 2, "{html}");
        assert!(html.contains(
            r#"<a href="https://demo.example" rel="noopener nofollow ugc" target="_blank">Demo</a>"#
        ));
        let html = render(
            "partials/demo_links",
            json!({"repo_url": "https://git.example/a", "links": links}),
        );
        assert!(!html.contains("_blank"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://git.example/a" rel="noopener nofollow ugc">Source</a>"#
            )
        );
    }

    #[test]
    fn a_field_keeps_its_input_and_says_what_is_wrong_next_to_it() {
        let html = render(
            "partials/field",
            json!({"id": "ev-venue", "name": "venue", "label": "Venue", "hint": "venue and city",
                   "value": "<Leeds>", "maxlength": 120, "errors": {"venue": "Too long"}}),
        );
        assert!(
            html.contains(
                r#"<label for="ev-venue">Venue <span class="muted">(venue and city)</span></label>"#
            ),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<input id="ev-venue" name="venue" value="&lt;Leeds&gt;" maxlength="120">"#
            ),
            "{html}"
        );
        assert!(
            html.contains(r#"<p class="field-error" role="alert">Too long</p>"#),
            "{html}"
        );
    }
}
