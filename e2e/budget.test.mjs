// Size budgets of the release build, measured on what the browser really fetches: the data-file
// build (dist/) or, with FOLIO_PACKED=1, the packed-archive build (dist/packed/), whose Wasm has
// the same ceiling. The first view
// must stay within 250 KB of compressed transfer (the budget; it holds). The Wasm's budget
// is 150 KB gzip, which the build does not meet yet: that test is marked TODO, so every run prints
// how far off it is without failing, and a ceiling just above today's size fails the run on any
// regression. docs/testing.md ("Quality bars") explains the gap.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { withBuild, open, PACKED } from './browser.mjs';

const DIST = new URL(PACKED ? '../dist/packed/' : '../dist/', import.meta.url).pathname;
/** The Wasm of the build under test. */
const WASM = PACKED ? /^folio-archive-[0-9a-f]+_bg\.wasm$/ : /^folio-viewer-[0-9a-f]+_bg\.wasm$/;
/** What its first view must have fetched (the data, or the archive's manifest). */
const DATA = PACKED ? /archive\/manifest\.json$/ : /articles\.json$/;
const KB = 1000;
/** Compressed bytes the first view may transfer, everything included. */
const FIRST_VIEW_BUDGET = 250 * KB;
/** The budget for the Wasm, gzip -9. */
const WASM_BUDGET = 150 * KB;
/** Today's Wasm (194 KB) plus 3 %: growing past it needs a deliberate change here. */
const WASM_CEILING = 200 * KB;

const env = withBuild();

/** The Wasm's size through `gzip -9`, the figure `make size` and docs/figures.md report; measured
 * once for both Wasm tests. */
let wasmSize;
function wasmGzip() {
  wasmSize ??= readdir(DIST).then((files) => {
    const name = files.find((f) => WASM.test(f));
    assert.ok(name, 'the release build has a Wasm file');
    return execFileSync('gzip', ['-9', '-c', DIST + name], { maxBuffer: 1 << 26 }).length;
  });
  return wasmSize;
}

describe('size budgets', () => {
  test('the first view transfers at most 250 KB, compressed, with the demo data', async (t) => {
    const page = await env.browser.context.newPage();
    const responses = [];
    page.on('response', (response) => responses.push(response));
    await open(page, env.server.url);
    await page.locator('.folio-card').first().waitFor();
    await page.waitForLoadState('networkidle');
    let total = 0;
    for (const response of responses) {
      const { responseBodySize, responseHeadersSize } = await response.request().sizes();
      total += responseBodySize + responseHeadersSize;
      t.diagnostic(`${new URL(response.url()).pathname}: ${responseBodySize} bytes`);
    }
    const paths = responses.map((r) => new URL(r.url()).pathname);
    for (const part of [/\.wasm$/, DATA, /\.css$/, /folio\.js$/]) {
      assert.ok(paths.some((p) => part.test(p)), `the first view fetched ${part}`);
    }
    t.diagnostic(`first view: ${total} bytes transferred (budget ${FIRST_VIEW_BUDGET})`);
    assert.ok(total <= FIRST_VIEW_BUDGET, `first view transfers ${total} bytes, over ${FIRST_VIEW_BUDGET}`);
    await page.close();
  });

  test('the Wasm stays under its regression ceiling', async (t) => {
    const size = await wasmGzip();
    t.diagnostic(`Wasm: ${size} bytes gzip -9 (ceiling ${WASM_CEILING}, budget ${WASM_BUDGET})`);
    assert.ok(size <= WASM_CEILING, `the Wasm is ${size} bytes gzip, over the ceiling ${WASM_CEILING}`);
  });

  test('the Wasm builds of the sites folio build writes: the islands within the 150 KB budget, the search viewer under the ceiling', async (t) => {
    const site = new URL('../dist/site/', import.meta.url).pathname;
    const names = (await readdir(site)).filter((f) => f.endsWith('_bg.wasm'));
    assert.equal(names.length, 2, `the islands and the search page's packed viewer: ${names}`);
    for (const name of names) {
      const size = execFileSync('gzip', ['-9', '-c', site + name], { maxBuffer: 1 << 26 }).length;
      const islands = name.startsWith('folio-islands-');
      const limit = islands ? WASM_BUDGET : WASM_CEILING;
      t.diagnostic(`site/${name}: ${size} bytes gzip -9 (limit ${limit})`);
      assert.ok(size <= limit, `site/${name} is ${size} bytes gzip, over ${limit}`);
    }
  });

  test('the Wasm is at most 150 KB gzip', { todo: 'not met yet: see docs/testing.md "Quality bars"' }, async () => {
    const size = await wasmGzip();
    assert.ok(size <= WASM_BUDGET, `the Wasm is ${size} bytes gzip, over the budget ${WASM_BUDGET}`);
  });
});
