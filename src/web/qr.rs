//! QR codes for sign-in links and the projector, drawn on the server as SVG.

use base64::Engine;
use qrcode::QrCode;
use qrcode::render::svg;

/// An SVG QR code of `text`, dark on light, scalable.
pub fn svg(text: &str) -> String {
    match QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color<'_>>()
            .min_dimensions(240, 240)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
        Err(_) => String::new(),
    }
}

/// The same, as a `data:` address for an `<img>` (allowed by the CSP).
pub fn data_uri(text: &str) -> String {
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg(text))
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_becomes_an_svg_qr_code() {
        let svg = super::svg("https://hack.example.org/signin/abc");
        assert!(svg.starts_with("<?xml") && svg.contains("<svg"));
        assert!(super::data_uri("x").starts_with("data:image/svg+xml;base64,"));
    }
}
