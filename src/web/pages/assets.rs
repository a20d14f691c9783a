//! Static files (CSS, the live client, icons), embedded in the binary.

use actix_web::{HttpResponse, web};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "public/"]
struct PublicFiles;

pub async fn serve(path: web::Path<String>) -> HttpResponse {
    match PublicFiles::get(&path) {
        Some(file) => HttpResponse::Ok()
            .content_type(file.metadata.mimetype())
            .insert_header(("Cache-Control", "public, max-age=300"))
            .body(file.data.into_owned()),
        None => HttpResponse::NotFound()
            .content_type("text/plain")
            .body("not found"),
    }
}
