//! Small text helpers shared by the loader and the messages.

/// `text` cut to at most `max` characters, with an ellipsis when something was cut.
pub fn cut(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let kept: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{kept}…")
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn cuts_by_characters_with_an_ellipsis() {
        assert_eq!(cut("质量强市", 2), "质量…");
        assert_eq!(cut("质量", 2), "质量");
        assert_eq!(cut("", 3), "");
    }
}
