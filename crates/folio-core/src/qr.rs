//! QR codes for the WeChat share dialog, made in the page (no QR service is ever asked):
//! `qrcodegen` encodes, this module turns the modules into one SVG path.

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code, as the QR specification asks.
const QUIET_ZONE: i32 = 4;

/// A QR code ready to draw: an SVG `viewBox` of `size` × `size` and a path of dark modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSvg {
    /// Width and height in modules, quiet zone included.
    pub size: i32,
    /// SVG path data: one unit square per dark module.
    pub path: String,
}

/// Encodes `text` (a URL) at medium error correction, falling back to low for long texts;
/// `None` only past the largest QR code (about 2,900 bytes), where the dialog shows the link as
/// text instead.
pub fn qr_svg(text: &str) -> Option<QrSvg> {
    // Byte mode: a URL with lowercase letters needs it anyway, and it spares the Wasm the code
    // that picks numeric and alphanumeric segments.
    let code = QrCode::encode_binary(text.as_bytes(), QrCodeEcc::Medium)
        .or_else(|_| QrCode::encode_binary(text.as_bytes(), QrCodeEcc::Low))
        .ok()?;
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Some(QrSvg {
        size: code.size() + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_urls_encode() {
        let short = qr_svg("https://a.cn/#/article/x").unwrap();
        assert_eq!(short.size, 25 + 8, "version 2 at medium correction");
        assert!(
            short.path.starts_with("M4,4h1v1h-1z"),
            "finder pattern corner is dark"
        );
        let long_url = format!(
            "https://news.example.cn/#/article/{}",
            "%E8%B4%A8".repeat(200)
        );
        let long = qr_svg(&long_url).unwrap();
        assert!(long.size > short.size && long.size <= 177 + 8);
        assert_eq!(qr_svg(&"x".repeat(5_000)), None, "past the largest code");
    }
}
