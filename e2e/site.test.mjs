// End-to-end tests of a site `folio build` writes: the demo data built from the release app in
// dist/ (10 articles a page, so channels have a second page), served below a sub-path
// (/news/) with its 404.html for missing paths, as a static host serves it. Every page is a
// document: it paints and reads from its HTML, fetches no data, and only its islands (share
// bar, reader settings, reading progress) start, after the first paint, keeping the HTML they
// were given; links load pre-rendered pages (prefetched as the reader points at them); search
// boxes are forms answered by the search page, which reads the site's archive; a click on an
// island before its code ran is acted on; old hash links land on their page; with JavaScript
// off a reader still goes list -> article -> channel -> page 2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { keptFirstHeading, launch, readable, rememberFirstHeading, stubSpeech, touch, VOICES, watch } from './browser.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const SITE = `${ROOT}target/e2e-site`;
const BASE = 'https://news.example.cn/news/';
const SEED_ID = '20150615-zhiliang-qiangshi';
const SEED_TITLE = '聊城实施质量强市战略动员暨科学技术奖励大会召开';
const seedText = await readFile(`${ROOT}tests/fixtures/liaocheng-news-2015-06-15.txt`, 'utf8');
const seedParagraphs = seedText
  .split('\n')
  .map((l) => l.trim())
  .filter((l, i, all) => l && i >= all.findIndex((x) => x.startsWith('本报讯')) && i < all.findIndex((x) => x.startsWith('(记者')));

const env = {};
before(async () => {
  execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', 'build', 'data/articles.json',
    '--out', SITE, '--base-url', BASE, '--page-size', '10', '--force', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  env.server = await serve(SITE, { mount: '/news/', notFound: '404.html' });
  // Service workers off: the requests each test counts are the page's own (the offline suite
  // below runs its own browser with them on).
  env.browser = await launch({ serviceWorkers: 'block' });
});
after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

/** Opens a path of the site; resolves once its islands run. Records, before any script runs,
 * the page's first heading, so a test can tell that the islands left the document alone. */
async function open(path, { context = env.browser.context } = {}) {
  const page = await context.newPage();
  const problems = watch(page);
  await rememberFirstHeading(page);
  await page.goto(env.server.url + path);
  await touch(page);
  await page.locator('html[data-folio-islands]').waitFor({ state: 'attached' });
  return { page, problems };
}

/** The paths the server was asked for since `from` (an index into its request log). */
const asked = (from) => env.server.requests.slice(from).map((r) => r.path);

describe('a built site', () => {
  test('every kind of page is a document: its islands start with no console error, and no data is fetched', async () => {
    for (const [path, heading, islands] of [
      ['', '全部文章', 1],
      ['page/2/', '全部文章', 1],
      ['channel/news/', '资讯中心', 1],
      ['channel/news/page/2/', '资讯中心', 1],
      ['channel/lc-news/', '聊城新闻', 1],
      [`article/${SEED_ID}/`, SEED_TITLE, 4],
    ]) {
      const from = env.server.requests.length;
      const { page, problems } = await open(path);
      const htmlTitle = await page.evaluate(() => document.querySelector('head > title').textContent);
      assert.equal(await page.locator('h1').textContent(), heading, path);
      assert.equal(await page.locator('html').getAttribute('data-folio-islands'), String(islands), path);
      assert.ok(await keptFirstHeading(page), `${path}: the page's own heading is still there`);
      await page.waitForLoadState('networkidle');
      assert.equal(await page.title(), htmlTitle, path);
      const paths = asked(from);
      assert.ok(!paths.some((p) => p.endsWith('.json')), `${path}: no data and no archive: ${paths}`);
      assert.ok(!paths.some((p) => p.includes('folio-site-packed')), `${path}: not the search viewer: ${paths}`);
      // The logo WeChat takes as the page's first picture is hidden and lazy: never fetched.
      assert.equal(await page.locator('body > img[hidden]').count(), 1, path);
      assert.ok(!paths.some((p) => p.includes('/share/')), `${path}: the hidden logo was fetched: ${paths}`);
      assert.deepEqual(problems, [], path);
      await page.close();
    }
  });

  test('every page the sitemap lists starts its islands, keeping what it painted, with no console error', async () => {
    const sitemap = await readFile(`${SITE}/sitemap.xml`, 'utf8');
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => loc.slice(BASE.length));
    const pages = (await readdir(SITE, { recursive: true })).filter((f) => f.endsWith('index.html') && !f.startsWith('search/'));
    assert.equal(paths.length, pages.length, 'the sitemap lists every page but the search page');
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    await rememberFirstHeading(page);
    for (const path of paths) {
      await page.goto(env.server.url + decodeURI(path));
      await touch(page);
      await page.locator('html[data-folio-islands]').waitFor({ state: 'attached' });
      assert.ok(await keptFirstHeading(page), `${path}: kept`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the islands wait for the reader: no code is fetched until they touch the page, then the islands start', async () => {
    const page = await env.browser.context.newPage();
    const order = [];
    page.on('request', (request) => order.push(request.url().split('/').pop()));
    await page.goto(`${env.server.url}article/${SEED_ID}/`);
    await page.waitForLoadState('networkidle');
    assert.ok(!order.some((name) => name.endsWith('.wasm')), `no Wasm before the reader did anything: ${order.join(' ')}`);
    await page.mouse.wheel(0, 200);
    await page.locator('html[data-folio-islands="4"]').waitFor({ state: 'attached' });
    // The reading progress follows the scroll.
    await page.mouse.wheel(0, 600);
    await page.waitForFunction(() => Number(document.querySelector('.folio-progress').value) > 0);
    await page.close();
  });

  test('a missing path gets the not-found page, which names the path and leads back into the site', async () => {
    const { page, problems } = await open('no/such/page/');
    await page.getByText('/no/such/page').first().waitFor();
    // The 404 status itself is expected; nothing else failed.
    assert.deepEqual(problems.filter((p) => !p.includes('/news/no/such/page/') && !p.includes('status of 404')), []);
    await page.locator('.folio-not-found__back').click();
    await page.waitForURL(env.server.url);
    assert.equal(await page.locator('h1').textContent(), '全部文章');
    await page.close();
  });

  test('served with its _headers, the site\'s speculation rules prefetch the page a reader points at, once, and the browser uses that copy', async () => {
    // A host that reads `_headers` (hosted) sends pages with max-age=0, which a link prefetch's
    // copy does not survive: the browser's own prefetch by the rules does.
    const host = await serve(SITE, { mount: '/news/', notFound: '404.html', hosted: true });
    const page = await env.browser.context.newPage();
    try {
      const problems = watch(page);
      await page.goto(`${host.url}article/${SEED_ID}/`);
      await touch(page);
      await page.locator('html[data-folio-islands]').waitFor({ state: 'attached' });
      // The rules came with the page (a hover before them would not be acted on).
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/speculation-rules.json')));
      const crumb = page.locator('.folio-breadcrumb a', { hasText: '聊城新闻' });
      await crumb.hover();
      const target = '/news/channel/lc-news/';
      const prefetched = () => host.requests.filter((r) => r.path === target).length;
      for (let i = 0; i < 50 && prefetched() === 0; i++) await page.waitForTimeout(100);
      assert.equal(prefetched(), 1, 'the page was prefetched once');
      assert.equal(await page.locator('link[rel=prefetch]').count(), 0, 'no second prefetch by the loader');
      await crumb.click();
      await page.waitForURL(`${host.url}channel/lc-news/`);
      assert.equal(await page.locator('h1').textContent(), '聊城新闻');
      assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation')[0].deliveryType), 'navigational-prefetch');
      assert.equal(prefetched(), 1, 'the prefetched copy was used');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await host.close();
    }
  });

  test('links open pre-rendered pages, prefetched when the reader points at them; Back and Forward follow', async () => {
    const { page, problems } = await open(`article/${SEED_ID}/`);
    const crumb = page.locator('.folio-breadcrumb a', { hasText: '聊城新闻' });
    const from = env.server.requests.length;
    await crumb.hover();
    await page.waitForFunction(() => [...document.querySelectorAll('link[rel=prefetch]')].some((l) => l.href.endsWith('/channel/lc-news/')));
    await crumb.click();
    await page.waitForURL(`${env.server.url}channel/lc-news/`);
    assert.ok(asked(from).includes('/news/channel/lc-news/'), 'the page was prefetched');
    assert.equal(await page.locator('h1').textContent(), '聊城新闻');
    await page.locator('.folio-card a', { hasText: SEED_TITLE }).first().click();
    await page.waitForURL(`${env.server.url}article/${SEED_ID}/`);
    await page.goBack();
    await page.waitForURL(`${env.server.url}channel/lc-news/`);
    assert.equal(await page.locator('h1').textContent(), '聊城新闻');
    await page.goForward();
    await page.waitForURL(`${env.server.url}article/${SEED_ID}/`);
    assert.equal(await page.locator('h1').textContent(), SEED_TITLE);
    assert.equal(await page.title(), `${SEED_TITLE} - 聊城信息港`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('what a reader types before any code runs is searched: the form opens the search page, which reads the archive', async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    // Typed as soon as the HTML is parsed; the islands' code is held back until Enter.
    let release;
    const sent = new Promise((resolve) => { release = resolve; });
    await page.route(/folio-islands-.*_bg\.wasm$/, async (route) => { await sent; await route.continue(); });
    await page.goto(`${env.server.url}channel/lc-news/`, { waitUntil: 'commit' });
    await page.locator('.folio-search__input').pressSequentially('质量');
    assert.equal(await page.locator('html[data-folio-islands]').count(), 0, 'typed before the islands ran');
    await page.locator('.folio-search__input').press('Enter');
    release();
    await page.waitForURL(/search\/[?]q=%E8%B4%A8%E9%87%8F&channel=lc-news$/);
    await page.locator('[data-folio-live]').waitFor();
    await page.locator('.folio-card').first().waitFor();
    assert.equal(await page.locator('.folio-search__input').inputValue(), '质量');
    const titles = await page.locator('.folio-card__title').allTextContents();
    assert.ok(titles.some((t) => t.includes('质量强市')), titles.join('|'));
    const count = titles.length;
    assert.ok(count >= 1 && count < 10, `${count} results`);
    await page.reload();
    await page.locator('[data-folio-live]').waitFor();
    await page.locator('.folio-card').first().waitFor();
    assert.equal(await page.locator('.folio-card').count(), count, 'a reload keeps the search');
    // A result opens the article.
    await page.locator('.folio-card a', { hasText: SEED_TITLE }).first().click();
    await page.waitForURL(`${env.server.url}article/${SEED_ID}/`);
    assert.equal(await page.locator('h1').textContent(), SEED_TITLE);
    assert.ok(!env.server.requests.some((r) => r.path.endsWith('articles.json')), 'the archive, not a data file');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the search page finds the seed article from its headline in traditional characters, fetching only the table parts it needs', async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    const start = env.server.requests.length;
    await page.goto(`${env.server.url}search/?q=${encodeURIComponent('質量強市')}`);
    await page.locator('[data-folio-live]').waitFor();
    await page.locator('.folio-card').first().waitFor();
    assert.equal(await page.locator('.folio-card__title').first().textContent(), SEED_TITLE);
    assert.equal(await page.locator('.folio-search__input').inputValue(), '質量強市', 'the query as typed');
    const parts = env.server.requests.slice(start).map((r) => r.path).filter((p) => /\/fold\/\d+\.txt$/.test(p));
    // 質量強市 spans four blocks of 512 code points at most: a part each, never the whole table.
    assert.ok(parts.length >= 1 && parts.length <= 4, parts.join(' '));
    assert.ok(!env.server.requests.some((r) => r.path.endsWith('/fold.txt')), 'not the whole table');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the search page answers zlqs with 质量强市 and suggests it, links to the site\'s own search page', async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    await page.goto(`${env.server.url}search/?q=zlqs`);
    await page.locator('[data-folio-live]').waitFor();
    await page.locator('.folio-list__by').waitFor();
    assert.equal(await page.locator('.folio-card__title').first().textContent(), SEED_TITLE);
    const word = page.getByRole('navigation', { name: '拼音联想' }).getByRole('link').first();
    assert.match(await word.getAttribute('href'), /search\/\?q=%E8%B4%A8%E9%87%8F%E5%BC%BA%E5%B8%82$/);
    await word.click();
    await page.waitForURL(/q=%E8%B4%A8/);
    await page.locator('.folio-card').first().waitFor();
    assert.equal(await page.locator('.folio-search__input').inputValue(), '质量强市');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the share bar shares the canonical address; a click before its code ran opens the WeChat code once it runs', async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    // As soon as the page's scripts have run (they run before DOMContentLoaded); the islands'
    // code is not even asked for until this click.
    await page.goto(`${env.server.url}article/${SEED_ID}/`, { waitUntil: 'domcontentloaded' });
    const weibo = await page.locator('.folio-share a[href*="weibo"]').getAttribute('href');
    assert.ok(weibo.includes(encodeURIComponent(`${BASE}article/${SEED_ID}/`)), weibo);
    await page.locator('.folio-share__button--wechat').click();
    await page.locator('dialog.folio-qr').waitFor();
    assert.ok(await page.locator('.folio-qr__code').isVisible());
    assert.match(await page.locator('.folio-qr__url-text').textContent(), new RegExp(`${BASE}article/${SEED_ID}/$`));
    await page.keyboard.press('Escape');
    await page.locator('dialog.folio-qr').waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the reader settings island remembers the theme and text size across pages', async () => {
    const { page, problems } = await open(`article/${SEED_ID}/`);
    await page.locator('.folio-settings__theme select').selectOption('dark');
    await page.locator('.folio-settings__size--huge').click();
    assert.equal(await page.locator('.folio-app').getAttribute('data-theme'), 'dark');
    assert.equal(await page.locator('.folio-app').getAttribute('data-text-size'), 'huge');
    // Stored settings apply without the reader doing anything.
    await page.goto(`${env.server.url}channel/news/`);
    await page.locator('html[data-folio-islands]').waitFor({ state: 'attached' });
    await page.locator('.folio-app[data-theme=dark][data-text-size=huge]').waitFor();
    assert.equal(await page.locator('.folio-settings__size--huge').getAttribute('aria-pressed'), 'true');
    await page.locator('.folio-settings__theme select').selectOption('auto');
    await page.locator('.folio-settings__size--medium').click();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('on a phone every list page shows three headlines first, its facets folded into 筛选', async () => {
    const context = await launch({ viewport: { width: 390, height: 844 } });
    try {
      for (const path of ['', 'page/2/', 'channel/news/', 'channel/lc-news/', `search/?q=${encodeURIComponent('聊城')}`]) {
        const page = await context.context.newPage();
        const problems = watch(page);
        await page.goto(env.server.url + path);
        await page.locator('.folio-card__title').first().waitFor();
        const shown = await page.locator('.folio-card__title').evaluateAll((titles) => titles
          .filter((h) => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }).length);
        assert.ok(shown >= 3, `${path || 'front page'}: ${shown} headlines in the first 390 x 844 screen`);
        // The search page's viewer replaces its shell (a disclosure opened before that closes
        // again); then the facets are counted from the archive.
        if (path.startsWith('search/')) await page.locator('[data-folio-live]').waitFor();
        await page.locator('.folio-facets__link').first().waitFor({ state: 'attached' });
        assert.equal(await page.locator('.folio-facets__link:not([aria-current])').first().isVisible(), false, `${path}: folded`);
        await page.locator('.folio-facets__toggle').click();
        await page.locator('.folio-facets__link').first().waitFor();
        assert.deepEqual(problems, []);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  test('the settings island turns 长辈模式 on for every page, before the reader touches it', async () => {
    const { page, problems } = await open(`article/${SEED_ID}/`);
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.locator('.folio-app[data-easy]').waitFor();
    assert.ok(await page.locator('.folio-article__paragraph').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize)) >= 24);
    await page.goto(`${env.server.url}channel/news/`);
    await page.locator('.folio-app[data-easy]').waitFor();
    assert.equal(await page.getByRole('button', { name: '长辈模式' }).getAttribute('aria-pressed'), 'true');
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.waitForFunction(() => !document.querySelector('.folio-app[data-easy]'));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('朗读 (an island) reads the title and body in a mainland Chinese voice, marking the block read; pause, resume, stop', async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    await stubSpeech(page, VOICES);
    await page.goto(`${env.server.url}article/${SEED_ID}/`);
    // Clicked before the islands' code ran: acted on once it runs.
    const play = page.getByRole('group', { name: '朗读' }).getByRole('button').first();
    assert.equal(await play.textContent(), '朗读');
    await play.click();
    await page.waitForFunction(() => window.speech.queue.length > 0);
    const queued = await page.evaluate(() => window.speech.queue.map((u) => ({ text: u.text, lang: u.lang, voice: u.voice?.name })));
    const blocks = await readable(page);
    assert.equal(queued.map((u) => u.text).join(''), blocks.join(''), 'every character of the title and body, in order');
    assert.ok(queued.length >= blocks.length, `${queued.length} pieces for ${blocks.length} blocks`);
    assert.ok(queued.every((u) => u.lang === 'zh-CN' && u.voice === 'Tingting'), JSON.stringify(queued[0]));
    const marked = () => page.evaluate(() => [...document.querySelectorAll('[data-folio-reading]')].map((e) => e.textContent));
    await page.evaluate(() => window.speech.step());
    assert.deepEqual(await marked(), [blocks[0]], 'the title is marked while read');
    // Read on to the first piece of the first paragraph.
    while (!blocks[1].startsWith(await page.evaluate(() => window.speech.queue[0]?.text ?? ''))) {
      await page.evaluate(() => window.speech.step());
    }
    await page.evaluate(() => window.speech.step());
    assert.deepEqual(await marked(), [blocks[1]], 'then the first paragraph');
    // Pause: nothing more is read until resumed.
    assert.equal(await play.textContent(), '暂停');
    await play.click();
    assert.equal(await play.textContent(), '继续');
    assert.equal(await page.evaluate(() => window.speech.step()), false, 'paused');
    await play.click();
    assert.equal(await play.textContent(), '暂停');
    assert.equal(await page.evaluate(() => window.speech.step()), true, 'resumed');
    // Stop: the queue is cancelled, the mark is gone, 朗读 starts again from the title.
    await page.getByRole('button', { name: '停止' }).click();
    assert.equal(await page.evaluate(() => window.speech.queue.length), 0);
    assert.deepEqual(await marked(), []);
    assert.equal(await play.textContent(), '朗读');
    assert.equal((await page.locator('.folio-read-aloud__note').textContent()).trim(), '', 'stopping is not a failure');
    await play.click();
    await page.waitForFunction(() => window.speech.queue.length > 0);
    assert.equal(await page.evaluate(() => window.speech.queue[0].text), blocks[0]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('朗读 says so where the browser cannot speak, or has no voice for the article', async () => {
    for (const [voices, message] of [[null, '此浏览器不能朗读。'], [[VOICES[0]], '此设备没有能朗读这篇文章的语音。'], [[], '此设备没有能朗读这篇文章的语音。']]) {
      const page = await env.browser.context.newPage();
      await stubSpeech(page, voices);
      await page.goto(`${env.server.url}article/${SEED_ID}/`);
      await page.getByRole('group', { name: '朗读' }).getByRole('button').first().click();
      await page.getByRole('status').filter({ hasText: message }).waitFor();
      if (voices?.length) assert.equal(await page.evaluate(() => window.speech.queue.length), 0, 'nothing read');
      await page.close();
    }
  });

  test('an old hash link lands on the page of its view', async () => {
    for (const [hash, path] of [
      [`#/article/${SEED_ID}`, `article/${SEED_ID}/`],
      ['#/channel/news?page=2', 'channel/news/page/2/'],
      ['#/channel/lc-news?q=%E8%B4%A8%E9%87%8F', 'search/?channel=lc-news&q=%E8%B4%A8%E9%87%8F'],
    ]) {
      const page = await env.browser.context.newPage();
      const problems = watch(page);
      await page.goto(env.server.url + hash);
      await page.waitForURL(env.server.url + path);
      await page.locator('h1').first().waitFor();
      assert.deepEqual(problems, [], hash);
      await page.close();
    }
  });
});

describe('a built site through a deploy', { skip: (process.env.FOLIO_PACKED || process.env.FOLIO_CSP) && 'runs once, in the first end-to-end run' }, () => {
  test('the search page open during a rebuild that prunes its archive build finds the new articles, with no error', async () => {
    const out = `${ROOT}target/e2e-site-deploy`;
    const build = (input, ...options) => execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', 'build',
      input, '--out', out, '--base-url', BASE, '--quiet', ...options], { cwd: ROOT, stdio: 'inherit' });
    build('data/articles.json', '--force');
    const server = await serve(out, { mount: '/news/', notFound: '404.html' });
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    try {
      await page.goto(`${server.url}search/?q=${encodeURIComponent('聊城')}`);
      await page.locator('[data-folio-live]').waitFor();
      await page.locator('.folio-card').first().waitFor();
      const old = JSON.parse(await readFile(`${out}/archive/manifest.json`, 'utf8')).build;
      // The hourly rebuild: three new articles, the earlier archive build removed.
      const data = JSON.parse(await readFile(`${ROOT}data/articles.json`, 'utf8'));
      for (let i = 1; i <= 3; i += 1) {
        data.articles.push({ ...data.articles[0], id: `rebuilt-${i}`, title: `重建之后的新文章${i}`, published: `2015-09-2${i}T08:00:00+08:00` });
      }
      await writeFile(`${out}.json`, JSON.stringify(data));
      build(`${out}.json`, '--keep', '1');
      assert.ok(!(await readdir(`${out}/archive/b`)).includes(old), 'the earlier build is gone');
      await page.locator('.folio-search__input').fill('重建之后的新文章');
      await page.waitForFunction(() => document.querySelectorAll('.folio-card').length === 3);
      assert.equal(await page.getByRole('alert').count(), 0, 'no error');
      // A result is the new article's own page.
      await page.locator('.folio-card a', { hasText: '重建之后的新文章1' }).first().click();
      await page.waitForURL(`${server.url}article/rebuilt-1/`);
      assert.equal(await page.locator('h1').textContent(), '重建之后的新文章1');
      // The removed build's files answer 404 (logged by the browser): how the viewer learned.
      const gone = new RegExp(`^HTTP 404: .*/archive/b/${old}/|^console: Failed to load resource: .*404`);
      assert.deepEqual(problems.filter((p) => !gone.test(p)), []);
    } finally {
      await page.close();
      await server.close();
    }
  });
});

describe('a built site offline', () => {
  test('the pages read open offline from the service worker, noted; a page never read gets the offline page listing them', async () => {
    const browser = await launch({ viewport: { width: 390, height: 844 } });
    try {
      const page = await browser.context.newPage();
      const problems = watch(page);
      // The first page a reader opens registers the worker once loaded, and is kept with what it loaded.
      await page.goto(`${env.server.url}article/${SEED_ID}/`);
      const kept = () => page.evaluate(async () => {
        const keys = await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)));
        return ['/article/', '.css', '/folio.js'].every((part) => keys.flat().some((url) => url.includes(part)));
      });
      for (let tries = 0; !(await kept()); tries += 1) {
        assert.ok(tries < 100, 'the page and its files are kept within 25 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // Later pages go through it.
      await page.goto(env.server.url);
      await page.locator('.folio-card__title').first().waitFor();
      const unread = await page.locator('.folio-card__title a').evaluateAll((links, seed) => links.map((a) => a.href)
        .find((href) => !href.includes(seed)), SEED_ID);
      await browser.context.setOffline(true);
      // A page read: the kept copy, styled, with a quiet note of when it was saved.
      await page.goto(`${env.server.url}article/${SEED_ID}/`);
      assert.equal(await page.locator('h1').textContent(), SEED_TITLE);
      assert.match(await page.locator('.folio-offline-note').textContent(), /^离线阅读：保存于 \d{4}年/);
      assert.equal(await page.locator('.folio-app').evaluate((e) => getComputedStyle(e).maxWidth), '1152px', 'its stylesheet was kept');
      await page.goto(env.server.url);
      assert.equal(await page.locator('h1').textContent(), '全部文章');
      // A page never read: the offline page, with the kept articles as links.
      await page.goto(unread);
      assert.equal(await page.locator('h1').textContent(), '网络未连接');
      const saved = page.getByRole('link', { name: SEED_TITLE });
      assert.equal(await page.locator('main li').count(), 1, 'one article kept');
      await saved.click();
      await page.waitForURL(`${env.server.url}article/${SEED_ID}/`);
      assert.equal(await page.locator('h1').textContent(), SEED_TITLE);
      await browser.context.setOffline(false);
      const offline = /ERR_INTERNET_DISCONNECTED|HTTP 503|status of 503/;
      assert.deepEqual(problems.filter((p) => !offline.test(p)), []);
      // Installable: Chromium finds nothing missing in the manifest.
      await page.goto(env.server.url);
      const cdp = await page.context().newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert.deepEqual(installabilityErrors, []);
      const manifest = JSON.parse(await readFile(`${SITE}/manifest.webmanifest`, 'utf8'));
      assert.equal(manifest.name, '聊城信息港');
      assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'), JSON.stringify(manifest.icons));
    } finally {
      await browser.close();
    }
  });
});

describe('a built site offline, prefetching by its speculation rules', () => {
  test('a page the reader only points at is not kept as read; opened, it is', async () => {
    const browser = await launch();
    const host = await serve(SITE, { mount: '/news/', notFound: '404.html', hosted: true });
    try {
      const page = await browser.context.newPage();
      const problems = watch(page);
      await page.goto(host.url);
      await touch(page);
      await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, { timeout: 25_000 });
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/speculation-rules.json')));
      const link = page.locator('.folio-card__title a').nth(2);
      const href = await link.evaluate((a) => a.href);
      const path = new URL(href).pathname;
      const isKept = () => page.evaluate(async (url) => {
        for (const name of await caches.keys()) {
          if (name.startsWith('folio-pages') && (await (await caches.open(name)).match(url))) return true;
        }
        return false;
      }, href);
      await link.hover();
      for (let i = 0; i < 50 && !host.requests.some((r) => r.path === path); i++) await page.waitForTimeout(100);
      assert.ok(host.requests.some((r) => r.path === path), 'the page was prefetched');
      await page.waitForTimeout(1000);
      assert.equal(await isKept(), false, 'a page pointed at is not one read');
      await link.click();
      await page.waitForURL(href);
      for (let tries = 0; !(await isKept()); tries += 1) {
        assert.ok(tries < 100, 'the page opened is kept within 25 s');
        await page.waitForTimeout(250);
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await host.close();
    }
  });
});

describe('a built site of hostile data', () => {
  test('HTML and scripts in every text field stay text, before and after the islands start', async () => {
    const out = `${ROOT}target/e2e-site-hostile`;
    execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', 'build',
      'e2e/fixtures/hostile/html-everywhere.json', '--out', out, '--base-url', BASE, '--force', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    const server = await serve(out, { mount: '/news/', notFound: '404.html' });
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    await page.addInitScript(() => { window.alert = () => { window.__pwned = 'alert'; }; });
    try {
      for (const path of ['', 'article/a1/', 'channel/news/']) {
        await page.goto(server.url + path);
        await touch(page);
        await page.locator('html[data-folio-islands]').waitFor({ state: 'attached' });
        assert.equal(await page.evaluate(() => window.__pwned), undefined, `${path}: no script from the data ran`);
      }
      assert.match(await page.locator('h1').textContent(), /<script>window.__pwned=1<\/script>/);
      await page.goto(`${server.url}search/?q=script`);
      await page.locator('[data-folio-live]').waitFor();
      await page.locator('.folio-card').first().waitFor();
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'search: no script from the data ran');
      assert.deepEqual(problems.filter((p) => !p.includes('/ok.png') && !p.includes('status of 404')), []);
    } finally {
      await page.close();
      await server.close();
    }
  });
});

describe('a built site without JavaScript', () => {
  test('a reader goes list -> article -> channel -> page 2, and is told what needs scripts', async () => {
    const browser = await launch({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await page.goto(env.server.url);
      assert.equal(await page.locator('h1').textContent(), '全部文章');
      assert.equal(await page.locator('.folio-card').count(), 10);
      assert.ok(!(await page.locator('.folio-settings').isVisible()), 'the reader settings need scripts and are hidden');
      // The channel menu, then the seed article in its channel.
      await page.locator('.folio-menu__link', { hasText: '资讯中心' }).first().click();
      await page.waitForURL(`${env.server.url}channel/news/`);
      await page.locator('.folio-card a', { hasText: SEED_TITLE }).first().click();
      await page.waitForURL(`${env.server.url}article/${SEED_ID}/`);
      assert.equal(await page.locator('h1').textContent(), SEED_TITLE);
      const paragraphs = await page.locator('.folio-article__paragraph').allTextContents();
      assert.deepEqual(paragraphs, seedParagraphs);
      assert.ok(await page.getByText('微信二维码、复制链接和打印需要启用 JavaScript').isVisible());
      await page.locator('.folio-breadcrumb a', { hasText: '资讯中心' }).click();
      await page.waitForURL(`${env.server.url}channel/news/`);
      assert.equal(await page.locator('h1').textContent(), '资讯中心');
      await page.locator('.folio-pager__link', { hasText: '2' }).first().click();
      await page.waitForURL(`${env.server.url}channel/news/page/2/`);
      assert.equal(await page.locator('h1').textContent(), '资讯中心');
      assert.ok(await page.locator('.folio-card').count() >= 1);
      assert.equal(await page.title(), '资讯中心 第 2 页 - 聊城信息港');
      // The search box is a form; the search page says that it needs scripts.
      await page.locator('.folio-search__input').fill('质量');
      await page.locator('.folio-search__input').press('Enter');
      await page.waitForURL(/search\/[?]q=/);
      assert.ok(await page.getByText('搜索需要启用 JavaScript').isVisible());
    } finally {
      await browser.close();
    }
  });
});
