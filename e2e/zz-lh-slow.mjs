import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '/work/main/e2e/server.mjs';
const site = await serve('/work/main/target/lighthouse-site', { mount: '/news/', notFound: '404.html' });
const dist = await serve('/work/main/dist');
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', userDataDir: await mkdtemp(join(tmpdir(), 'lh-')),
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
for (const [name, url] of [['built list', site.url], ['list', dist.url]]) {
  const { lhr } = await lighthouse(url, { port: chrome.port, logLevel: 'error', output: 'json', throttling: { cpuSlowdownMultiplier: Number(process.env.SLOW || 10) } });
  console.log(name, 'perf', lhr.categories.performance.score, 'TBT', Math.round(lhr.audits['total-blocking-time'].numericValue), 'bench', lhr.environment.benchmarkIndex);
  const lt = lhr.audits['long-tasks']?.details?.items ?? [];
  for (const t of lt.slice(0, 8)) console.log('  long task', Math.round(t.startTime), Math.round(t.duration), t.url);
  const mw = lhr.audits['mainthread-work-breakdown']?.details?.items ?? [];
  console.log('  ', mw.map((i) => `${i.groupLabel ?? i.group}:${Math.round(i.duration)}`).join(', '));
  const bt = lhr.audits['bootup-time']?.details?.items ?? [];
  for (const b of bt.slice(0, 5)) console.log('  bootup', b.url, Math.round(b.total), Math.round(b.scripting));
}
await chrome.kill(); await site.close(); await dist.close();
