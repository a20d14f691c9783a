//! `/admin/umbrella`: the umbrella's settings (admins), the umbrella-wide
//! export and its import; and `/umbrella.css`, the brand colour for every page.

use crate::domain::umbrella::Umbrella;
use crate::domain::{FieldErrors, umbrella_doc};
use crate::service::{self, ServiceError};
use crate::web::views::layout;
use crate::web::visit::redirect;
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::web::{Bytes, Data};
use actix_web::{HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

/// The largest import accepted (bytes), as a form or as a JSON body.
pub const IMPORT_LIMIT: usize = 20 * 1024 * 1024;

#[derive(Serialize, Default, Deserialize)]
pub struct UmbrellaForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    principles: String,
    #[serde(default)]
    code_of_conduct: String,
    #[serde(default)]
    colour: String,
}

impl From<&Umbrella> for UmbrellaForm {
    fn from(u: &Umbrella) -> Self {
        Self {
            name: u.name.clone(),
            description: u.description.clone(),
            principles: u.principles_text(),
            code_of_conduct: u.code_of_conduct.clone(),
            colour: u.brand_colour.as_str().to_string(),
        }
    }
}

#[derive(Serialize, Default)]
struct SettingsView {
    form: UmbrellaForm,
    errors: FieldErrors,
    saved: bool,
    text_colour: String,
    contrast: String,
    document: String,
    import_errors: Vec<String>,
    format: &'static str,
    version: i64,
}

async fn render(
    state: &AppState,
    session: &Session,
    mut view: SettingsView,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(session);
    let current = service::umbrella::for_admin(&state.store, claim).await?;
    if view.form.name.is_empty() && view.errors.is_empty() {
        view.form = UmbrellaForm::from(&current);
    }
    view.text_colour = current.brand_colour.text_colour().to_string();
    view.contrast = format!("{:.1}", current.brand_colour.text_contrast());
    view.format = umbrella_doc::FORMAT;
    view.version = umbrella_doc::VERSION;
    let page = layout(&state.store, session, "The umbrella", None, None).await;
    state
        .templates
        .page_with_status(status, "pages/umbrella_admin", &page, &view)
}

pub async fn settings(
    state: Data<AppState>,
    session: Session,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let saved = req.query_string().contains("saved=1");
    let view = SettingsView {
        saved,
        ..Default::default()
    };
    render(&state, &session, view, StatusCode::OK).await
}

pub async fn save(
    state: Data<AppState>,
    session: Session,
    CheckedForm(form): CheckedForm<UmbrellaForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(&session);
    let parsed = Umbrella::parse(
        &form.name,
        &form.description,
        &form.principles,
        &form.code_of_conduct,
        &form.colour,
    );
    let result = match parsed {
        Ok(umbrella) => service::umbrella::update(&state.store, claim, umbrella).await,
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(()) => Ok(redirect("/admin/umbrella?saved=1")),
        Err(ServiceError::Invalid(errors)) => {
            let view = SettingsView {
                form,
                errors,
                ..Default::default()
            };
            render(&state, &session, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The umbrella-wide export as a JSON download.
pub async fn export(state: Data<AppState>, session: Session) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(&session);
    let document = service::umbrella_export::export(&state.store, claim).await?;
    let body = serde_json::to_string_pretty(&document)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("export: {e}")))?;
    let name = format!(
        "attachment; filename=\"umbrella-{}.json\"",
        document.exported_at.format("%Y-%m-%d")
    );
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CONTENT_DISPOSITION, name))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[derive(Deserialize, Default)]
struct ImportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    document: String,
}

/// The import form as posted: with its file input (`multipart/form-data`,
/// the file chosen winning over the pasted text) or as a plain form.
fn import_form(content_type: &str, body: &[u8]) -> Result<ImportForm, AppError> {
    let unreadable = || AppError::BadRequest("The form could not be read".into());
    let Some(boundary) = crate::web::multipart::boundary(content_type) else {
        return serde_html_form::from_bytes(body).map_err(|_| unreadable());
    };
    let mut form = ImportForm::default();
    let mut file = String::new();
    for part in crate::web::multipart::parts(body, &boundary).ok_or_else(unreadable)? {
        let text = String::from_utf8(part.content)
            .map_err(|_| AppError::BadRequest("The document is not UTF-8 text".into()))?;
        match part.name.as_str() {
            "csrf" => form.csrf = text,
            "document" => form.document = text,
            "file" => file = text,
            _ => {}
        }
    }
    if !file.trim().is_empty() {
        form.document = file;
    }
    Ok(form)
}

/// Imports a document posted as JSON (`Content-Type: application/json`,
/// which no other site's form can send) or with the page's form (a file
/// chosen, or its JSON pasted).
pub async fn import(
    state: Data<AppState>,
    session: Session,
    req: HttpRequest,
    body: Bytes,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(&session);
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.trim().starts_with("application/json") {
        let text = String::from_utf8(body.to_vec())
            .map_err(|_| AppError::BadRequest("The document is not UTF-8 text".into()))?;
        let outcome = service::umbrella_export::import(&state.store, claim, text).await?;
        return Ok(json_outcome(outcome));
    }
    let form = import_form(content_type, &body)?;
    if !identity::csrf_matches(&session, &form.csrf) {
        return Err(AppError::Forbidden(
            "This form has expired. Go back, reload the page and try again.".into(),
        ));
    }
    let outcome =
        service::umbrella_export::import(&state.store, claim, form.document.clone()).await?;
    match outcome {
        Ok(done) => {
            // Said as a success (not as the refusal a plain notice shows).
            identity::leave_saved(
                &session,
                &format!(
                    "Imported {} events with {} projects{}.",
                    done.events,
                    done.projects,
                    if done.defaults {
                        ", and the defaults for new events"
                    } else {
                        ""
                    }
                ),
            );
            Ok(redirect("/admin/umbrella"))
        }
        Err(problems) => {
            let view = SettingsView {
                document: form.document,
                import_errors: problems,
                ..Default::default()
            };
            render(&state, &session, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

fn json_outcome(outcome: Result<service::umbrella_export::Imported, Vec<String>>) -> HttpResponse {
    match outcome {
        Ok(done) => HttpResponse::Ok().json(serde_json::json!({
            "imported": { "events": done.events, "projects": done.projects }
        })),
        Err(problems) => {
            HttpResponse::UnprocessableEntity().json(serde_json::json!({ "errors": problems }))
        }
    }
}

/// The brand colour and a readable text colour on it, as CSS custom
/// properties (a stylesheet, since the CSP refuses inline styles).
pub async fn brand_css(state: Data<AppState>) -> Result<HttpResponse, AppError> {
    let umbrella = service::umbrella::current(&state.store).await?;
    let colour = &umbrella.brand_colour;
    let css = format!(
        ":root {{ --brand: {}; --brand-text: {}; }}\n\
         .topbar, .umbrella-hero, .brand-swatch {{ background: var(--brand); color: var(--brand-text); }}\n\
         .topbar a, .umbrella-hero a {{ color: var(--brand-text); }}\n",
        colour.as_str(),
        colour.text_colour()
    );
    Ok(HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(css))
}
