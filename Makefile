# Folio's commands. `make serve` and `make test` install what is missing first.
.PHONY: serve test build size gen bench lighthouse

serve:
	scripts/serve.sh

test:
	scripts/test.sh

# The release build in dist/ (articles.json at its root).
build:
	scripts/setup.sh && . scripts/env.sh && trunk build --release --offline --locked

# Sizes of the release build, raw and gzip.
size: build
	scripts/size.sh

# Synthetic data sets for benchmarks: target/bench-data/articles-{1000,10000,100000}.json.
gen:
	mkdir -p target/bench-data
	for n in 1000 10000 100000; do cargo run --quiet --release --bin folio -- gen $$n --out target/bench-data/articles-$$n.json; done

# Every benchmark (native and wasm search, viewer timings, keystroke -> paint, sizes), as tables.
# SIZES=1000,10000 limits the data sets; RUNS=n sets the fresh loads of the viewer.
bench: build
	. scripts/env.sh && trunk build bench/wasm.html --release --offline --locked --dist target/bench-wasm --public-url ./
	. scripts/env.sh && node bench/run.mjs

# Lighthouse on the release build alone (median of 5; fails below performance 95, accessibility
# 100, best practices 100, SEO 90). `make test` runs it last.
lighthouse: build
	. scripts/env.sh && node e2e/lighthouse.mjs
