//! The shape of the code: no crate of the workspace has a circle among its top-level modules
//! (`a` naming `crate::b` while `b`, directly or through others, names `crate::a`). A circle
//! means neither module can be read, tested or moved without the other; the core's problems,
//! errors and messages were one before they were split (see docs/architecture.md).

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

/// The modules a file's code names as `crate::name`, comments and test modules left out.
fn named(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut names = BTreeSet::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (at, _) in line.match_indices("crate::") {
            let rest = &line[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // `folio_crate::x` and the like are not this crate.
            let own = at == 0 || !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            if own && !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

/// The module graph of a crate: each top-level module and the ones it names.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(named(&text).into_iter().filter(|n| *n != module));
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
    assert_eq!(
        named("use crate::x::Y;\n// crate::comment\nlet z = folio_crate::w; crate::v::f();"),
        ["v", "x"].into_iter().map(str::to_owned).collect()
    );
}
