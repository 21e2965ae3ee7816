//! The shape of the code: no crate of the workspace has a circle among its top-level modules
//! (`a` naming `crate::b` while `b`, directly or through others, names `crate::a`). A circle
//! means neither module can be read, tested or moved without the other; the core's problems,
//! errors and messages were one before they were split (the map is docs/architecture.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CRATES: [&str; 3] = ["folio-core", "folio-viewer", "folio-cli"];

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a file belongs to (`search/rank.rs` → `search`); `None` for the crate
/// roots and for test files.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    let test_file = relative.file_stem().is_some_and(|s| s == "tests");
    let root = ["lib", "main"].contains(&name) || name.ends_with("_main");
    (!test_file && !root).then(|| name.to_owned())
}

/// The crate's own code with its test modules (`#[cfg(test)] mod …`, each at the end of its
/// file by this workspace's habit) and whole-line comments left out.
fn code(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    let mut all = text.lines().peekable();
    while let Some(line) = all.next() {
        let test_module = line.trim() == "#[cfg(test)]"
            && all
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "));
        if test_module {
            break;
        }
        if !line.trim_start().starts_with("//") {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// The modules a file's code names: `crate::name`, each name of `crate::{a, b::c}`, and the
/// items the crate's root re-exports (`crate::Error`, from `pub use error::Error`) as the
/// module they come from.
fn named(text: &str, reexports: &BTreeMap<String, String>) -> BTreeSet<String> {
    let code = code(text);
    let mut names = BTreeSet::new();
    let mut add = |name: &str| {
        let name = reexports.get(name).map_or(name, String::as_str);
        if !name.is_empty() {
            names.insert(name.to_owned());
        }
    };
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        // `folio_crate::x` and the like are not this crate.
        if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                // Each path of the group, at the group's top level.
                let (mut depth, mut start) = (0usize, 0usize);
                for (i, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            add(&ident(&group[start..i]));
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            add(&ident(&group[start..i]));
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
            }
            None => add(&ident(rest)),
        }
    }
    names
}

/// The items a crate root (`lib.rs` or `main.rs`) re-exports from its own modules, each with
/// its module: `pub use error::Error;` gives `Error -> error`.
fn reexports(root: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for line in code(root).lines() {
        let Some(path) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let path = path.trim_end_matches(';');
        let Some((module, items)) = path.split_once("::") else {
            continue;
        };
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let item = item.trim();
            if !item.is_empty() && !item.contains("::") {
                found.insert(item.to_owned(), module.to_owned());
            }
        }
    }
    found
}

/// The module graph of a crate: each top-level module and the ones it names.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let root = ["lib.rs", "main.rs"]
        .iter()
        .find_map(|name| std::fs::read_to_string(src.join(name)).ok())
        .unwrap_or_default();
    let reexports = reexports(&root);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(
            named(&text, &reexports)
                .into_iter()
                .filter(|n| *n != module),
        );
    }
    graph
}

/// A circle through `start`, as the path of modules, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((module, path)) = stack.pop() {
        for next in graph.get(&module).into_iter().flatten() {
            if next == start {
                let mut path = path.clone();
                path.push(next.clone());
                return Some(path);
            }
            if graph.contains_key(next) && seen.insert(next.clone()) {
                let mut path = path.clone();
                path.push(next.clone());
                stack.push((next.clone(), path));
            }
        }
    }
    None
}

#[test]
fn no_crate_has_a_module_circle() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut circles = Vec::new();
    for name in CRATES {
        let graph = graph(&crates.join(name).join("src"));
        assert!(graph.len() > 3, "{name}: too few modules found: {graph:?}");
        for module in graph.keys() {
            if let Some(path) = circle(&graph, module) {
                circles.push(format!("{name}: {}", path.join(" -> ")));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "module circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_circle_finder_finds_circles() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a", "d"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(m, n)| (m.to_owned(), n.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(circle(&graph, "a").unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(circle(&graph, "d"), None);
    let reexports = reexports(
        "pub use error::Error;\npub use app::{App, AppProps};\npub use folio_core::Lang;",
    );
    assert_eq!(reexports.get("Error").map(String::as_str), Some("error"));
    assert_eq!(reexports.get("AppProps").map(String::as_str), Some("app"));
    let names = |text: &str| -> Vec<String> { named(text, &reexports).into_iter().collect() };
    assert_eq!(
        names("use crate::x::Y;\n// crate::comment\nlet z = folio_crate::w; crate::v::f();"),
        ["v", "x"]
    );
    assert_eq!(
        names("use crate::{a::B, c, d::{e, f}};\nfn g() -> crate::Error { crate::App }"),
        ["a", "app", "c", "d", "error"]
    );
    // A test module ends what is read; a `#[cfg(test)]` item before the code's end does not.
    assert_eq!(
        names("#[cfg(test)]\nfn t() { crate::p::q() }\ncrate::r::s();\n#[cfg(test)]\nmod tests {\n use crate::z;\n}"),
        ["p", "r"]
    );
}
