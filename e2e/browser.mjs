// Launches Debian's Chromium through playwright-core (no browser download), headless, with the
// flags this machine needs as root and no background network traffic.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when the suite runs against the packed demo archive (FOLIO_PACKED=1). */
export const PACKED = Boolean(process.env.FOLIO_PACKED);

export const CHROMIUM = process.env.CHROME_BIN || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage',
];

/** A fresh browser with its own profile; `close()` removes the profile. */
export async function launch(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'folio-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` and waits until the viewer runs in the page (`data-folio-live` on its root): the
 * standalone page shows its pre-rendered first view before that.
 */
export async function open(page, url, { timeout } = {}) {
  await page.goto(url);
  await touch(page);
  await page.locator('[data-folio-live]').first().waitFor({ timeout });
}

/** What a reader does first on a page, a key that types nothing: the standalone page's
 * pre-rendered list starts its viewer then, for a reader with nothing stored yet. */
export async function touch(page) {
  await page.keyboard.press('Shift');
}

/**
 * Makes `page` remember, on each load before any script runs, the first heading its HTML
 * holds; `keptFirstHeading(page)` then tells hydration (the same element is still the page's
 * heading) from a render that replaced it.
 */
export async function rememberFirstHeading(page) {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => { window.folioFirstHeading = document.querySelector('h1'); });
  });
}

/** See `rememberFirstHeading`. */
export const keptFirstHeading = (page) => page.evaluate(() => window.folioFirstHeading?.isConnected === true
  && window.folioFirstHeading === document.querySelector('h1'));

/** Collects console errors, page errors and failed requests of a page. A 404 or a failed
 * request the test expects (`missing`, a pattern of URLs: the pre-rendered view of an article
 * that does not exist, or not kept offline) is not one, nor the browser's console line about
 * it. */
export function watch(page, { missing } = {}) {
  const problems = [];
  const expected = (url) => missing?.test(url ?? '');
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !expected(msg.location().url)) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => { if (!expected(req.url())) problems.push(`requestfailed: ${req.url()}`); });
  page.on('response', (res) => {
    if (res.status() >= 400 && !(res.status() === 404 && expected(res.url()))) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/**
 * For a test file: serves the release build in dist/ and launches Chromium before its tests,
 * then runs `setup(env)` if given, and stops both after them. `env.server` and `env.browser`
 * are set once that `before` hook has run.
 */
export function withBuild(setup = async () => {}) {
  const env = {};
  before(async () => {
    env.server = await serve(new URL('../dist/', import.meta.url).pathname);
    // FOLIO_PACKED=1 runs the suite against the packed demo archive (dist/packed/).
    if (PACKED) env.server.url = new URL('packed/', env.server.url).href;
    // Service workers off (the standalone page registers one): each test sees the page's own
    // requests. Offline reading has its own browser (phone.test.mjs).
    env.browser = await launch({ serviceWorkers: 'block' });
    await setup(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** All WebAssembly memories in the page (the viewer's heap) in MiB, through DevTools;
 * for the benchmarks. */
export async function wasmMemory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { result: proto } = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.objectId });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.reduce((sum, m) => sum + m.buffer.byteLength, 0); }',
    returnByValue: true,
  });
  await cdp.detach();
  return result.value / 2 ** 20;
}

/**
 * Replaces the browser's speech synthesis, before any script runs, with a stub the test drives:
 * `voices` are what it lists (`null` removes speech synthesis; with none, each utterance fails); `window.speech.step()`
 * reads the next queued utterance (start, then end) unless paused; what was queued and spoken
 * is recorded with its language and voice.
 */
export async function stubSpeech(page, voices) {
  await page.addInitScript((list) => {
    if (list === null) {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
      return;
    }
    const speech = { queue: [], spoken: [], paused: false, cancelled: 0 };
    window.speech = speech;
    window.SpeechSynthesisUtterance = class {
      constructor(text) { Object.assign(this, { text, lang: '', voice: null, onstart: null, onend: null, onerror: null }); }
    };
    speech.step = () => {
      if (speech.paused || !speech.queue.length) return false;
      const u = speech.queue.shift();
      u.onstart?.({});
      speech.spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name });
      u.onend?.({});
      return true;
    };
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => list,
        // With no voice at all a browser fails each utterance, as Chromium does.
        speak: (u) => (list.length ? speech.queue.push(u) : setTimeout(() => u.onerror?.({ error: 'synthesis-failed' }))),
        pause: () => { speech.paused = true; },
        resume: () => { speech.paused = false; },
        // As browsers do, cancelling fails what was queued ('interrupted').
        cancel: () => { for (const u of speech.queue.splice(0)) u.onerror?.({ error: 'interrupted' }); speech.cancelled += 1; },
      },
    });
  }, voices);
}

export const VOICES = [
  { lang: 'en-US', name: 'Samantha', localService: true, default: true },
  { lang: 'zh-TW', name: 'Meijia', localService: true, default: false },
  { lang: 'zh-CN', name: 'Tingting', localService: true, default: false },
];

/** The article's title and body blocks as a reader would hear them, in order. */
export const readable = (page) => page.locator('.folio-article').evaluate((a) => [...a.querySelectorAll(
  '.folio-article__title, .folio-article__body > :is(p, h2), .folio-article__body blockquote')].map((e) => e.textContent));
