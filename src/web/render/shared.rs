//! A page rendered once per version of an event and served to every
//! visitor of the same kind: the HTML is split around the CSRF token's
//! place and each piece is gzipped once. A response joins the pieces with
//! this visitor's freshly masked token (BREACH: no two responses carry the
//! same token bytes), as plain HTML or as one gzip stream whose pieces were
//! compressed in advance and whose token goes in uncompressed.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use std::io::Write;

/// What the layout's token is while a shared page renders. Handlebars does
/// not escape control characters and no text people type may hold one, so
/// it can only come from the token's places.
pub const CSRF_PLACEHOLDER: &str = "\u{1}csrf\u{1}";

/// Token places beyond which a page is compressed whole, per response.
const MAX_PIECES: usize = 5;

/// A page's pieces around its token, plain and compressed.
pub struct SharedPage {
    /// A short hash of the page's HTML (with the token's places, not a
    /// token): the page part of its ETag.
    tag: String,
    plain: Vec<Bytes>,
    /// Each piece as raw deflate blocks ending in a sync flush, so pieces
    /// and tokens can follow one another in one stream.
    deflated: Vec<Bytes>,
}

impl SharedPage {
    pub fn new(html: &str) -> Self {
        let plain: Vec<Bytes> = html
            .split(CSRF_PLACEHOLDER)
            .map(|piece| Bytes::copy_from_slice(piece.as_bytes()))
            .collect();
        let deflated = plain.iter().map(|piece| deflate_piece(piece)).collect();
        SharedPage {
            tag: short_hash(html.as_bytes()),
            plain,
            deflated,
        }
    }

    /// The page for one visitor with their masked token, gzipped when the
    /// browser takes it; or `304 Not Modified` when the browser already
    /// holds this page for this visitor. `visitor` names the visitor's own
    /// CSRF token (a hash of it): the copy the browser holds carries a mask
    /// of that token, which still posts as long as the token is the same.
    /// The ETag is weak: each answer's masked token differs.
    pub fn respond(&self, req: &HttpRequest, csrf: &str, visitor: &str) -> HttpResponse {
        let etag = format!("W/\"{}-{visitor}\"", self.tag);
        // Kept by this browser only, and asked again on every use.
        let cache = (header::CACHE_CONTROL, "private, no-cache");
        if already_held(req, &etag) {
            return HttpResponse::NotModified()
                .insert_header((header::ETAG, etag))
                .insert_header(cache)
                .insert_header((header::VARY, "Accept-Encoding"))
                .finish();
        }
        let mut response = HttpResponse::Ok();
        response
            .content_type("text/html; charset=utf-8")
            .insert_header((header::ETAG, etag))
            .insert_header(cache)
            .insert_header((header::VARY, "Accept-Encoding"));
        // Pieces compressed apart lose what they share: a page with the
        // token in many places (a form on every team) is left to the
        // compression middleware, which gzips it whole.
        if self.plain.len() <= MAX_PIECES && crate::web::pages::assets::accepts_gzip(req) {
            response
                .insert_header((header::CONTENT_ENCODING, "gzip"))
                .body(self.gzip(csrf.as_bytes()))
        } else {
            response.body(self.html(csrf.as_bytes()))
        }
    }

    /// The HTML with the token in each of its places.
    pub fn html(&self, token: &[u8]) -> Vec<u8> {
        let size: usize = self.plain.iter().map(Bytes::len).sum();
        let mut out = Vec::with_capacity(size + token.len() * self.plain.len());
        for (i, piece) in self.plain.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(token);
            }
            out.extend_from_slice(piece);
        }
        out
    }

    /// One gzip member: the pieces' deflate blocks with the token between
    /// them as stored blocks, a final empty block, then the CRC and length
    /// of the whole page.
    pub fn gzip(&self, token: &[u8]) -> Vec<u8> {
        let size: usize = self.deflated.iter().map(Bytes::len).sum();
        let mut out = Vec::with_capacity(size + (token.len() + 5) * self.plain.len() + 20);
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        let mut crc = flate2::Crc::new();
        for (i, (piece, deflated)) in self.plain.iter().zip(&self.deflated).enumerate() {
            if i > 0 {
                stored_block(&mut out, token, false);
                crc.update(token);
            }
            out.extend_from_slice(deflated);
            crc.update(piece);
        }
        stored_block(&mut out, &[], true);
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&crc.amount().to_le_bytes());
        out
    }
}

/// Whether the request's If-None-Match names `etag` (or is `*`).
fn already_held(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|held| held == etag || held == "*")
}

/// The first 8 bytes of the SHA-256 of `data`, in hex: the same on every
/// instance for the same bytes.
pub fn short_hash(data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(data)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A piece compressed on its own (its back-references stay inside it),
/// ending byte-aligned and not final.
fn deflate_piece(piece: &[u8]) -> Bytes {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(piece)
        .and_then(|_| encoder.flush())
        .expect("compressing into memory cannot fail");
    Bytes::from(encoder.get_ref().clone())
}

/// A stored (uncompressed) deflate block; the stream is byte-aligned here.
fn stored_block(out: &mut Vec<u8>, data: &[u8], last: bool) {
    let len = u16::try_from(data.len()).expect("a token is short");
    out.push(u8::from(last));
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(data: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(data)
            .read_to_string(&mut text)
            .expect("valid gzip");
        text
    }

    #[test]
    fn the_joined_gzip_stream_is_the_page_with_the_token_in_every_place() {
        let html = format!(
            "<p>{}</p><form>{CSRF_PLACEHOLDER}</form>{}<i>{CSRF_PLACEHOLDER}</i>",
            "team ".repeat(500),
            "skills ".repeat(300)
        );
        let page = SharedPage::new(&html);
        let expected = html.replace(CSRF_PLACEHOLDER, "TOKEN-1");
        assert_eq!(gunzip(&page.gzip(b"TOKEN-1")), expected);
        assert_eq!(page.html(b"TOKEN-1"), expected.as_bytes());
        assert!(page.gzip(b"TOKEN-1").len() < expected.len() / 5);
    }

    #[test]
    fn a_page_without_a_token_place_still_makes_valid_gzip() {
        let page = SharedPage::new("");
        assert_eq!(gunzip(&page.gzip(b"x")), "");
    }
}
