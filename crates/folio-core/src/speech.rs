//! 朗读 (read aloud): which of the system's voices reads an article, and the pieces it is read
//! in. Pure: the viewer's platform layer lists the voices and speaks the pieces through the
//! browser's speech synthesis (`components/read_aloud.rs`).
//!
//! Browsers name voices' languages loosely (`zh-CN`, `zh_CN`, `cmn-Hans-CN`, `yue-HK`, `en-GB`),
//! and some stop a long utterance after about fifteen seconds (Chrome's network voices), so a
//! paragraph is read as sentences, never as one utterance of unbounded length.

/// One voice as the browser describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Voice {
    /// Its language tag, as the browser writes it.
    pub lang: String,
    /// True for a voice on the device (works offline, starts at once).
    pub local: bool,
    /// True for the system's default voice.
    pub default: bool,
}

/// A language tag's language and region or script, lower case, `_` read as `-`, Mandarin
/// (`cmn`) as Chinese: `zh_CN` → (`zh`, `cn`), `cmn-Hans-CN` → (`zh`, `hans`).
fn parts(tag: &str) -> (String, String) {
    let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
    let mut pieces = tag.split('-');
    let language = match pieces.next().unwrap_or("") {
        "cmn" => "zh".to_owned(),
        other => other.to_owned(),
    };
    (language, pieces.next().unwrap_or("").to_owned())
}

/// How well a voice of language `voice` reads text in `text` (0: not at all). Chinese text is
/// read best by a voice of its own kind (Mandarin or Cantonese) and region group (mainland
/// and simplified: zh-CN, zh-Hans, zh-SG; or Taiwan), then by any Mandarin one, and by the
/// other kind last. Other languages match on region, then on language alone.
fn fit(voice: &str, text: &str) -> u8 {
    let (language, region) = parts(voice);
    let (want, want_region) = parts(text);
    let chinese = |l: &str| l == "zh" || l == "yue";
    let cantonese = |l: &str, r: &str| l == "yue" || matches!(r, "hk" | "mo");
    let mainland = |r: &str| matches!(r, "cn" | "hans" | "sg" | "");
    if chinese(&want) {
        if !chinese(&language) {
            0
        } else if cantonese(&want, &want_region) != cantonese(&language, &region) {
            1
        } else if cantonese(&want, &want_region) || mainland(&want_region) == mainland(&region) {
            3
        } else {
            2
        }
    } else if language != want {
        0
    } else if region == want_region {
        3
    } else {
        2
    }
}

/// The voice (an index into `voices`) that reads text in the language `lang`: the best fit,
/// then one on the device, then the system's default, then the first listed; `None` when no
/// voice speaks the language.
pub fn choose_voice(voices: &[Voice], lang: &str) -> Option<usize> {
    voices
        .iter()
        .enumerate()
        .map(|(at, voice)| (fit(&voice.lang, lang), voice.local, voice.default, at))
        .filter(|&(fit, ..)| fit > 0)
        .max_by_key(|&(fit, local, default, at)| (fit, local, default, std::cmp::Reverse(at)))
        .map(|(.., at)| at)
}

/// Longest piece read as one utterance, in characters (Mandarin is read at four to five
/// characters a second: at most about ten seconds).
pub const PIECE: usize = 40;

/// A block's text as the pieces to read: whole sentences (ended by 。！？；!?; or a line break),
/// joined while they fit in [`PIECE`] characters; a longer sentence is cut at a comma, else at
/// the limit. Whitespace-only pieces are dropped; the pieces together hold every character.
pub fn pieces(text: &str) -> Vec<String> {
    let mut sentences: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut count = 0;
    for c in text.chars() {
        current.push(c);
        count += 1;
        let end = matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n');
        let soft = matches!(c, '，' | '、' | ',' | '：' | ':');
        if end || (soft && count >= PIECE / 2) || count >= PIECE {
            sentences.push(std::mem::take(&mut current));
            count = 0;
        }
    }
    sentences.push(current);
    let mut out: Vec<String> = Vec::new();
    for sentence in sentences {
        if sentence.trim().is_empty() {
            if let Some(last) = out.last_mut() {
                last.push_str(&sentence);
            }
            continue;
        }
        match out.last_mut() {
            Some(last) if last.chars().count() + sentence.chars().count() <= PIECE => {
                last.push_str(&sentence)
            }
            _ => out.push(sentence),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voices(tags: &[&str]) -> Vec<Voice> {
        tags.iter()
            .map(|tag| Voice {
                lang: (*tag).to_owned(),
                ..Voice::default()
            })
            .collect()
    }

    #[test]
    fn a_chinese_article_takes_a_mainland_voice_before_taiwan_and_cantonese_ones() {
        let all = voices(&["en-US", "yue-HK", "zh-TW", "zh_CN", "fr-FR"]);
        assert_eq!(choose_voice(&all, "zh-CN"), Some(3));
        assert_eq!(
            choose_voice(&voices(&["en-US", "zh-HK", "zh-TW"]), "zh-CN"),
            Some(2)
        );
        assert_eq!(choose_voice(&voices(&["en-US", "zh-HK"]), "zh-CN"), Some(1));
        assert_eq!(choose_voice(&voices(&["cmn-Hans-CN"]), "zh-CN"), Some(0));
        assert_eq!(choose_voice(&voices(&["zh-CN", "zh-TW"]), "zh-TW"), Some(1));
        assert_eq!(choose_voice(&voices(&["zh-CN", "zh-HK"]), "zh-HK"), Some(1));
        assert_eq!(choose_voice(&voices(&["en-US", "fr-FR"]), "zh-CN"), None);
        assert_eq!(choose_voice(&[], "zh-CN"), None);
    }

    #[test]
    fn english_takes_its_region_then_any_english_and_a_device_voice_first() {
        let all = voices(&["zh-CN", "en-US", "en-GB"]);
        assert_eq!(choose_voice(&all, "en-GB"), Some(2));
        assert_eq!(choose_voice(&all, "en"), Some(1));
        let mut two = voices(&["zh-CN", "zh-CN", "zh-CN"]);
        two[2].local = true;
        two[1].default = true;
        assert_eq!(choose_voice(&two, "zh-CN"), Some(2), "on the device first");
        two[2].local = false;
        assert_eq!(choose_voice(&two, "zh-CN"), Some(1), "then the default");
    }

    #[test]
    fn pieces_are_whole_sentences_that_keep_every_character() {
        let text = "6月14日,我市召开大会。会议强调,要实施质量强市!怎么做?  ";
        let got = pieces(text);
        assert_eq!(got.concat(), text);
        assert_eq!(got.len(), 1, "short sentences are read together: {got:?}");
        let long = "聊城".repeat(100) + "。结束。";
        let got = pieces(&long);
        assert_eq!(got.concat(), long);
        assert!(got.iter().all(|p| p.chars().count() <= PIECE), "{got:?}");
        let sentences = format!("{}。{}。", "甲".repeat(30), "乙".repeat(30));
        assert_eq!(
            pieces(&sentences),
            vec![
                format!("{}。", "甲".repeat(30)),
                format!("{}。", "乙".repeat(30))
            ]
        );
        let commas = format!("{},{}。", "甲".repeat(25), "乙".repeat(25));
        assert_eq!(
            pieces(&commas),
            vec![
                format!("{},", "甲".repeat(25)),
                format!("{}。", "乙".repeat(25))
            ]
        );
        assert!(pieces("   ").is_empty());
        assert!(pieces("").is_empty());
    }
}
