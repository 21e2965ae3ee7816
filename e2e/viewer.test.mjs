// End-to-end tests of the standalone page: Debian's Chromium against the release build in
// dist/, served on localhost. Run by `make test` after `trunk build --release`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { watch, withBuild, open as openLive, PACKED } from './browser.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const SEED_ID = '20150615-zhiliang-qiangshi';
const SEED_TITLE = '聊城实施质量强市战略动员暨科学技术奖励大会召开';
const seedText = await readFile(new URL('../tests/fixtures/liaocheng-news-2015-06-15.txt', import.meta.url), 'utf8');
const seedParagraphs = seedText
  .split('\n')
  .map((l) => l.trim())
  .filter((l, i, all) => l && i >= all.findIndex((x) => x.startsWith('本报讯')) && i < all.findIndex((x) => x.startsWith('(记者')));

const env = withBuild();

async function open(hash = '', options = {}) {
  const page = await env.browser.context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  const problems = watch(page, options);
  await openLive(page, env.server.url + hash);
  await page.locator('.folio-main, [role=alert]').first().waitFor();
  return { page, problems };
}

describe('standalone viewer', () => {
  test('the list renders with no console errors and no failed requests', async () => {
    const { page, problems } = await open();
    assert.equal(await page.locator('.folio-card').count(), 20);
    assert.equal(await page.locator('h1').textContent(), '全部文章');
    assert.equal(await page.title(), '聊城信息港');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
    const favicon = env.server.requests.find((r) => r.path.includes('favicon'));
    assert.equal(favicon?.status, 200, 'the favicon is served');
    await page.close();
  });

  test('channel menu, then the seed article with every part, then Back restores the list and its scroll', async () => {
    const { page, problems } = await open();
    await page.getByRole('navigation', { name: '频道' }).getByRole('link', { name: '聊城新闻', exact: true }).click();
    await page.waitForURL(/#\/channel\/lc-news$/);
    assert.equal(await page.locator('h1').textContent(), '聊城新闻');
    assert.equal(await page.title(), '聊城新闻 - 聊城信息港');
    const link = page.getByRole('link', { name: SEED_TITLE });
    await link.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 200);
    await page.waitForFunction(() => window.scrollY > 0);
    const scrolled = await page.evaluate(() => window.scrollY);
    await link.click();
    await page.waitForURL(new RegExp(`#/article/${SEED_ID}$`));

    // Every part of the portal page.
    const crumbs = page.getByRole('navigation', { name: '您所在的位置' });
    assert.match(await crumbs.textContent(), /^您所在的位置:聊城信息港>?资讯中心>?聊城新闻$/);
    assert.equal(await crumbs.getByRole('link').count(), 3);
    assert.equal(await page.locator('article h1').textContent(), SEED_TITLE);
    assert.equal(await page.locator('article time').getAttribute('datetime'), '2015-06-15T09:22:32+08:00');
    const meta = await page.locator('.folio-article__meta').textContent();
    for (const part of ['发布:2015年6月15日 09:22', '来源:聊城新闻网', '浏览', '编辑:佚名']) assert.ok(meta.includes(part), meta);
    assert.deepEqual(await page.locator('.folio-article__body p').allTextContents(), seedParagraphs);
    assert.equal(seedParagraphs.length, 12);
    assert.equal(await page.locator('.folio-article__byline').textContent(), '(记者 曹天伟 王培源  通讯员 肖艳伟)');
    assert.equal(await page.locator('.folio-share__label').textContent(), '分享到:');
    assert.ok(await page.getByRole('button', { name: '复制链接' }).isVisible());
    assert.ok(await page.getByRole('button', { name: /微信/ }).isVisible());
    assert.ok(await page.getByRole('heading', { name: '相关文章' }).isVisible());
    assert.ok((await page.locator('.folio-related__item').count()) >= 3);
    assert.ok(await page.getByRole('navigation', { name: '上一篇和下一篇' }).isVisible());
    assert.equal(await page.locator('.folio-footer__copyright').textContent(), 'Copyright © 2003-2009 liaocheng.cc All rights reserved.');
    assert.equal(await page.title(), `${SEED_TITLE} - 聊城信息港`);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus is on the new heading');
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'a new view starts at the top');

    await page.goBack();
    await page.waitForURL(/#\/channel\/lc-news$/);
    await page.locator('.folio-list').waitFor();
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, scrolled);
    await page.goForward();
    await page.locator('article h1').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a pasted deep link opens the article, and reload keeps it', async () => {
    const { page, problems } = await open(`#/article/${SEED_ID}`);
    assert.equal(await page.locator('article h1').textContent(), SEED_TITLE);
    await page.reload();
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('article h1').textContent(), SEED_TITLE);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('paging lives in the URL', async () => {
    const { page } = await open();
    // A packed archive keeps the shown page while the next one's files load (aria-busy).
    const settled = () => page.waitForFunction(() => !document.querySelector('.folio-main[aria-busy]'));
    await page.getByRole('link', { name: '第 2 页' }).click();
    await page.waitForURL(/#\/\?page=2$/);
    await settled();
    assert.equal(await page.locator('.folio-pager__current').textContent(), '2');
    await page.reload();
    await page.locator('.folio-pager__current').waitFor();
    await settled();
    assert.equal(await page.locator('.folio-pager__current').textContent(), '2');
    await page.goBack();
    await page.waitForURL((url) => url.hash === '' || url.hash === '#/');
    await settled();
    assert.equal(await page.locator('.folio-pager__current').textContent(), '1');
    await page.close();
  });

  test('an unknown article shows not-found with a way back', async () => {
    // Its pre-rendered view is asked for, and not found either.
    const { page, problems } = await open('#/article/nope', { missing: /\/views\/article\/nope\.html$/ });
    assert.equal(await page.locator('h1').textContent(), '没有找到您要的页面');
    await page.getByRole('link', { name: '返回文章列表' }).click();
    await page.locator('.folio-list').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('on a phone the article title is in the top third of the first screen, every setting within reach', async () => {
    const { page, problems } = await open(`#/article/${SEED_ID}`, { viewport: { width: 390, height: 844 } });
    const top = await page.locator('.folio-article__title').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top < 844 / 3, `the title starts at ${top} px`);
    // The settings row scrolls sideways: its last control is still there to use.
    await page.getByRole('button', { name: '特大' }).click();
    assert.equal(await page.locator('.folio-app').getAttribute('data-text-size'), 'huge');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('at 360 px nothing overflows sideways', async () => {
    for (const hash of ['', `#/article/${SEED_ID}`]) {
      const { page } = await open(hash, { viewport: { width: 360, height: 740 } });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${hash || 'list'} is ${width}px wide`);
      await page.close();
    }
  });
});

describe('bad data in the build output', { skip: PACKED && 'a data file (hostile packed archives: archive.test.mjs)' }, () => {
  for (const [name, override, expected] of [
    ['corrupted JSON', { body: '{"site": {"name": "x"' }, '不是有效的 JSON'],
    ['a missing file', { status: 404, body: 'not found' }, 'HTTP 404'],
    ['an empty file', { body: '' }, '不是有效的 JSON'],
  ]) {
    test(`${name} gives a readable message and no panic`, async () => {
      const bad = await serve(DIST, { overrides: { '/articles.json': override } });
      const page = await env.browser.context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await openLive(page, bad.url);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = await alert.textContent();
      assert.ok(text.includes('文章数据无法读取') && text.includes(expected), text);
      assert.deepEqual(errors, []);
      await page.close();
      await bad.close();
    });
  }
});

describe('pre-rendered first view', { skip: PACKED && 'packed archives are not pre-rendered yet (issue 13)' }, () => {
  test('the list is in the HTML and the viewer hydrates it without rendering it again', async () => {
    const html = await (await fetch(env.server.url)).text();
    assert.match(html, /data-folio-prerendered="[0-9a-f]{16}"/);
    assert.equal(html.match(/class="folio-card"/g)?.length, 20, 'twenty cards in the HTML');
    assert.ok(html.includes('<h1 class="folio-list__title"') || html.includes('>全部文章</h1>'));
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    // Keep the pre-rendered nodes before any script runs: hydration must adopt, not replace them.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        window.folioFirstCard = document.querySelector('.folio-card');
        window.folioFirstTitle = document.querySelector('h1');
      });
    });
    await openLive(page, env.server.url);
    assert.ok(await page.evaluate(() => window.folioFirstCard !== null), 'a card came with the HTML');
    assert.ok(
      await page.evaluate(() => document.querySelector('.folio-card') === window.folioFirstCard
        && document.querySelector('h1') === window.folioFirstTitle),
      'the same elements after hydration',
    );
    // Interactive: a click on a title opens the article without loading a page.
    await page.locator('.folio-card__title a').first().click();
    await page.locator('article h1').waitFor();
    assert.match(page.url(), /#\/article\//);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, [], 'no hydration mismatch, no error');
    await page.close();
  });

  test('a deep link shows its view, not the pre-rendered list', async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    await openLive(page, `${env.server.url}#/article/${SEED_ID}`);
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('.folio-card').count(), 0);
    assert.equal(await page.locator('article h1').textContent(), SEED_TITLE);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('pre-rendered deep links', { skip: PACKED && 'packed archives are not pre-rendered yet (issue 13)' }, () => {
  const deepLink = `#/article/${SEED_ID}`;

  test('a deep link shows its article from HTML before any Wasm, and the viewer hydrates it, keeping what the reader did', async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    const asked = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    // A new reader (nothing stored by the tests before: a returning reader's viewer starts
    // once the page has painted).
    await page.addInitScript(() => localStorage.clear());
    await page.goto(env.server.url + deepLink);
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('article h1').textContent(), SEED_TITLE);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('[data-folio-live]').count(), 0, 'shown before the viewer ran');
    assert.ok(
      !asked.some((path) => path.endsWith('.wasm') || path.endsWith('articles.json')),
      `neither Wasm nor data before the reader did anything: ${asked.join(' ')}`,
    );
    assert.ok(asked.some((path) => path.endsWith(`/views/article/${SEED_ID}.html`)));
    await page.evaluate(() => { window.folioTitle = document.querySelector('article h1'); });
    // The reader's first act starts the viewer; what they chose is applied once it runs.
    await page.getByRole('combobox', { name: '主题' }).selectOption('dark');
    await page.locator('[data-folio-live]').waitFor();
    await page.waitForFunction(() => document.querySelector('.folio-app')?.dataset.theme === 'dark');
    assert.ok(await page.evaluate(() => document.querySelector('article h1') === window.folioTitle), 'hydrated: the same heading');
    // Live: a related article opens in the page.
    const related = page.locator('.folio-related__item a').first();
    const title = (await related.textContent()).trim();
    await related.click();
    await page.waitForFunction((t) => document.querySelector('article h1')?.textContent === t, title);
    assert.deepEqual(problems, [], 'no hydration mismatch, no error');
    await page.close();
  });

  for (const [link, hash, heading] of [
    [(page) => page.getByRole('navigation', { name: '您所在的位置' }).getByRole('link', { name: '聊城新闻' }), /#\/channel\/lc-news$/, '聊城新闻'],
    // The site's name: the list of all articles, the view the page's own HTML held.
    [(page) => page.locator('.folio-header__site a'), /#\/$/, '全部文章'],
  ]) {
    test(`a link the reader follows in the pre-rendered article before the viewer runs is where the viewer starts (${heading})`, async () => {
      const page = await env.browser.context.newPage();
      const problems = watch(page);
      await page.addInitScript(() => localStorage.clear());
      await page.goto(env.server.url + deepLink);
      await page.locator('article h1').waitFor();
      assert.equal(await page.locator('[data-folio-live]').count(), 0, 'the pre-rendered article, before the viewer');
      await link(page).click();
      await page.locator('[data-folio-live]').waitFor();
      await page.locator('.folio-list').waitFor();
      assert.match(page.url(), hash);
      assert.equal(await page.locator('h1').textContent(), heading);
      assert.equal(await page.locator('.folio-article__title').count(), 0, 'not the article');
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  for (const [what, body] of [
    ['another page a host answers every address with', () => '<!doctype html><html><body><p>另一个页面</p></body></html>'],
    ['a view rendered from other data', () => `<!--folio:ffffffffffffffff #/article/${SEED_ID}--><div class="folio-app"><p>另一个页面</p></div>`],
    // A file system that does not tell case apart gives one file for two ids.
    ['the view of another id', (fingerprint) => `<!--folio:${fingerprint} #/article/${SEED_ID.toUpperCase()}--><div class="folio-app"><p>另一个页面</p></div>`],
  ]) {
    test(`${what} is not shown as the article`, async () => {
      const fingerprint = (await (await fetch(env.server.url)).text()).match(/data-folio-prerendered="([0-9a-f]+)"/)[1];
      const server = await serve(DIST, { overrides: { [`/views/article/${SEED_ID}.html`]: { body: body(fingerprint), type: 'text/html' } } });
      const page = await env.browser.context.newPage();
      const problems = watch(page);
      await page.goto(server.url + deepLink);
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByText('另一个页面').count(), 0);
      assert.equal(await page.locator('.folio-card').count(), 0, 'nor the list');
      await openLive(page, server.url + deepLink);
      await page.locator('article h1').waitFor();
      assert.equal(await page.locator('article h1').textContent(), SEED_TITLE);
      assert.deepEqual(problems, []);
      await page.close();
      await server.close();
    });
  }
});

describe('loading that loses nothing', { skip: PACKED && 'encodings of a data file (archives are written by folio pack in UTF-8)' }, () => {
  test('a failed fetch says why and the retry button loads the data', async () => {
    const page = await env.browser.context.newPage();
    // The server is busy until the reader retries.
    let busy = true;
    await page.route('**/articles.json', (route) => (busy ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await openLive(page, env.server.url);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /HTTP 503/);
    assert.equal(await page.locator('.folio-card').count(), 0, 'no stale list beside the message');
    busy = false;
    await alert.getByRole('button', { name: '重试' }).click();
    await page.locator('.folio-card').first().waitFor();
    assert.equal(await page.locator('.folio-list__count').textContent(), '共 44 篇');
    await page.close();
  });

  test('a data file in GBK is named, not shown garbled', async () => {
    // {"site": {"name": "聊城"}, ...} with its Chinese in GBK bytes.
    const gbk = Buffer.concat([
      Buffer.from('{"site": {"name": "'),
      Buffer.from([0xc1, 0xc4, 0xb3, 0xc7]),
      Buffer.from('"}, "channels": [], "articles": []}'),
    ]);
    const bad = await serve(DIST, { overrides: { '/articles.json': { body: gbk, type: 'application/json' } } });
    const page = await env.browser.context.newPage();
    await openLive(page, bad.url);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    assert.ok(text.includes('GBK/GB18030') && !text.includes('\uFFFD'), text);
    await page.close();
    await bad.close();
  });
});
