// Lighthouse 12.2.3 on the served release build (list and seed article, mobile and desktop
// presets), and on the same two views of a site `folio build` writes from it (pre-rendered
// pages under a sub-path), with Debian's Chromium. Each score is the median of RUNS runs, as
// Lighthouse's own documentation advises for its run-to-run variance. Exits non-zero below the
// bars: performance >= 95, accessibility 100, best practices 100, SEO >= 90 (100 for the built
// pages, which are documents of their own). Prints a table of the scores with the machine's
// benchmarkIndex.
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const ROOT = new URL('../', import.meta.url).pathname;
const SITE = `${ROOT}target/lighthouse-site`;
const BARS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 90 };
const SITE_BARS = { ...BARS, seo: 100 };
const SEED = '20150615-zhiliang-qiangshi';
// LIGHTHOUSE_PAGES=built-list,built-article measures some pages only.
const PAGES = [
  ['list', 'dist', '', BARS],
  // A deep link into the standalone page: folio.js shows the article's pre-rendered view
  // (views/article/), and the viewer starts at the reader's first touch.
  ['article', 'dist', `#/article/${SEED}`, BARS],
  ['built list', 'site', '', SITE_BARS],
  ['built article', 'site', `article/${SEED}/`, SITE_BARS],
].filter(([name]) => !process.env.LIGHTHOUSE_PAGES || process.env.LIGHTHOUSE_PAGES.split(',').includes(name.replace(' ', '-')));
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 5);
// LIGHTHOUSE_PRESETS=mobile measures one preset only (for spread measurements).
const PRESETS = [['mobile', undefined], ['desktop', desktopConfig]]
  .filter(([name]) => !process.env.LIGHTHOUSE_PRESETS || process.env.LIGHTHOUSE_PRESETS.split(',').includes(name));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', 'build', 'data/articles.json',
  '--out', SITE, '--base-url', 'https://news.example.cn/news/', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
const servers = { dist: await serve(DIST), site: await serve(SITE, { mount: '/news/', notFound: '404.html' }) };
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_BIN || '/usr/bin/chromium',
  userDataDir: await mkdtemp(join(tmpdir(), 'folio-lighthouse-')),
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const failures = [];
console.log(`Lighthouse 12.2.3, median of ${RUNS} runs each (performance min–max, the medians of total blocking time and largest contentful paint, and the machine's benchmarkIndex min–max beside it)\n\n| page | preset | performance | min–max | TBT ms | LCP ms | benchmarkIndex | accessibility | best practices | SEO |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
try {
  for (const [name, which, path, bars] of PAGES) {
    for (const [preset, config] of PRESETS) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        runs.push((await lighthouse(servers[which].url + path, { port: chrome.port, logLevel: 'error', output: 'json' }, config)).lhr);
      }
      const scores = Object.fromEntries(
        Object.keys(bars).map((c) => [c, median(runs.map((lhr) => Math.round(lhr.categories[c].score * 100)))]),
      );
      const lhr = runs.find((r) => Math.round(r.categories.performance.score * 100) === scores.performance) ?? runs[0];
      const perf = runs.map((r) => Math.round(r.categories.performance.score * 100));
      const audit = (id) => Math.round(median(runs.map((r) => r.audits[id].numericValue)));
      const bench = runs.map((r) => Math.round(r.environment.benchmarkIndex));
      console.log(`| ${name} | ${preset} | ${scores.performance} | ${Math.min(...perf)}–${Math.max(...perf)} | ${audit('total-blocking-time')} | ${audit('largest-contentful-paint')} | ${Math.min(...bench)}–${Math.max(...bench)} | ${scores.accessibility} | ${scores['best-practices']} | ${scores.seo} |`);
      for (const [category, bar] of Object.entries(bars)) {
        if (scores[category] < bar) {
          const failed = Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 1 && lhr.categories[category].auditRefs.some((r) => r.id === a.id && r.weight > 0))
            .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
          failures.push(`${name} ${preset} ${category} ${scores[category]} < ${bar}: ${failed.join(', ')}`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
  for (const server of Object.values(servers)) await server.close();
}
if (failures.length) {
  console.error(`\nLighthouse below the bars:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log('\nLighthouse: every page and preset meets the bars.');
