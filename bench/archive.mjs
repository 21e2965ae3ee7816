// `make bench-archive`: Folio's packed archive against Pagefind 1.6 on the same generated
// articles (Pagefind indexes them written as HTML pages), side by side in one run:
//  - build: time and peak memory of `folio pack` and `pagefind`, files and bytes written;
//  - the browser (headless Chromium, DevTools network events): bytes and requests before
//    Folio's first list (Pagefind: before its first query can run), and for a cold query of one,
//    two and four characters, a rare word and a common character; warm query time; Wasm
//    memory after the first list and after 20 queries; first list and a cold query under
//    Lighthouse's Slow 4G profile (150 ms, 1.6 Mbps, 4x CPU);
//  - recall: 30 random substrings of article text (2–4 characters, across word boundaries)
//    counted by brute force over the same articles, against each engine's count.
// SIZES=10000 runs the CI-sized corpus; the default is 100,000 and 1,000,000 (Pagefind at a
// million pages takes most of an hour: PAGEFIND_MAX=100000 skips it above that).
// The table goes to standard output and into docs/figures.md (its own section, which
// `make bench` keeps).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { serve } from '../e2e/server.mjs';
import { launch, wasmMemory } from '../e2e/browser.mjs';
import { escapeHtml, timed, writeSection } from './figures.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const SIZES = (process.env.SIZES || '100000,1000000').split(',').map(Number);
const PAGEFIND_MAX = Number(process.env.PAGEFIND_MAX || 100000);
const FOLIO = `${ROOT}target/release/folio`;
const PAGEFIND = `${ROOT}node_modules/.bin/pagefind`;
const RARE = '黄河故道湿地';
const QUERIES = [['one character', '县'], ['two characters', '聊城'], ['three characters', '运河文'], ['four characters', '运河文化'], ['rare word', RARE], ['common character', '的']];

const lines = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const kb = (bytes) => (bytes / 1000).toFixed(1);
const ratio = (folio, other) => (folio > 0 && other > 0 ? `${(other / folio).toFixed(1)}×` : '–');

async function tree(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await stat(`${entry.parentPath ?? entry.path}/${entry.name}`)).size;
  }
  return { files, bytes };
}


/** Reads the JSON Lines corpus: the texts for brute force, and the HTML pages for Pagefind. */
async function corpus(file, pages) {
  const texts = [];
  let first = true;
  const writes = [];
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (first) { first = false; continue; }
    if (!line.trim()) continue;
    const a = JSON.parse(line);
    const body = a.body.flatMap((b) => [b.text, b.alt, b.caption, b.cite]).filter(Boolean);
    // Every field either engine searches: Folio's searchable text (docs/search.md), which the
    // HTML pages given to Pagefind carry too, so the brute force counts what both can find.
    const more = [a.subtitle, a.summary, a.editor, ...(a.authors ?? []).map((x) => x.name), ...(a.tags ?? [])].filter(Boolean);
    texts.push([a.title, a.source, ...more, ...body].join('\n'));
    if (pages) {
      const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(a.title)}</title></head><body><main data-pagefind-body><h1>${escapeHtml(a.title)}</h1><p data-pagefind-filter="source">${escapeHtml(a.source)}</p><p data-pagefind-filter="channel">${escapeHtml(a.channel)}</p>${[...more, ...body].map((t) => `<p>${escapeHtml(t)}</p>`).join('')}</main></body></html>`;
      writes.push(writeFile(`${pages}/${a.id}.html`, html));
      if (writes.length >= 256) await Promise.all(writes.splice(0));
    }
  }
  await Promise.all(writes);
  return texts;
}

/** 30 substrings of article text, 2–4 CJK characters (punctuation and the rest removed), from a
 * fixed seed. */
function substrings(texts) {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const found = [];
  while (found.length < 30) {
    // CJK ideographs only (the measure is recall on Chinese text; a Latin letter would be
    // folded to lower case in the viewer's URL).
    const text = texts[next() % texts.length].replace(/[^\u4e00-\u9fff]/g, '');
    const len = 2 + (next() % 3);
    const at = next() % Math.max(1, text.length - len);
    const q = text.slice(at, at + len);
    if (q.length === len && !found.includes(q)) found.push(q);
  }
  return found;
}

/** Network bytes and requests of a page, from DevTools events, resettable. */
function meter(page, match = () => true) {
  const seen = [];
  page.on('requestfinished', (request) => { if (match(new URL(request.url()).pathname)) seen.push(request); });
  return {
    reset: () => seen.splice(0),
    async read(only = () => true) {
      let bytes = 0;
      const counted = seen.filter((request) => only(new URL(request.url()).pathname));
      for (const request of counted) {
        const { responseBodySize, responseHeadersSize } = await request.sizes();
        bytes += responseBodySize + responseHeadersSize;
      }
      return { bytes, requests: counted.length };
    },
  };
}


async function slow4g(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

const countOf = (text) => Number((text.match(/[\d,]+/)?.[0] ?? '0').replace(/,/g, ''));

/** Folio in the browser. */
async function folioRun(browser, url, samples) {
  const r = {};
  const page = await browser.context.newPage();
  const m = meter(page, (p) => p.includes('/archive/'));
  let t0 = Date.now();
  await page.goto(url);
  await page.locator('.folio-card').first().waitFor({ timeout: 120_000 });
  r.firstListMs = Date.now() - t0;
  r.first = await m.read();
  r.memFirst = await wasmMemory(page);
  // A channel's list, cold: its posting set and list chunks (facet counts follow from the rows).
  m.reset();
  t0 = Date.now();
  const channel = page.locator('a.folio-menu__link--sub').first();
  const name = (await channel.textContent()).trim();
  await channel.click();
  await page.waitForFunction((name) => location.hash.includes('/channel/')
    && document.querySelector('.folio-list__title')?.textContent === name
    && !document.querySelector('.folio-main')?.hasAttribute('aria-busy'), name, { timeout: 120_000 });
  await page.locator('.folio-card').first().waitFor();
  r.channel = { ms: Date.now() - t0, ...(await m.read((p) => !p.includes('/rows/'))) };
  await page.goBack();
  await page.locator('.folio-card').first().waitFor();
  const box = page.getByRole('searchbox');
  const settle = (q) => page.waitForFunction((q) => {
    const main = document.querySelector('.folio-main');
    return location.hash.includes(`q=${encodeURIComponent(q)}`) && main && !main.hasAttribute('aria-busy')
      && document.querySelector('.folio-list__count');
  }, q, { timeout: 120_000 });
  r.queries = [];
  for (const [name, q] of QUERIES) {
    m.reset();
    t0 = Date.now();
    await box.fill(q);
    await settle(q);
    const ms = Date.now() - t0;
    // The rows files count facets; the results themselves never wait for them.
    const results = await m.read((p) => !p.includes('/rows/'));
    await page.waitForFunction(() => !document.querySelector('.folio-facets__counting'), null, { timeout: 300_000 });
    const facets = await m.read();
    r.queries.push({ name, q, ms, results, facets, count: await page.locator('.folio-list__count').textContent() });
  }
  // Warm: the same queries again (their files are in the viewer's cache).
  const warm = [];
  for (let round = 0; round < 3; round++) {
    for (const [, q] of QUERIES) {
      await box.fill('');
      await page.waitForFunction(() => !location.hash.includes('q='));
      t0 = Date.now();
      await box.fill(q);
      await settle(q);
      warm.push(Date.now() - t0);
    }
  }
  r.warmMs = median(warm);
  r.counts = [];
  for (const q of samples) {
    await box.fill(q);
    await settle(q);
    r.counts.push(countOf(await page.locator('.folio-list__count').textContent()));
  }
  r.memAfter = await wasmMemory(page);
  await page.close();
  // Slow 4G: first list and a cold two-character query.
  const slow = await browser.context.newPage();
  await slow4g(slow);
  t0 = Date.now();
  await slow.goto(url);
  await slow.locator('.folio-card').first().waitFor({ timeout: 300_000 });
  r.slowFirstMs = Date.now() - t0;
  t0 = Date.now();
  await slow.getByRole('searchbox').fill('聊城');
  await slow.waitForFunction(() => location.hash.includes('q=') && !document.querySelector('.folio-main')?.hasAttribute('aria-busy'), null, { timeout: 300_000 });
  r.slowQueryMs = Date.now() - t0;
  await slow.close();
  return r;
}

/** Pagefind in the browser: its own API, the first 20 results' data as a results page shows. */
async function pagefindRun(browser, url, samples) {
  const r = {};
  const page = await browser.context.newPage();
  const m = meter(page, (p) => p.includes('/pagefind/'));
  await page.goto(url);
  let t0 = Date.now();
  await page.evaluate(async () => {
    window.pf = await import('/pagefind/pagefind.js');
    await window.pf.options({ excerptLength: 30 });
    await window.pf.init();
  });
  r.firstListMs = Date.now() - t0;
  r.first = await m.read();
  const run = (q) => page.evaluate(async (q) => {
    const found = await window.pf.search(q);
    await Promise.all(found.results.slice(0, 20).map((x) => x.data()));
    return found.results.length;
  }, q);
  r.queries = [];
  for (const [name, q] of QUERIES) {
    m.reset();
    t0 = Date.now();
    const count = await run(q);
    r.queries.push({ name, q, ms: Date.now() - t0, results: await m.read(), count: String(count) });
  }
  r.memFirst = NaN;
  const warm = [];
  for (let round = 0; round < 3; round++) {
    for (const [, q] of QUERIES) {
      t0 = Date.now();
      await run(q);
      warm.push(Date.now() - t0);
    }
  }
  r.warmMs = median(warm);
  r.counts = [];
  for (const q of samples) r.counts.push(await run(q));
  r.memAfter = await wasmMemory(page);
  await page.close();
  const slow = await browser.context.newPage();
  await slow4g(slow);
  await slow.goto(url);
  t0 = Date.now();
  await slow.evaluate(async () => {
    window.pf = await import('/pagefind/pagefind.js');
    await window.pf.init();
  });
  r.slowFirstMs = Date.now() - t0;
  t0 = Date.now();
  await slow.evaluate(async () => {
    const found = await window.pf.search('聊城');
    await Promise.all(found.results.slice(0, 20).map((x) => x.data()));
  });
  r.slowQueryMs = Date.now() - t0;
  await slow.close();
  return r;
}

const chromium = execFileSync(process.env.CHROME_BIN || '/usr/bin/chromium', ['--version']).toString().trim();
out('## Packed archive against Pagefind (`make bench-archive`)');
out();
out(`${chromium}; ${new Date().toISOString().slice(0, 10)}. Ratios are Pagefind ÷ Folio (above 1× Folio is ahead for sizes and times).`);
if (!existsSync(`${ROOT}dist/packed/index.html`)) throw new Error('run `make build` first (dist/packed/)');
const browser = await launch();
for (const size of SIZES) {
  const dir = `${ROOT}target/bench-archive/${size}`;
  await mkdir(dir, { recursive: true });
  const jsonl = `${dir}/articles.jsonl`;
  if (!existsSync(jsonl)) execFileSync(FOLIO, ['gen', String(size), '--jsonl', '--quiet', '--out', jsonl]);
  const site = `${dir}/site`;
  await rm(site, { recursive: true, force: true });
  await cp(`${ROOT}dist`, site, { recursive: true });
  await rm(`${site}/packed/archive`, { recursive: true });
  const folioBuild = timed(FOLIO, ['pack', jsonl, '--out', `${site}/packed/archive`, '--quiet']);
  const folioFiles = await tree(`${site}/packed/archive`);
  const withPagefind = size <= PAGEFIND_MAX;
  const pages = `${dir}/pages`;
  if (withPagefind) {
    await rm(pages, { recursive: true, force: true });
    await mkdir(pages, { recursive: true });
  }
  const texts = await corpus(jsonl, withPagefind ? pages : null);
  const samples = substrings(texts);
  const truth = samples.map((q) => texts.reduce((n, t) => n + (t.includes(q) ? 1 : 0), 0));
  let pfBuild;
  let pfFiles;
  if (withPagefind) {
    pfBuild = timed(PAGEFIND, ['--site', pages, '--output-path', `${site}/pagefind`, '--quiet']);
    pfFiles = await tree(`${site}/pagefind`);
    await writeFile(`${site}/pagefind.html`, '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Pagefind</title></head><body></body></html>');
  }
  const server = await serve(site);
  const folio = await folioRun(browser, `${server.url}packed/`, samples);
  const pf = withPagefind ? await pagefindRun(browser, `${server.url}pagefind.html`, samples) : null;
  await server.close();

  const row = (name, f, p, unit = '', better = 'lower') =>
    out(`| ${name} | ${f}${unit} | ${p ?? '–'}${p == null ? '' : unit} | ${p == null ? '–' : better === 'lower' ? ratio(Number(f), Number(p)) : ratio(Number(p), Number(f))} |`);
  out();
  out(`### ${size.toLocaleString('en')} articles`);
  out();
  out('| measure | Folio | Pagefind 1.6 | Pagefind ÷ Folio |');
  out('|---|---|---|---|');
  row('build time', folioBuild.seconds.toFixed(1), pfBuild?.seconds.toFixed(1), ' s');
  row('build peak memory', folioBuild.mib.toFixed(0), pfBuild?.mib.toFixed(0), ' MiB');
  row('files', folioFiles.files, pfFiles?.files);
  row('total size', (folioFiles.bytes / 2 ** 20).toFixed(1), pfFiles && (pfFiles.bytes / 2 ** 20).toFixed(1), ' MiB');
  row('before the first list (Pagefind: ready to search), KB', kb(folio.first.bytes), pf && kb(pf.first.bytes));
  row('… requests', folio.first.requests, pf?.first.requests);
  // Not the same span: Folio's runs from navigation (page, Wasm and data), Pagefind's is
  // pagefind.init() on a loaded page, so no ratio.
  out(`| first list after navigation (Folio) / pagefind.init() (Pagefind), localhost | ${folio.firstListMs} ms | ${pf ? `${pf.firstListMs} ms` : '–'} | not the same span |`);
  out(`| the same, Slow 4G | ${folio.slowFirstMs} ms | ${pf ? `${pf.slowFirstMs} ms` : '–'} | not the same span |`);
  for (const [k, q] of folio.queries.entries()) {
    const p = pf?.queries[k];
    row(`cold ${q.name} (${q.q}): KB to results`, kb(q.results.bytes), p && kb(p.results.bytes));
    row('… requests to results', q.results.requests, p?.results.requests);
    out(`| … Folio with facet counts | ${kb(q.facets.bytes)} KB, ${q.facets.requests} requests | | |`);
    out(`| … count shown | ${q.count} | ${p?.count ?? '–'} | |`);
  }
  row('cold channel list: KB to the list (Folio only)', kb(folio.channel.bytes), null);
  row('… requests', folio.channel.requests, null);
  row('cold two-character query, Slow 4G', folio.slowQueryMs, pf?.slowQueryMs, ' ms');
  row('warm query, median (Folio: to results painted)', folio.warmMs, pf?.warmMs, ' ms');
  row('Wasm memory after the first list', folio.memFirst.toFixed(1), null, ' MiB');
  // Pagefind runs its Wasm in a Web Worker, which this page-level count does not see.
  out(`| Wasm memory after 20+ queries | ${folio.memAfter.toFixed(1)} MiB | ${pf ? (pf.memAfter > 0 ? `${pf.memAfter.toFixed(1)} MiB` : 'in a Web Worker, not measured') : '–'} | |`);
  const never = (counts) => counts.filter((c, i) => c >= truth[i]).length;
  const exact = (counts) => counts.filter((c, i) => c === truth[i]).length;
  out(`| 30 substrings: count never below brute force (recall) | ${never(folio.counts)}/30 | ${pf ? `${never(pf.counts)}/30` : '–'} | |`);
  out(`| 30 substrings: count equal to brute force | ${exact(folio.counts)}/30 | ${pf ? `${exact(pf.counts)}/30` : '–'} | |`);
  out();
  out(`Substrings: ${samples.join(' ')}; brute-force counts ${truth.join(' ')}; Folio ${folio.counts.join(' ')}${pf ? `; Pagefind ${pf.counts.join(' ')}` : ''}.`);
}
await browser.close();

await writeSection('archive', lines);
