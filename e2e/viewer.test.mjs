// End-to-end tests of the standalone page: Debian's Chromium against the release build in
// dist/, served on localhost. Run by `make test` after `trunk build --release`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { watch, withBuild } from './browser.mjs';

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
  const problems = watch(page);
  await page.goto(env.server.url + hash);
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
    await page.getByRole('link', { name: '第 2 页' }).click();
    await page.waitForURL(/#\/\?page=2$/);
    assert.equal(await page.locator('.folio-pager__current').textContent(), '2');
    await page.reload();
    await page.locator('.folio-pager__current').waitFor();
    assert.equal(await page.locator('.folio-pager__current').textContent(), '2');
    await page.goBack();
    await page.waitForURL((url) => url.hash === '' || url.hash === '#/');
    assert.equal(await page.locator('.folio-pager__current').textContent(), '1');
    await page.close();
  });

  test('an unknown article shows not-found with a way back', async () => {
    const { page, problems } = await open('#/article/nope');
    assert.equal(await page.locator('h1').textContent(), '没有找到您要的页面');
    await page.getByRole('link', { name: '返回文章列表' }).click();
    await page.locator('.folio-list').waitFor();
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

describe('bad data in the build output', () => {
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
      await page.goto(bad.url);
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
