//! Build script: writes the viewer's stylesheet, minified, to `$OUT_DIR/folio.css`, which
//! `embed.rs` compiles into the Wasm for the shadow roots of `<folio-viewer>`. (The standalone
//! page links the files in `styles/` through Trunk.)

#[path = "build/minify_css.rs"]
mod minify_css;

/// The stylesheets in cascade order: tokens first, print last.
const SHEETS: [&str; 7] = [
    "tokens", "app", "list", "article", "notice", "search", "print",
];

fn main() {
    let mut css = String::new();
    for name in SHEETS {
        let path = format!("../../styles/{name}.css");
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        css.push_str(&text);
        css.push('\n');
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let path = std::path::Path::new(&out).join("folio.css");
    std::fs::write(&path, minify_css::minify_css(&css))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("cargo::rerun-if-changed=build/minify_css.rs");
}
