// `make bench-site` (and the end of `make bench`): `folio build` on generated articles (10,000
// and 100,000; SIZES=10000 for a quick run): build time and peak memory, then the same build
// after one article's title changed (what an editor's fix costs). Then the demo data: the HTML
// bytes of the seed article's page (raw and gzip, its body sent once), and in Chromium the
// first contentful paint and largest contentful paint of that page pre-rendered, beside the
// same article on the hash-routed page it had before (`dist/#/article/…`), each the median of
// RUNS loads, unthrottled and under Lighthouse's mobile throttling (Slow 4G, CPU ÷4); and how
// soon the next page shows after a click, prefetched or not.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { timed, writeSection } from './figures.mjs';
import { serve } from '../e2e/server.mjs';
import { keptFirstHeading, launch, rememberFirstHeading, touch } from '../e2e/browser.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const FOLIO = `${ROOT}target/release/folio`;
// SIZES= and SAMPLE=0 leave the generated sites out (the demo's figures alone).
const SIZES = (process.env.SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Number(process.env.RUNS || 5);
const BASE = 'https://news.example.cn/';
const SEED = '20150615-zhiliang-qiangshi';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// `make bench-site` alone on a fresh clone: the generated data sets' folder may not exist yet.
await mkdir(`${ROOT}target/bench-data`, { recursive: true });

const lines = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};

/** Runs `folio build`; resolves to seconds, peak MiB and the command's summary line. */
function build(data, dir, extra = []) {
  const { seconds, mib, stderr } = timed(FOLIO, ['build', data, '--out', dir, '--base-url', BASE, ...extra]);
  const summary = stderr.split('\n').reverse().find((l) => l.startsWith('built ')) ?? '';
  return { seconds, mib, summary };
}
const count = (summary, what) => Number(summary.match(new RegExp(`([0-9]+) ${what}`))?.[1] ?? NaN);

out('## `folio build`: a pre-rendered site (`make bench-site`)');
out();
out(`Generated articles (\`folio gen\`), built with the release app in dist/site/ into a fresh folder (every build writes the packed archive its search page reads), then built again after one article's title changed. ${RUNS} browser loads per paint figure below.`);
out();
out('| articles | pages | build | pages per second | peak memory | one title changed: build | pages rendered again | files written |');
out('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const size of SIZES) {
  const data = `${ROOT}target/bench-data/articles-${size}.json`;
  if (!existsSync(data)) execFileSync(FOLIO, ['gen', String(size), '--out', data, '--quiet']);
  const dir = `${ROOT}target/bench-site/${size}`;
  await rm(dir, { recursive: true, force: true });
  const full = build(data, dir);
  const pages = count(full.summary, 'pages');
  // One article's title changed, as an editor's fix: its page, the lists showing it and the
  // pages linking it are rendered again.
  const edited = `${ROOT}target/bench-site/articles-${size}-edited.json`;
  const json = JSON.parse(await readFile(data, 'utf8'));
  json.articles[Math.floor(json.articles.length / 2)].title += '(更新)';
  await writeFile(edited, JSON.stringify(json));
  const again = build(edited, dir);
  out(`| ${size.toLocaleString('en')} | ${pages.toLocaleString('en')} | ${full.seconds.toFixed(1)} s | ${Math.round(pages / full.seconds).toLocaleString('en')} | ${full.mib.toFixed(0)} MiB | ${again.seconds.toFixed(1)} s | ${count(again.summary, 'rendered')} | ${count(again.summary, 'files written')} |`);
  await rm(dir, { recursive: true, force: true });
  await rm(edited, { force: true });
}

// Islands over a sample of a 10,000-article build: 200 pages spread over its sitemap, each
// loaded fresh; a page counts when its islands started on the HTML it painted (the heading
// kept), with no console error, having fetched no data. The bytes each page needed until then
// (the page, its stylesheet, the loader and the islands' Wasm; the last three cached after the
// first page, as a host lets them be) do not grow with the site.
const SAMPLE = Number(process.env.SAMPLE ?? 200);
if (SAMPLE > 0) {
  const data = `${ROOT}target/bench-data/articles-10000.json`;
  if (!existsSync(data)) execFileSync(FOLIO, ['gen', '10000', '--out', data, '--quiet']);
  const dir = `${ROOT}target/bench-site/islands`;
  await rm(dir, { recursive: true, force: true });
  build(data, dir, ['--quiet']);
  const locs = [...(await readFile(`${dir}/sitemap.xml`, 'utf8')).matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, l]) => l.slice(BASE.length));
  const sample = Array.from({ length: Math.min(SAMPLE, locs.length) }, (_, i) => locs[Math.floor((i * locs.length) / Math.min(SAMPLE, locs.length))]);
  const server = await serve(dir, { headers: { 'cache-control': 'max-age=3600' } });
  const browser = await launch();
  const page = await browser.context.newPage();
  const errors = [];
  let dataFetched = 0;
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (/\.json$|archive\//.test(r.url())) dataFetched += 1; });
  await rememberFirstHeading(page);
  let started = 0;
  for (const path of sample) {
    const before = errors.length;
    await page.goto(server.url + decodeURI(path));
    await touch(page);
    const live = await page.locator('html[data-folio-islands]').waitFor({ state: 'attached', timeout: 30_000 }).then(() => true, () => false);
    const kept = live && (await keptFirstHeading(page));
    if (kept && errors.length === before) started += 1;
  }
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
  out();
  out(`Islands, 10,000 articles: ${started} of ${sample.length} sampled pages (of ${locs.length}) started their islands on the HTML they painted with no console error; ${dataFetched} data or archive requests in all.`);
}

// The demo data's seed article.
const demo = `${ROOT}target/bench-site/demo`;
await rm(demo, { recursive: true, force: true });
build(`${ROOT}data/articles.json`, demo, ['--quiet']);
const seedPage = await readFile(`${demo}/article/${SEED}/index.html`);
const seedText = await readFile(`${ROOT}tests/fixtures/liaocheng-news-2015-06-15.txt`, 'utf8');
const firstParagraph = seedText.split('\n').map((l) => l.trim()).find((l) => l.startsWith('本报讯'));
const bodyCopies = seedPage.toString().split(firstParagraph).length - 1;
out();
out(`The seed article's page: ${(seedPage.length / 1000).toFixed(1)} KB of HTML, ${(gzipSync(seedPage, { level: 9 }).length / 1000).toFixed(1)} KB gzip; its first paragraph appears ${bodyCopies} time${bodyCopies === 1 ? '' : 's'} (the body is not sent again as state).`);

// Paint timings in Chromium.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const site = await serve(demo, { notFound: '404.html' });
const dist = await serve(`${ROOT}dist`);
const browser = await launch();
async function paints(url, throttled) {
  const page = await browser.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  // Recorded as the page paints, and awaited before the reader's first input (the touch
  // below): Chromium drops a candidate still waiting for its paint's timing at an input.
  await page.addInitScript(() => {
    window.folioLcp = NaN;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.folioLcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(url);
  // The article's title painted (the hash page inserts its view after the first paint), then
  // its entry reported: only then does the reader touch the page.
  await page.locator('.folio-article__title').waitFor({ timeout: 60_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForFunction(() => !Number.isNaN(window.folioLcp), null, { timeout: 30_000 });
  await touch(page);
  // The built page is done when its islands run, the hash page when its viewer does.
  await page.locator('[data-folio-live], html[data-folio-islands]').first().waitFor({ state: 'attached', timeout: 60_000 });
  await page.locator('.folio-article__title').waitFor();
  const timing = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    lcp: window.folioLcp,
  }));
  await page.close();
  return timing;
}
out();
out('| page | network | first contentful paint | largest contentful paint |');
out('|---|---|---:|---:|');
for (const throttled of [false, true]) {
  for (const [name, url] of [
    ['seed article, pre-rendered (`folio build`)', `${site.url}article/${SEED}/`],
    ['seed article, hash page (`dist/#/article/…`)', `${dist.url}#/article/${SEED}`],
  ]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await paints(url, throttled));
    const network = throttled ? 'Slow 4G, CPU ÷4' : 'localhost';
    out(`| ${name} | ${network} | ${Math.round(median(runs.map((r) => r.fcp)))} ms | ${Math.round(median(runs.map((r) => r.lcp)))} ms |`);
  }
}

// The next page after a click, as a reader moves through a built site: on the list page, the
// first headline is clicked, after the pointer rested on it (the loader prefetches the page the
// pointer is over) or without (the click alone). Measured from the click, in the page that
// clicked, to the first contentful paint of the page it opened, under the mobile CPU throttling
// (×4), on localhost and on Slow 4G; served as a host that reads the site's `_headers` serves
// it (pages revalidated, files named by their content cached for good). Each run is a new
// browser with an empty cache and no service worker (offline reading's would answer instead).
const hosted = await serve(demo, { notFound: '404.html', hosted: true });
async function nextPage(prefetched, throttled) {
  const fresh = await launch({ serviceWorkers: 'block' });
  const page = await fresh.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(hosted.url);
  await touch(page);
  await page.locator('html[data-folio-islands]').waitFor({ state: 'attached', timeout: 60_000 });
  const link = page.locator('.folio-card__title a').first();
  const href = await link.evaluate((a) => a.href);
  if (prefetched) {
    const fetched = page.waitForResponse((r) => r.url() === href, { timeout: 30_000 });
    await link.hover();
    await fetched;
  }
  // The click is dispatched in the page, so the pointer does not move (and prefetch nothing).
  await link.evaluate((a) => {
    sessionStorage.setItem('folio-bench-click', String(performance.timeOrigin + performance.now()));
    a.click();
  });
  await page.waitForURL(href);
  const shown = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      const fcp = list.getEntriesByName('first-contentful-paint')[0];
      if (!fcp) return;
      observer.disconnect();
      resolve(performance.timeOrigin + fcp.startTime - Number(sessionStorage.getItem('folio-bench-click')));
    }).observe({ type: 'paint', buffered: true });
  }));
  await fresh.close();
  return shown;
}
out();
out(`The next page after a click (the list's first headline, CPU ÷4, median of ${RUNS} and the range; from the click to the opened page's first contentful paint):`);
out();
out('| click | localhost | Slow 4G |');
out('|---|---:|---:|');
for (const [name, prefetched] of [['after the pointer rested on the link (prefetched)', true], ['alone (not prefetched)', false]]) {
  const cells = [];
  for (const throttled of [false, true]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await nextPage(prefetched, throttled));
    cells.push(`${Math.round(median(runs))} ms (${Math.round(Math.min(...runs))}–${Math.round(Math.max(...runs))})`);
  }
  out(`| ${name} | ${cells.join(' | ')} |`);
}
await hosted.close();
await browser.close();
await site.close();
await dist.close();
await rm(demo, { recursive: true, force: true });

await writeSection('site', lines);
