//! The data Folio shows: a site, its channel tree and its articles, as plain Rust values.
//!
//! Nothing here knows about Yew or the browser. The types serialise to the documented JSON schema
//! (see docs/schema.md), which the generator and the round-trip tests rely on; reading goes
//! through [`crate::load`], which validates field by field instead of deserialising blindly.

use std::fmt;

use serde::{Serialize, Serializer};

/// The publishing site: shown in the breadcrumb root and the footer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Site {
    /// Display name, e.g. 聊城信息港.
    pub name: String,
    /// Home page of the site; the breadcrumb root links there when it is an http(s) URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Copyright line for the footer, shown as written.
    pub copyright: String,
}

/// One node of the channel tree (site > channel > column).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Channel {
    /// Stable id used in URLs and in `Article::channel`.
    pub id: String,
    /// Display name, e.g. 聊城新闻.
    pub name: String,
    /// Parent channel id; `None` for a top-level channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// The path from the top-level channel down to `id` (breadcrumb order), each step found through
/// `lookup`; empty when `id` names no channel. At most `limit` steps (the number of channels), so
/// even a cycle (which the loader removes) cannot loop forever.
pub fn ancestry<'a>(
    id: &str,
    limit: usize,
    lookup: impl Fn(&str) -> Option<&'a Channel>,
) -> Vec<&'a Channel> {
    let mut path = Vec::new();
    let mut next = lookup(id);
    while let Some(channel) = next {
        if path.len() > limit {
            break;
        }
        path.push(channel);
        next = channel.parent.as_deref().and_then(&lookup);
    }
    path.reverse();
    path
}

/// [`ancestry`] in a plain list of channels.
pub fn channel_path<'a>(channels: &'a [Channel], id: &str) -> Vec<&'a Channel> {
    ancestry(id, channels.len(), |id| {
        channels.iter().find(|c| c.id == id)
    })
}

/// What an author did for the article; shown in the byline (记者 曹天伟 王培源 通讯员 肖艳伟).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// 记者
    Reporter,
    /// 通讯员
    Correspondent,
    /// 摄影
    Photographer,
    /// 实习生
    Intern,
    /// Any other role, shown as written.
    Other(String),
}

impl Role {
    /// The schema key of a role (`reporter`, ...), or the free text of `Other`.
    pub fn key(&self) -> &str {
        match self {
            Role::Reporter => "reporter",
            Role::Correspondent => "correspondent",
            Role::Photographer => "photographer",
            Role::Intern => "intern",
            Role::Other(text) => text,
        }
    }

    /// Reads a role key; unknown keys become `Other` so a site can use its own titles.
    pub fn from_key(key: &str) -> Role {
        match key {
            "reporter" | "记者" => Role::Reporter,
            "correspondent" | "通讯员" => Role::Correspondent,
            "photographer" | "摄影" => Role::Photographer,
            "intern" | "实习生" => Role::Intern,
            other => Role::Other(other.to_owned()),
        }
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// A person credited in the byline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Author {
    /// What they did.
    pub role: Role,
    /// Their name, as written.
    pub name: String,
}

/// One typed piece of an article body. Bodies are never raw HTML.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph of plain text.
    Paragraph {
        /// The text, shown as written (escaped).
        text: String,
    },
    /// A sub-heading inside the body.
    Heading {
        /// The heading text.
        text: String,
    },
    /// An image with its alternative text and an optional caption.
    Image {
        /// http(s) or relative URL; other schemes are refused by the loader.
        src: String,
        /// Alternative text for screen readers; required.
        alt: String,
        /// Caption under the image.
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// A quotation, optionally attributed.
    Quote {
        /// The quoted text.
        text: String,
        /// Who said it.
        #[serde(skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
}

/// A moment with the UTC offset it was written in, e.g. `2015-06-15T09:22:32+08:00`.
///
/// Articles are shown in their own time zone (a Beijing article reads 09:22 everywhere), and
/// sorted by the instant, so both the wall-clock fields and the offset are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Offset from UTC in minutes (+480 for Beijing time).
    pub offset_minutes: i16,
}

impl DateTime {
    /// Parses `YYYY-MM-DDTHH:MM[:SS]±HH:MM` (or `Z`); a space may stand for the `T`.
    /// Returns `None` for anything else, including impossible dates like 2015-02-30.
    pub fn parse(text: &str) -> Option<DateTime> {
        let bytes = text.trim().as_bytes();
        let num = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = bytes.get(range)?;
            if part.iter().all(u8::is_ascii_digit) {
                Some(
                    part.iter()
                        .fold(0, |acc, digit| acc * 10 + u32::from(digit - b'0')),
                )
            } else {
                None
            }
        };
        if bytes.len() < 17 || bytes[4] != b'-' || bytes[7] != b'-' || bytes[13] != b':' {
            return None;
        }
        if bytes[10] != b'T' && bytes[10] != b' ' {
            return None;
        }
        let (second, rest) = if bytes.get(16) == Some(&b':') {
            (num(17..19)?, 19)
        } else {
            (0, 16)
        };
        let offset_minutes = match &bytes[rest..] {
            b"Z" => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let digits = [*h1, *h2, *m1, *m2];
                if !digits.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                let hours = i16::from(h1 - b'0') * 10 + i16::from(h2 - b'0');
                let minutes = i16::from(m1 - b'0') * 10 + i16::from(m2 - b'0');
                if hours > 14 || minutes > 59 {
                    return None;
                }
                let total = hours * 60 + minutes;
                if *sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return None,
        };
        let date_time = DateTime {
            year: i32::try_from(num(0..4)?).ok()?,
            month: u8::try_from(num(5..7)?).ok()?,
            day: u8::try_from(num(8..10)?).ok()?,
            hour: u8::try_from(num(11..13)?).ok()?,
            minute: u8::try_from(num(14..16)?).ok()?,
            second: u8::try_from(second).ok()?,
            offset_minutes,
        };
        date_time.is_valid().then_some(date_time)
    }

    fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
            && self.hour < 24
            && self.minute < 60
            && self.second < 60
    }

    /// Seconds since 1970-01-01T00:00:00Z: the instant, for sorting and date-range filters.
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let local = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        local - i64::from(self.offset_minutes) * 60
    }

    /// The same instant, written in the given offset (used by the generator).
    pub fn from_unix_seconds(seconds: i64, offset_minutes: i16) -> DateTime {
        let local = seconds + i64::from(offset_minutes) * 60;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        // The casts cannot truncate: secs < 86 400, so each part is below 60 or 24.
        DateTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
            offset_minutes,
        }
    }

    /// The day as the number YYYYMMDD, in the article's own offset (what facet rows and date
    /// filters compare).
    pub fn day_number(&self) -> u32 {
        self.year.max(0) as u32 * 10_000 + u32::from(self.month) * 100 + u32::from(self.day)
    }

    /// The calendar date as `YYYY-MM-DD`, in the article's own offset.
    pub fn date_iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// RFC 3339 with the offset, as used in the JSON and in `<time datetime>`.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let offset = self.offset_minutes.unsigned_abs();
        write!(
            f,
            "{}T{:02}:{:02}:{:02}{}{:02}:{:02}",
            self.date_iso(),
            self.hour,
            self.minute,
            self.second,
            sign,
            offset / 60,
            offset % 60
        )
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of a (proleptic Gregorian) year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year as i32, month, day)
}

/// One article, validated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable id used in the URL (`#/article/<id>`).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Optional second headline line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Id of the channel (usually a column) the article is filed in.
    pub channel: String,
    /// Publication time with its UTC offset.
    pub published: DateTime,
    /// Where the article comes from (来源), e.g. 聊城新闻网.
    pub source: String,
    /// The view count the data carries (浏览 N 次); `None` when the site did not record one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub views: Option<u64>,
    /// Responsible editor (编辑).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    /// Byline, in order.
    pub authors: Vec<Author>,
    /// Short summary for lists; the loader derives one from the body when the data has none.
    pub summary: String,
    /// The body, block by block.
    pub body: Vec<Block>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Ids of related articles, in the editor's order.
    pub related: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_and_keeps_wall_clock() {
        let at = DateTime::parse("2015-06-15T09:22:32+08:00").unwrap();
        assert_eq!(
            (at.year, at.month, at.day, at.hour, at.minute, at.second),
            (2015, 6, 15, 9, 22, 32)
        );
        assert_eq!(at.offset_minutes, 480);
        assert_eq!(at.unix_seconds(), 1_434_331_352);
        assert_eq!(at.to_string(), "2015-06-15T09:22:32+08:00");
        let utc = DateTime::parse("2015-06-15 01:22:32Z").unwrap();
        assert_eq!(utc.unix_seconds(), at.unix_seconds());
        let west = DateTime::parse("2015-06-14T20:22-05:00").unwrap();
        assert_eq!(west.unix_seconds(), at.unix_seconds() - 32);
        assert_eq!(west.to_string(), "2015-06-14T20:22:00-05:00");
    }

    #[test]
    fn refuses_what_is_not_a_zoned_date_time() {
        for text in [
            "",
            "2015-6-15 9:22:32",
            "2015-06-15T09:22:32",
            "2015-06-15",
            "2015-02-29T00:00:00Z",
            "2015-13-01T00:00:00Z",
            "2015-06-31T00:00:00Z",
            "2015-06-15T24:00:00Z",
            "2015-06-15T09:60:00Z",
            "2015-06-15T09:22:32+15:00",
            "2015-06-15T09:22:32+0800",
            "２０15-06-15T09:22:32Z",
            "2015-06-15T09:22:32+08:00x",
        ] {
            assert_eq!(DateTime::parse(text), None, "{text}");
        }
        assert!(DateTime::parse("2016-02-29T00:00:00Z").is_some());
        assert!(DateTime::parse("2000-02-29T00:00:00Z").is_some());
        assert!(DateTime::parse("1900-02-29T00:00:00Z").is_none());
    }

    #[test]
    fn unix_seconds_round_trip_over_centuries() {
        for seconds in [
            -2_208_988_800_i64,
            -1,
            0,
            1,
            951_782_400,
            1_434_331_352,
            4_102_444_799,
        ] {
            for offset in [-720_i16, -300, 0, 330, 480, 840] {
                let at = DateTime::from_unix_seconds(seconds, offset);
                assert_eq!(at.unix_seconds(), seconds);
                assert_eq!(DateTime::parse(&at.to_string()), Some(at));
            }
        }
    }

    #[test]
    fn roles_read_keys_and_chinese_titles() {
        assert_eq!(Role::from_key("reporter"), Role::Reporter);
        assert_eq!(Role::from_key("记者"), Role::Reporter);
        assert_eq!(Role::from_key("通讯员"), Role::Correspondent);
        assert_eq!(Role::from_key("特约撰稿"), Role::Other("特约撰稿".into()));
        assert_eq!(Role::Other("特约撰稿".into()).key(), "特约撰稿");
    }
}
