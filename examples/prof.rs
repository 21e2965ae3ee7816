use std::time::Instant;
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let reps: u32 = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let text = folio::generate::generate(n, 2015).to_string();
    let c = folio::load::load(&text).unwrap().catalogue;
    let idx = c.index();
    let st = |q: &str| folio::route::ListState { q: q.into(), page: 1, ..Default::default() };
    for q in ["市", "教育局 课程改革"] {
        let t = Instant::now();
        for _ in 0..reps { std::hint::black_box(idx.run(&st(q))); }
        println!("{q} run {:?}", t.elapsed() / reps);
    }
}
