# Folio's commands. `make serve` and `make test` install what is missing first.
.PHONY: serve test build size package gen bench bench-archive bench-import bench-site lighthouse

serve:
	scripts/serve.sh

test:
	scripts/test.sh

# The release build in dist/ (articles.json at its root).
build:
	scripts/setup.sh && . scripts/env.sh && trunk build --release --offline --locked

# Sizes of the release build, raw and gzip, and of the npm package.
size: build
	scripts/size.sh

# The npm package folio-viewer from the release build: target/npm/folio-viewer-VERSION.tgz.
package: build
	node scripts/package.mjs

# Synthetic data sets for benchmarks: target/bench-data/articles-{1000,10000,100000}.json.
gen:
	mkdir -p target/bench-data
	for n in 1000 10000 100000; do cargo run --quiet --release --bin folio -- gen $$n --out target/bench-data/articles-$$n.json; done

# Every benchmark (native and wasm search, viewer timings, keystroke -> paint, sizes), as tables.
# SIZES=1000,10000 limits the data sets; RUNS=n sets the fresh loads of the viewer.
bench: build
	. scripts/env.sh && trunk build bench/wasm.html --release --offline --locked --dist target/bench-wasm --public-url ./
	. scripts/env.sh && node bench/run.mjs
	$(MAKE) bench-import
	$(MAKE) bench-site

# Folio's packed archive against Pagefind 1.6 on the same generated articles (build, files, bytes
# and requests before the first list and per cold query, warm query time, memory, Slow 4G,
# recall against brute force), as a table in docs/figures.md. SIZES=10000 is the CI-sized run;
# the default is 100,000 and 1,000,000 (Pagefind only up to PAGEFIND_MAX=100000).
bench-archive: build
	cargo build --quiet --release --locked -p folio-cli
	. scripts/env.sh && node bench/archive.mjs

# `folio import` on 10,000 generated pages in the seed's portal layout: pages per second and peak
# memory, as a table in docs/figures.md (SIZES=1000 for a quick run).
bench-import:
	cargo build --quiet --release --locked -p folio-cli
	node bench/import.mjs

# `folio build` on 10,000 and 100,000 generated articles (build time, peak memory, a rebuild after
# one title changed), the seed article page's HTML bytes, and its first paint and LCP
# pre-rendered beside the hash page, as a table in docs/figures.md (SIZES=10000 for a quick run).
bench-site: build
	cargo build --quiet --release --locked -p folio-cli
	. scripts/env.sh && node bench/site.mjs

# Lighthouse on the release build alone (median of 5; fails below performance 95, accessibility
# 100, best practices 100, SEO 90). `make test` runs it last.
lighthouse: build
	. scripts/env.sh && node e2e/lighthouse.mjs
