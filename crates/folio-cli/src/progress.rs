//! The progress bar every long `folio` step shows on stderr (hidden with `--quiet`).

use indicatif::{ProgressBar, ProgressStyle};

/// A bar of `len` steps named `what`; hidden when `quiet`.
pub fn bar(quiet: bool, len: usize, what: &'static str) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(what);
    bar
}
