//! A CSS minifier for the stylesheet compiled into the Wasm (each `<folio-viewer>` adopts it in
//! its shadow root): drops comments and the whitespace the grammar does not need. Strings are
//! copied as they are. It only removes what cannot change a rule's meaning: whitespace next to
//! `{ } ; , >` and after `:` (never before `:`, where `a :hover` and `a:hover` differ), and the
//! `;` before a `}`. A browser test compares the parsed rules of the minified and the original
//! text.

/// The minified text of `css`.
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    // Whitespace seen since the last character written, kept only if the grammar needs it.
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = '\0';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_ascii_whitespace() => space = true,
            '"' | '\'' => {
                push_space(&mut out, space, c);
                space = false;
                out.push(c);
                let mut escaped = false;
                for s in chars.by_ref() {
                    out.push(s);
                    if escaped {
                        escaped = false;
                    } else if s == '\\' {
                        escaped = true;
                    } else if s == c {
                        break;
                    }
                }
            }
            _ => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                push_space(&mut out, space, c);
                space = false;
                out.push(c);
            }
        }
    }
    out
}

/// Writes the pending whitespace as one space before `next`, unless a neighbour makes it
/// unnecessary.
fn push_space(out: &mut String, space: bool, next: char) {
    let after_tight = out.ends_with(['{', '}', ';', ',', '>', ':']) || out.is_empty();
    let before_tight = matches!(next, '{' | '}' | ';' | ',' | '>');
    if space && !after_tight && !before_tight {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::minify_css;

    #[test]
    fn drops_comments_and_needless_whitespace() {
        let css = "/* tokens */\n:root {\n  --a: 1px;  /* why */\n  color : red;\n}\n\n.a > .b ,\n.c {\n  margin: 0 auto;\n}\n";
        assert_eq!(
            minify_css(css),
            ":root{--a:1px;color :red}.a>.b,.c{margin:0 auto}"
        );
    }

    #[test]
    fn keeps_descendant_pseudo_classes_and_strings() {
        let css = ".a :focus { content: \"a  /* b */  c\"; font-family: 'X  Y', serif; }";
        assert_eq!(
            minify_css(css),
            ".a :focus{content:\"a  /* b */  c\";font-family:'X  Y',serif}"
        );
    }

    #[test]
    fn keeps_spaces_that_separate_values_and_media_features() {
        let css = "@media (prefers-color-scheme: dark) and (min-width: 40em) {\n  .a { width: calc(100% - 2em); }\n}";
        assert_eq!(
            minify_css(css),
            "@media (prefers-color-scheme:dark) and (min-width:40em){.a{width:calc(100% - 2em)}}"
        );
    }

    #[test]
    fn escaped_quotes_stay_inside_their_string() {
        assert_eq!(
            minify_css("a { content: \"\\\"  x\" ; }"),
            "a{content:\"\\\"  x\"}"
        );
    }
}
