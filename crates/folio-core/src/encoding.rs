//! Is this file UTF-8 text, and if not, what is it? Chinese portals often export GBK or
//! UTF-16: Folio names the encoding instead of reading the text full of replacement characters.

/// What a file that is not UTF-8 looks like. Chinese portals often export GBK or UTF-16; Folio
/// names the encoding instead of reading the text full of replacement characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16, little-endian (a byte-order mark, or ASCII with every other byte zero).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// GBK or GB18030 (every non-ASCII byte pairs as a GBK lead and trail byte).
    Gbk,
    /// Something else that is not UTF-8.
    Unknown,
}

impl Encoding {
    /// The encoding's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gbk => "GBK/GB18030",
            Encoding::Unknown => "an encoding other than UTF-8",
        }
    }
}

/// Bytes that are not UTF-8 text: what they look like, and where they stop being UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The encoding the bytes look like.
    pub encoding: Encoding,
    /// Byte offset of the first byte that is not UTF-8.
    pub offset: usize,
}

// `Display` (the English message) is with the other messages in `i18n`.
impl std::error::Error for NotUtf8 {}

/// The bytes as UTF-8 text (a UTF-8 byte-order mark is dropped), or [`NotUtf8`] naming what
/// they look like (`?` makes it [`crate::Error::NotUtf8`]). Never decodes with replacement
/// characters.
pub fn utf8_text(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(Encoding::Utf16Le),
        [0xFE, 0xFF, ..] => Some(Encoding::Utf16Be),
        // `{` or whitespace, then a zero byte: ASCII written as UTF-16 without a mark.
        [a, 0, ..] if a.is_ascii() && *a != 0 => Some(Encoding::Utf16Le),
        [0, b, ..] if b.is_ascii() && *b != 0 => Some(Encoding::Utf16Be),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        return Err(NotUtf8 {
            encoding,
            offset: 0,
        });
    }
    std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        NotUtf8 {
            encoding: guess(&bytes[offset..]),
            offset,
        }
    })
}

/// Looks at the bytes from the first one that is not UTF-8 on: GBK when each non-ASCII byte
/// starts a valid GBK pair (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F).
fn guess(rest: &[u8]) -> Encoding {
    let mut i = 0;
    let mut pairs = 0;
    while i < rest.len() && i < 4096 {
        let byte = rest[i];
        if byte.is_ascii() {
            i += 1;
            continue;
        }
        let trail = rest.get(i + 1).copied();
        match (byte, trail) {
            (0x81..=0xFE, Some(0x40..=0x7E | 0x80..=0xFE)) => {
                pairs += 1;
                i += 2;
            }
            // The text may be cut in the middle of a pair at the end of what was read.
            (0x81..=0xFE, None) => break,
            _ => return Encoding::Unknown,
        }
    }
    if pairs > 0 {
        Encoding::Gbk
    } else {
        Encoding::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_and_its_mark_is_dropped() {
        assert_eq!(
            utf8_text("{\"a\":\"质量\"}".as_bytes()),
            Ok("{\"a\":\"质量\"}")
        );
        assert_eq!(utf8_text(b"\xEF\xBB\xBF{}"), Ok("{}"));
        assert_eq!(utf8_text(b""), Ok(""));
    }

    #[test]
    fn other_encodings_are_named() {
        // 质量强市 in GBK.
        let gbk = b"{\"title\": \"\xD6\xCA\xC1\xBF\xC7\xBF\xCA\xD0\"}";
        assert_eq!(
            utf8_text(gbk),
            Err(NotUtf8 {
                encoding: Encoding::Gbk,
                offset: 11
            })
        );
        let utf16: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(
            utf8_text(&utf16),
            Err(NotUtf8 {
                encoding: Encoding::Utf16Le,
                ..
            })
        ));
        let mut marked = vec![0xFE, 0xFF];
        marked.extend("{}".encode_utf16().flat_map(u16::to_be_bytes));
        assert!(matches!(
            utf8_text(&marked),
            Err(NotUtf8 {
                encoding: Encoding::Utf16Be,
                ..
            })
        ));
        assert!(matches!(
            utf8_text(b"{\"a\": \"\xFF\x00\"}"),
            Err(NotUtf8 {
                encoding: Encoding::Unknown,
                ..
            })
        ));
        let message = crate::Error::from(utf8_text(gbk).unwrap_err()).to_string();
        assert!(message.contains("GBK"), "{message}");
    }
}
