//! Peak memory of loading a data file, counted by a global allocator of this test binary alone:
//! at 10,000 generated articles the loader (validation, then the search index, the file freed
//! in between as the viewer does) never holds more than three times the file's size. A count of
//! bytes asked for, not a timing: the same on every machine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = NOW.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        if size > layout.size() {
            grew(size - layout.size());
        } else {
            NOW.fetch_sub(layout.size() - size, Relaxed);
        }
        unsafe { System.realloc(ptr, layout, size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn loading_10000_articles_peaks_under_three_times_the_file() {
    let bytes = folio_core::generate::generate(10_000, 2015)
        .to_string()
        .into_bytes();
    let file = bytes.len();
    // The file is counted from here on, as in the viewer, which holds it once fetched.
    let before = NOW.load(Relaxed) - file;
    PEAK.store(NOW.load(Relaxed), Relaxed);
    let loaded = folio_core::load::load_owned(bytes).expect("generated data loads");
    let peak = PEAK.load(Relaxed) - before;
    let kept = NOW.load(Relaxed) - before;
    assert_eq!(loaded.catalogue.articles().len(), 10_000);
    let ratio = peak as f64 / file as f64;
    eprintln!(
        "file {file} bytes; peak {peak} ({ratio:.2}x), kept {kept} ({:.2}x)",
        kept as f64 / file as f64
    );
    assert!(
        ratio <= 3.0,
        "loading peaked at {ratio:.2} times the file's size"
    );
}
