//! Static files (CSS, the live clients), embedded in the binary and served
//! under content-hashed names (`/static/css/app.<hash>.css`) that a phone
//! may keep for a year: a new release has new names. Each file is hashed
//! and gzipped once, at first use; answers carry a strong ETag and a
//! conditional request that still matches gets 304 and no body.

use actix_web::http::{StatusCode, header};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use rust_embed::RustEmbed;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(RustEmbed)]
#[folder = "public/"]
struct PublicFiles;

/// What a hashed address may be kept for: a year, never revalidated.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// An unhashed (or outdated) address: kept, but checked with the ETag.
const REVALIDATE: &str = "public, max-age=0, must-revalidate";

/// One embedded file, ready to serve.
struct Asset {
    hash: String,
    url: String,
    mime: String,
    body: Bytes,
    /// The gzipped body, when that is smaller.
    gzip: Option<Bytes>,
}

/// Every embedded file by its path and by its hashed path.
struct AssetTable {
    by_path: HashMap<String, Asset>,
    by_hashed: HashMap<String, String>,
}

fn table() -> &'static AssetTable {
    static TABLE: OnceLock<AssetTable> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> AssetTable {
    let mut by_path = HashMap::new();
    let mut by_hashed = HashMap::new();
    for path in PublicFiles::iter() {
        let Some(file) = PublicFiles::get(&path) else {
            continue;
        };
        let hash: String = file.metadata.sha256_hash()[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let hashed = hashed_path(&path, &hash);
        let body = Bytes::from(file.data.into_owned());
        let gzip = gzip(&body).filter(|g| g.len() < body.len());
        by_hashed.insert(hashed.clone(), path.to_string());
        by_path.insert(
            path.to_string(),
            Asset {
                hash,
                url: format!("/static/{hashed}"),
                mime: file.metadata.mimetype().to_string(),
                body,
                gzip,
            },
        );
    }
    AssetTable { by_path, by_hashed }
}

/// `css/app.css` with hash `ab12` is `css/app.ab12.css`.
fn hashed_path(path: &str, hash: &str) -> String {
    match path.rfind('.') {
        Some(dot) if !path[dot..].contains('/') => {
            format!("{}.{hash}{}", &path[..dot], &path[dot..])
        }
        _ => format!("{path}.{hash}"),
    }
}

/// The file a request names when it carries an outdated hash (a page from
/// the previous release): `css/app.0000.css` is `css/app.css`.
fn unhashed(path: &str) -> Option<String> {
    let dot = path.rfind('.')?;
    let stem = &path[..dot];
    let inner = stem.rfind('.')?;
    let hash = &stem[inner + 1..];
    (!hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("{}{}", &stem[..inner], &path[dot..]))
}

fn gzip(data: &[u8]) -> Option<Bytes> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

/// The address templates link to (`{{asset "css/app.css"}}`): hashed by
/// content, so it changes exactly when the file does. An unknown file is
/// `None` (a template error, caught by the tests).
pub fn url(path: &str) -> Option<&'static str> {
    table().by_path.get(path).map(|a| a.url.as_str())
}

/// Computes every hash and compressed body now, at start-up, rather than on
/// the first request.
pub fn prepare() {
    let _ = table();
}

/// Whether the client takes gzip (and has not refused it with `q=0`).
pub fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts.next().is_some_and(|c| c.eq_ignore_ascii_case("gzip"))
                && !parts.any(|p| p.replace(' ', "") == "q=0")
        })
}

/// Whether `If-None-Match` names one of these ETags (or `*`).
pub fn none_match(req: &HttpRequest, etags: &[&str]) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || etags.contains(&t))
}

pub async fn serve(req: HttpRequest, path: web::Path<String>) -> HttpResponse {
    let table = table();
    let path = path.into_inner();
    let (asset, cache) = if let Some(plain) = table.by_hashed.get(&path) {
        (table.by_path.get(plain), IMMUTABLE)
    } else if let Some(asset) = table.by_path.get(&path) {
        (Some(asset), REVALIDATE)
    } else {
        let old = unhashed(&path).and_then(|p| table.by_path.get(&p));
        (old, REVALIDATE)
    };
    let Some(asset) = asset else {
        return HttpResponse::NotFound()
            .content_type("text/plain")
            .body("not found");
    };
    let plain_tag = format!("\"{}\"", asset.hash);
    let gzip_tag = format!("\"{}-gz\"", asset.hash);
    let gzip = asset.gzip.as_ref().filter(|_| accepts_gzip(&req));
    let etag = if gzip.is_some() {
        &gzip_tag
    } else {
        &plain_tag
    };
    let status = if none_match(&req, &[&plain_tag, &gzip_tag]) {
        StatusCode::NOT_MODIFIED
    } else {
        StatusCode::OK
    };
    let mut response = HttpResponse::build(status);
    response
        .insert_header((header::ETAG, etag.as_str()))
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::VARY, "Accept-Encoding"));
    if status == StatusCode::NOT_MODIFIED {
        return response.finish();
    }
    response.content_type(asset.mime.as_str());
    match gzip {
        Some(body) => response
            .insert_header((header::CONTENT_ENCODING, "gzip"))
            .body(body.clone()),
        None => response.body(asset.body.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_name_keeps_its_folder_and_extension() {
        assert_eq!(hashed_path("css/app.css", "ab12"), "css/app.ab12.css");
        assert_eq!(unhashed("css/app.ab12.css").as_deref(), Some("css/app.css"));
        assert_eq!(unhashed("css/app.css"), None);
    }
}
