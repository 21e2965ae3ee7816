//! Reader preferences (language, theme, text size, easy reading) and read markers, and how they are stored.
//! Pure: `browser.rs` reads and writes `localStorage`; anything unreadable there (bad JSON, a
//! value from a future version, blocked storage) gives the defaults, never an error.

use crate::i18n::Lang;
use crate::load::raw::{object, read, Field, Target};

object! {
    /// The reader's stored preferences (`localStorage`), read with the same leniency.
    RawPrefs {
        lang: "lang" => String,
        theme: "theme" => String,
        text_size: "text_size" => String,
        easy: "easy" => String,
    }
}

/// `localStorage` key of the preferences.
pub const PREFS_KEY: &str = "folio:v1:prefs";
/// `localStorage` key of the read markers.
pub const READ_KEY: &str = "folio:v1:read";
/// Most read markers kept (the oldest are forgotten first).
pub const MAX_READ: usize = 500;

/// Colour theme of a viewer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// Follows the reader's system setting (`prefers-color-scheme`); the default.
    #[default]
    Auto,
}

impl Theme {
    /// Reads a theme name (`light`, `dark`, `auto`).
    pub fn from_key(key: &str) -> Option<Theme> {
        match key.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }

    /// The value of the viewer's `data-theme` attribute, which the tokens key on.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// Size of the article body text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextSize {
    /// 小
    Small,
    /// 中 (the default)
    #[default]
    Medium,
    /// 大
    Large,
    /// 特大
    Huge,
}

impl TextSize {
    /// All sizes, smallest first.
    pub const ALL: [TextSize; 4] = [
        TextSize::Small,
        TextSize::Medium,
        TextSize::Large,
        TextSize::Huge,
    ];

    /// The value of the viewer's `data-text-size` attribute.
    pub fn key(self) -> &'static str {
        match self {
            TextSize::Small => "small",
            TextSize::Medium => "medium",
            TextSize::Large => "large",
            TextSize::Huge => "huge",
        }
    }
}

/// What the reader chose; `None` where they have not chosen (the page's default applies).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    /// Interface language.
    pub lang: Option<Lang>,
    /// Colour theme.
    pub theme: Option<Theme>,
    /// Article text size.
    pub text_size: TextSize,
    /// 长辈模式 / easy reading: larger type and targets, AAA contrast, underlined links, no
    /// motion (`styles/easy.css`); stored as `"easy":"on"`.
    pub easy: bool,
}

impl Prefs {
    /// Reads stored preferences: a JSON object of strings; anything else, and any value that
    /// is not one Folio knows, is left at its default.
    pub fn parse(text: Option<&str>) -> Prefs {
        let stored = text
            .and_then(|t| read::<RawPrefs>(t).ok())
            .unwrap_or_default();
        let Field::Value(stored) = stored else {
            return Prefs::default();
        };
        // A wrong type anywhere means the value is not ours: all defaults, as for bad JSON.
        let fields = [&stored.lang, &stored.theme, &stored.text_size, &stored.easy];
        if fields.iter().any(|field| matches!(field, Field::Other)) {
            return Prefs::default();
        }
        fn field(value: &Field<String>) -> Option<&str> {
            value.value().map(String::as_str)
        }
        Prefs {
            lang: field(&stored.lang).and_then(Lang::from_tag),
            theme: field(&stored.theme).and_then(Theme::from_key),
            text_size: field(&stored.text_size)
                .and_then(|s| TextSize::ALL.into_iter().find(|size| size.key() == s))
                .unwrap_or_default(),
            easy: field(&stored.easy) == Some("on"),
        }
    }

    /// The stored form: a JSON object of strings (the keys are plain ASCII, so no escaping).
    pub fn to_json(self) -> String {
        let mut pairs = vec![format!("\"text_size\":\"{}\"", self.text_size.key())];
        if let Some(lang) = self.lang {
            pairs.push(format!("\"lang\":\"{}\"", lang.tag()));
        }
        if let Some(theme) = self.theme {
            pairs.push(format!("\"theme\":\"{}\"", theme.key()));
        }
        if self.easy {
            pairs.push("\"easy\":\"on\"".to_owned());
        }
        format!("{{{}}}", pairs.join(","))
    }
}

/// Ids of the articles the reader has opened, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadSet(Vec<String>);

impl ReadSet {
    /// Reads stored markers; anything that is not a list of strings gives an empty set.
    pub fn parse(text: Option<&str>) -> ReadSet {
        let stored = text
            .and_then(|t| read::<Vec<Field<String>>>(t).ok())
            .unwrap_or_default();
        let mut set = ReadSet::default();
        if let Field::Value(ids) = stored {
            if ids.iter().all(|id| matches!(id, Field::Value(_))) {
                for id in ids.iter().filter_map(Field::value) {
                    set.mark(id);
                }
            }
        }
        set
    }

    /// The stored form: a JSON list of the ids (written by hand: a serialiser would add more to
    /// the Wasm than this list needs).
    pub fn to_json(&self) -> String {
        let mut out = String::from("[");
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            for c in id.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        out.push(']');
        out
    }

    /// Marks an article as read (most recent last), forgetting the oldest beyond [`MAX_READ`].
    pub fn mark(&mut self, id: &str) {
        self.0.retain(|known| known != id);
        self.0.push(id.to_owned());
        if self.0.len() > MAX_READ {
            self.0.drain(..self.0.len() - MAX_READ);
        }
    }

    /// True when the article was opened.
    pub fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|known| known == id)
    }

    /// How many articles are marked.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when nothing is marked.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_round_trip() {
        let prefs = Prefs {
            lang: Some(Lang::En),
            theme: Some(Theme::Dark),
            text_size: TextSize::Large,
            easy: true,
        };
        assert_eq!(Prefs::parse(Some(&prefs.to_json())), prefs);
        let plain = Prefs {
            easy: false,
            ..prefs
        };
        assert_eq!(Prefs::parse(Some(&plain.to_json())), plain);
        assert_eq!(
            Prefs::parse(Some(&Prefs::default().to_json())),
            Prefs::default()
        );
    }

    #[test]
    fn corrupted_or_foreign_values_give_defaults() {
        for text in [
            None,
            Some(""),
            Some("{"),
            Some("null"),
            Some("[1,2]"),
            Some("\"dark\""),
            Some("{\"lang\": 5}"),
        ] {
            assert_eq!(Prefs::parse(text), Prefs::default(), "{text:?}");
        }
        let partial = Prefs::parse(Some(
            r#"{"lang": "klingon", "theme": "dark", "text_size": "gigantic", "easy": "yes", "extra": true}"#,
        ));
        assert_eq!(
            partial,
            Prefs {
                lang: None,
                theme: Some(Theme::Dark),
                text_size: TextSize::Medium,
                easy: false,
            }
        );
        assert_eq!(
            Prefs::parse(Some(r#"{"easy": true}"#)),
            Prefs::default(),
            "a value of another type is not ours"
        );
    }

    #[test]
    fn read_markers_are_capped_and_ordered() {
        let mut read = ReadSet::parse(Some(r#"["a", "b", "a"]"#));
        assert_eq!(read.len(), 2);
        assert!(read.contains("a") && read.contains("b") && !read.contains("c"));
        for i in 0..MAX_READ + 10 {
            read.mark(&format!("x{i}"));
        }
        assert_eq!(read.len(), MAX_READ);
        assert!(!read.contains("a"), "the oldest are forgotten first");
        assert!(read.contains(&format!("x{}", MAX_READ + 9)));
        assert_eq!(ReadSet::parse(Some(&read.to_json())), read);
        let mut odd = ReadSet::default();
        odd.mark("引号\"与\\反斜杠\u{1}");
        assert_eq!(ReadSet::parse(Some(&odd.to_json())), odd);
        for bad in [Some("{}"), Some("[1]"), Some("oops"), None] {
            assert!(ReadSet::parse(bad).is_empty(), "{bad:?}");
        }
    }
}
