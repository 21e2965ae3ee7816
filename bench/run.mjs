// `make bench`: every benchmark of Folio, printed as Markdown tables.
//
//  1. search natively (`folio-bench`): load + index and per-query medians at 1k/10k/100k;
//  2. the same search cases in headless Chromium (the wasm build of `bench/wasm.html`);
//  3. the viewer (release build in dist/): navigation -> first list, click -> article, heap;
//  4. keystroke -> painted results in the viewer at 1k/10k/100k generated articles;
//  5. sizes of the release build.
// The tables go to standard output and to docs/figures.md, the one file of figures the docs
// point to (rewritten by every run).
// Each figure is a median (min and max beside it where the spread says something); this is a
// shared 2-core machine, so compare ratios, not single numbers.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { serve } from '../e2e/server.mjs';
import { launch, wasmMemory } from '../e2e/browser.mjs';
import { FIGURES, sections } from './figures.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
// Everything printed is also kept for docs/figures.md.
const printed = [];
const print = console.log;
console.log = (...parts) => {
  printed.push(parts.join(' '));
  print(...parts);
};
const DIST = `${ROOT}dist/`;
const RUNS = Number(process.env.RUNS || 9);
const SIZES = (process.env.SIZES || '1000,10000,100000').split(',').map(Number);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x) => x.toFixed(x < 10 ? 2 : 1);
const stats = (name, xs, unit = 'ms') =>
  `| ${name} | ${fmt(median(xs))} | ${fmt(Math.min(...xs))} | ${fmt(Math.max(...xs))} | ${unit} |`;

async function dataset(size) {
  const dir = `${ROOT}target/bench-data`;
  const file = `${dir}/articles-${size}.json`;
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    const out = execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'folio', '--', 'gen', String(size), '--quiet'], {
      cwd: ROOT,
      maxBuffer: 1 << 30,
    });
    await writeFile(file, out);
  }
  return readFile(file);
}


const chromium = execFileSync(process.env.CHROME_BIN || '/usr/bin/chromium', ['--version']).toString().trim();
console.log(`# Folio benchmarks\n\n${chromium}, ${cpus().length} cores (${cpus()[0].model}), ${new Date().toISOString().slice(0, 10)}\n`);

// 1. Native search.
console.log('## Search, native (`folio-bench`)\n');
console.log(execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'folio-bench', '--', '30'], { cwd: ROOT }).toString());

const browser = await launch();
try {
  // 2. The same cases in wasm.
  {
    const server = await serve(`${ROOT}target/bench-wasm`);
    const page = await browser.context.newPage();
    await page.goto(`${server.url}?sizes=${SIZES.join(',')}`);
    await page.waitForSelector('#result[data-done]', { timeout: 20 * 60_000 });
    console.log('## Search, wasm in headless Chromium (`bench/wasm.html`, release build)\n');
    console.log(await page.textContent('#result'));
    await page.close();
    await server.close();
  }

  // 3. The viewer with the demo data.
  {
    const server = await serve(DIST);
    const firstList = [];
    const live = [];
    const openArticle = [];
    const heap = [];
    const memory = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.context.newPage();
      await page.addInitScript(() => {
        const marks = (window.__folioMarks = {});
        new MutationObserver(() => {
          if (!marks.list && document.querySelector('.folio-card')) marks.list = performance.now();
          if (!marks.live && document.querySelector('[data-folio-live]')) marks.live = performance.now();
          if (!marks.article && document.querySelector('article.folio-article h1')) marks.article = performance.now();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(server.url);
      await page.waitForFunction(() => window.__folioMarks.list && window.__folioMarks.live);
      firstList.push(await page.evaluate(() => window.__folioMarks.list));
      live.push(await page.evaluate(() => window.__folioMarks.live));
      const clickAt = await page.evaluate(() => {
        const t = performance.now();
        document.querySelector('.folio-card__title a').click();
        return t;
      });
      await page.waitForFunction(() => window.__folioMarks.article);
      openArticle.push((await page.evaluate(() => window.__folioMarks.article)) - clickAt);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      heap.push((await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20);
      memory.push(await wasmMemory(page));
      await page.close();
    }
    await server.close();
    console.log(`## The viewer with the demo data (${RUNS} fresh loads)\n`);
    console.log('| measure | median | min | max | unit |\n|---|---:|---:|---:|---|');
    console.log(stats('navigation start -> first list in the DOM (pre-rendered HTML)', firstList));
    console.log(stats('navigation start -> viewer live (hydrated)', live));
    console.log(stats('click on a title -> article rendered', openArticle));
    console.log(stats('JS heap after load', heap, 'MiB'));
    console.log(stats('Wasm memory after load', memory, 'MiB'));
    console.log();
  }

  // 4. Keystroke -> painted results.
  console.log('## Keystroke -> painted results in the viewer (headless Chromium)\n');
  console.log('Each keystroke sets the search box and fires `input`; "DOM updated" is the first change of the list,');
  console.log('"painted" the frame after it (a `requestAnimationFrame`, then a task). Queries are typed one');
  console.log('character at a time: 教育局 课程改革, 黄河故道湿地, 市.\n');
  console.log('| articles | load + first list, live (ms) | Wasm memory after load (MiB) | keystrokes | -> DOM updated, median ms | -> painted, median ms | painted p90 ms | painted max ms |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const size of SIZES) {
    const body = await dataset(size);
    const server = await serve(DIST, { overrides: { '/articles.json': { body } } });
    const page = await browser.context.newPage();
    const start = Date.now();
    await page.goto(server.url);
    // Another data file than the one pre-rendered: the viewer renders it afresh once loaded.
    await page.locator('[data-folio-live]').first().waitFor({ timeout: 10 * 60_000 });
    await page.locator('.folio-card').first().waitFor({ timeout: 10 * 60_000 });
    const loaded = Date.now() - start;
    const times = [];
    const domTimes = [];
    for (const query of ['教育局 课程改革', '黄河故道湿地', '市']) {
      for (let i = 1; i <= [...query].length; i++) {
        const prefix = [...query].slice(0, i).join('');
        const [dom, paint] = await page.evaluate(async (value) => {
          const input = document.querySelector('.folio-search__input');
          let updated = null;
          const observer = new MutationObserver(() => {
            if (updated === null) updated = performance.now();
          });
          observer.observe(document.querySelector('.folio-list'), { childList: true, subtree: true, characterData: true });
          const before = performance.now();
          input.value = value;
          input.dispatchEvent(new InputEvent('input', { bubbles: true }));
          // Yew renders in a microtask after the handler; the frame after it is the paint.
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
          const painted = performance.now();
          observer.disconnect();
          return [(updated ?? painted) - before, painted - before];
        }, prefix);
        domTimes.push(dom);
        times.push(paint);
      }
      await page.evaluate(() => {
        const input = document.querySelector('.folio-search__input');
        input.value = '';
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      });
    }
    const memoryAfterLoad = await wasmMemory(page);
    const sorted = [...times].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(sorted.length * 0.9)];
    console.log(`| ${size} | ${loaded} | ${fmt(memoryAfterLoad)} | ${times.length} | ${fmt(median(domTimes))} | ${fmt(median(times))} | ${fmt(p90)} | ${fmt(Math.max(...times))} |`);
    await page.close();
    await server.close();
  }
  console.log();
} finally {
  await browser.close();
}

// 5. Sizes.
console.log('## Release build sizes\n');
console.log('| file | raw bytes | gzip -9 bytes |\n|---|---:|---:|');
let total = 0;
for (const name of (await readdir(DIST, { recursive: true })).sort()) {
  const info = await stat(DIST + name);
  if (!info.isFile()) continue;
  const body = await readFile(DIST + name);
  // The `gzip` command, like `make size` and the budget test (Node's zlib at level 9 comes out
  // about 2 % larger on the Wasm).
  const gz = execFileSync('gzip', ['-9', '-c', DIST + name], { maxBuffer: 1 << 28 }).length;
  // The first view fetches the page, folio.js, the glue and its snippet, the Wasm, the
  // stylesheet and the data; not the favicon, the single-file build or the examples.
  const firstView = !/favicon|standalone|^examples/.test(name);
  if (firstView) total += gz;
  console.log(`| ${name}${firstView ? '' : ' (not in the first view)'} | ${body.length} | ${gz} |`);
}
console.log(`| first view in all | | ${total} |`);

// `make bench-archive`, `make bench-import` and `make bench-site` keep their own sections of the file: carried
// over as they are.
const kept = await sections(['archive', 'import', 'site']);
await writeFile(
  FIGURES,
  `<!-- Written by \`make bench\` (bench/run.mjs), \`make bench-archive\` (bench/archive.mjs), \`make bench-import\` (bench/import.mjs) and \`make bench-site\` (bench/site.mjs); do not edit by hand. -->\n${printed.join('\n')}\n${kept.map((s) => `\n${s}\n`).join('')}`,
);
