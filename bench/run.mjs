// `make bench`: measures the release build in dist/ in headless Chromium and prints a table.
// Each figure is the median of RUNS fresh page loads (min and max beside it, to show the noise
// of a shared 2-core machine). Times are from the page's navigation start, as the page sees them.
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';

const RUNS = Number(process.env.RUNS || 9);
const DIST = new URL('../dist/', import.meta.url).pathname;

// Records when the first list card and the first article heading appear.
const OBSERVER = () => {
  const marks = {};
  window.__folioMarks = marks;
  new MutationObserver(() => {
    if (!marks.list && document.querySelector('.folio-card')) marks.list = performance.now();
    if (!marks.article && document.querySelector('article.folio-article h1')) marks.article = performance.now();
  }).observe(document, { childList: true, subtree: true });
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (name, xs, unit = 'ms') =>
  `| ${name.padEnd(44)} | ${median(xs).toFixed(1).padStart(8)} | ${Math.min(...xs).toFixed(1).padStart(8)} | ${Math.max(...xs).toFixed(1).padStart(8)} | ${unit.padEnd(4)} |`;

async function sizes() {
  const lines = [];
  let total = 0;
  for (const name of (await readdir(DIST)).sort()) {
    if (name.startsWith('.') || name === 'favicon' || name.endsWith('.svg')) continue;
    const body = await readFile(DIST + name);
    const gz = gzipSync(body, { level: 9 }).length;
    total += gz;
    const kind = name.endsWith('.wasm') ? 'Wasm' : name.endsWith('.js') ? 'JS glue' : name.endsWith('.json') ? 'demo data' : name.endsWith('.css') ? 'CSS' : 'HTML';
    lines.push({ kind, name, raw: body.length, gz });
  }
  return { lines, total };
}

const server = await serve(DIST);
const browser = await launch();
const firstList = [];
const openArticle = [];
const heap = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    await page.addInitScript(OBSERVER);
    await page.goto(server.url);
    await page.waitForFunction(() => window.__folioMarks.list);
    firstList.push(await page.evaluate(() => window.__folioMarks.list));
    const clickAt = await page.evaluate(() => {
      const t = performance.now();
      document.querySelector('.folio-card__title a').click();
      return t;
    });
    await page.waitForFunction(() => window.__folioMarks.article);
    openArticle.push((await page.evaluate(() => window.__folioMarks.article)) - clickAt);
    const client = await page.context().newCDPSession(page);
    await client.send('HeapProfiler.collectGarbage');
    const { usedSize } = await client.send('Runtime.getHeapUsage');
    heap.push(usedSize / 1024 / 1024);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const { lines, total } = await sizes();
const chromium = (await import('node:child_process')).execFileSync(process.env.CHROME_BIN || '/usr/bin/chromium', ['--version']).toString().trim();
console.log(`Folio benchmarks: ${RUNS} runs each, ${chromium}, ${(await import('node:os')).cpus().length} cores\n`);
console.log('| measure                                      |   median |      min |      max | unit |');
console.log('|----------------------------------------------|---------:|---------:|---------:|------|');
console.log(row('navigation start -> first list rendered', firstList));
console.log(row('click on a title -> article rendered', openArticle));
console.log(row('JS heap after load (demo data)', heap, 'MiB'));
console.log('\n| file (release build)                         |      raw |  gzip -9 |');
console.log('|----------------------------------------------|---------:|---------:|');
for (const l of lines) console.log(`| ${`${l.kind}: ${l.name}`.padEnd(44)} | ${String(l.raw).padStart(8)} | ${String(l.gz).padStart(8)} |`);
console.log(`| ${'first view transfer (all of the above)'.padEnd(44)} | ${''.padStart(8)} | ${String(total).padStart(8)} |`);
