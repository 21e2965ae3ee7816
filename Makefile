# Folio's commands. `make serve` and `make test` install what is missing first.
.PHONY: serve test build size gen bench

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

# Synthetic data sets for benchmarks: bench/data/articles-{1k,10k,100k}.json.
gen:
	mkdir -p bench/data
	for n in 1000 10000 100000; do cargo run --quiet --release --bin folio-gen -- $$n > bench/data/articles-$$((n / 1000))k.json; done

# Benchmarks of the release build in headless Chromium; prints a table.
bench: build
	. scripts/env.sh && node bench/run.mjs
