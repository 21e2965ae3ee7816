//! Where each entry of a data file starts, as a line number, so `folio check` can name the line
//! of every problem. The loader reads JSON into values without positions; this one pass over the
//! text finds the start of `site`, of each element of `channels` and of `articles`.

/// 1-based line numbers of the entries of a data file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Positions {
    /// Line where the `site` object starts.
    pub site: Option<usize>,
    /// Line where each channel starts, in order.
    pub channels: Vec<usize>,
    /// Line where each article starts, in order.
    pub articles: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    Channels,
    Articles,
}

/// Scans JSON text (valid or not: it stops being useful, never fails).
pub fn positions(text: &str) -> Positions {
    let mut found = Positions::default();
    let (mut line, mut depth) = (1_usize, 0_usize);
    let (mut in_string, mut escaped) = (false, false);
    // The last string read at depth 1: the key of the value that follows.
    let mut key_start = None;
    let mut key = "";
    let mut list = None;
    let mut expect_entry = false;
    for (i, &byte) in text.as_bytes().iter().enumerate() {
        if byte == b'\n' {
            line += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
                if let Some(start) = key_start.take() {
                    key = text.get(start..i).unwrap_or("");
                }
            }
            continue;
        }
        if depth == 2 && expect_entry && !byte.is_ascii_whitespace() && byte != b']' {
            expect_entry = false;
            match list {
                Some(List::Channels) => found.channels.push(line),
                Some(List::Articles) => found.articles.push(line),
                None => {}
            }
        }
        match byte {
            b'"' => {
                in_string = true;
                key_start = (depth == 1).then_some(i + 1);
            }
            b'{' | b'[' => {
                depth += 1;
                if depth == 2 {
                    list = match (byte, key) {
                        (b'[', "channels") => Some(List::Channels),
                        (b'[', "articles") => Some(List::Articles),
                        _ => None,
                    };
                    expect_entry = list.is_some();
                    if byte == b'{' && key == "site" {
                        found.site = Some(line);
                    }
                }
            }
            b'}' | b']' => {
                if depth == 2 {
                    list = None;
                }
                depth = depth.saturating_sub(1);
            }
            b',' if depth == 2 && list.is_some() => expect_entry = true,
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_each_entry() {
        let text = "{\n  \"site\": {\"name\": \"x\"},\n  \"channels\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\"}\n  ],\n  \"articles\": [\n    {\"id\": \"1\", \"title\": \"a \\\"[quoted]\\\" {title}\"},\n\n    {\n      \"id\": \"2\"\n    }, 7\n  ]\n}\n";
        assert_eq!(
            positions(text),
            Positions {
                site: Some(2),
                channels: vec![4, 5],
                articles: vec![8, 10, 12],
            }
        );
    }

    #[test]
    fn broken_text_gives_what_it_can() {
        assert_eq!(positions(""), Positions::default());
        let cut = positions("{\"articles\": [{\"id\": \"1\"}, {\"id\": \"2");
        assert_eq!(cut.articles, vec![1, 1]);
        assert_eq!(positions("[1, 2, 3]").articles, Vec::<usize>::new());
    }
}
