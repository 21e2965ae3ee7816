// End-to-end tests of a site `folio build` writes: the demo data built from the release app in
// dist/ (10 articles a page, so channels have a second page), served below a sub-path
// (/news/) with its 404.html for missing paths, as a static host serves it. Every kind of page
// hydrates without an error and without replacing its HTML, then moves between views with path
// URLs, Back and Forward; old hash links land on their path; with JavaScript off a reader
// still goes list -> article -> channel -> page 2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { keptFirstHeading, launch, rememberFirstHeading, watch } from './browser.mjs';

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
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

/** Opens a path of the site; resolves once the viewer runs. Records, before any script runs,
 * the page's first heading, so a test can tell hydration (the same element) from a render. */
async function open(path, { context = env.browser.context } = {}) {
  const page = await context.newPage();
  const problems = watch(page);
  await rememberFirstHeading(page);
  await page.goto(env.server.url + path);
  await page.locator('[data-folio-live]').waitFor();
  return { page, problems };
}


describe('a built site', () => {
  test('every kind of page hydrates its HTML with no console error, and keeps its title', async () => {
    for (const [path, heading] of [
      ['', '全部文章'],
      ['page/2/', '全部文章'],
      ['channel/news/', '资讯中心'],
      ['channel/news/page/2/', '资讯中心'],
      ['channel/lc-news/', '聊城新闻'],
      [`article/${SEED_ID}/`, SEED_TITLE],
    ]) {
      const { page, problems } = await open(path);
      const htmlTitle = await page.evaluate(() => document.querySelector('head > title').textContent);
      assert.equal(await page.locator('h1').textContent(), heading, path);
      assert.ok(await keptFirstHeading(page), `${path}: the pre-rendered heading was kept (hydrated, not rendered again)`);
      await page.waitForLoadState('networkidle');
      assert.equal(await page.title(), htmlTitle, `${path}: the viewer's title is the page's`);
      assert.deepEqual(problems, [], path);
      await page.close();
    }
  });

  test('every page the sitemap lists hydrates, keeping what it painted, with no console error', async () => {
    const sitemap = await readFile(`${SITE}/sitemap.xml`, 'utf8');
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => loc.slice(BASE.length));
    const pages = (await readdir(SITE, { recursive: true })).filter((f) => f.endsWith('index.html'));
    assert.equal(paths.length, pages.length, 'the sitemap lists every page');
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    await rememberFirstHeading(page);
    for (const path of paths) {
      await page.goto(env.server.url + decodeURI(path));
      await page.locator('[data-folio-live]').waitFor();
      assert.ok(await keptFirstHeading(page), `${path}: hydrated`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a missing path gets the not-found page, which hydrates and names the path', async () => {
    const { page, problems } = await open('no/such/page/');
    await page.getByText('/no/such/page').first().waitFor();
    assert.ok(await keptFirstHeading(page));
    // The 404 status itself is expected; nothing else failed.
    assert.deepEqual(problems.filter((p) => !p.includes('/news/no/such/page/') && !p.includes('status of 404')), []);
    // Its links lead into the site from any depth.
    await page.locator('.folio-not-found__back').click();
    await page.waitForURL(env.server.url);
    assert.equal(await page.locator('h1').textContent(), '全部文章');
    await page.close();
  });

  test('links move between views with path URLs, without loading a page; Back and Forward follow', async () => {
    const { page, problems } = await open(`article/${SEED_ID}/`);
    await page.evaluate(() => { window.folioSamePage = true; });
    await page.locator('.folio-breadcrumb a', { hasText: '聊城新闻' }).click();
    await page.waitForURL(`${env.server.url}channel/lc-news/`);
    assert.equal(await page.locator('h1').textContent(), '聊城新闻');
    await page.locator('.folio-card a', { hasText: SEED_TITLE }).first().click();
    await page.waitForURL(`${env.server.url}article/${SEED_ID}/`);
    // The links of a view are relative to its own address.
    assert.equal(await page.locator('.folio-breadcrumb a', { hasText: '聊城新闻' }).getAttribute('href'), '../../channel/lc-news/');
    await page.goBack();
    await page.waitForURL(`${env.server.url}channel/lc-news/`);
    assert.equal(await page.locator('h1').textContent(), '聊城新闻');
    await page.goForward();
    await page.waitForURL(`${env.server.url}article/${SEED_ID}/`);
    assert.equal(await page.locator('h1').textContent(), SEED_TITLE);
    assert.equal(await page.title(), `${SEED_TITLE} - 聊城信息港`);
    assert.ok(await page.evaluate(() => window.folioSamePage), 'no page was loaded');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('search and paging keep their state in the path and query', async () => {
    const { page, problems } = await open('');
    await page.locator('.folio-search__input').fill('质量');
    await page.waitForURL(/[?]q=%E8%B4%A8%E9%87%8F$/);
    const count = await page.locator('.folio-card').count();
    assert.ok(count >= 1 && count < 10, `${count} results`);
    await page.reload();
    await page.locator('[data-folio-live]').waitFor();
    assert.equal(await page.locator('.folio-search__input').inputValue(), '质量');
    assert.equal(await page.locator('.folio-card').count(), count, 'a reload keeps the search');
    await page.goto(env.server.url);
    await page.locator('[data-folio-live]').waitFor();
    await page.locator('.folio-pager__link', { hasText: '2' }).first().click();
    await page.waitForURL(`${env.server.url}page/2/`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the share widget shares the path URL', async () => {
    const { page } = await open(`article/${SEED_ID}/`);
    const weibo = await page.locator('.folio-share a[href*="weibo"]').getAttribute('href');
    assert.ok(weibo.includes(encodeURIComponent(`${BASE}article/${SEED_ID}/`)), weibo);
    const canonical = await page.locator('link[rel=canonical]').getAttribute('href');
    assert.equal(canonical, `${BASE}article/${SEED_ID}/`);
    await page.close();
  });

  test('an old hash link lands on the path of its view', async () => {
    const { page, problems } = await open(`#/article/${SEED_ID}`);
    await page.waitForURL(`${env.server.url}article/${SEED_ID}/`);
    assert.equal(await page.locator('h1').textContent(), SEED_TITLE);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('a built site reading a packed archive', () => {
  const packed = {};
  before(async () => {
    const out = `${ROOT}target/e2e-site-packed`;
    execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', 'build', 'data/articles.json',
      '--out', out, '--base-url', BASE, '--data', 'packed', '--force', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    packed.server = await serve(out, { mount: '/news/', notFound: '404.html' });
  });
  after(() => packed.server?.close());

  test('the page stays on screen until the viewer shows the same view, then moves with path URLs', async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        window.folioGaps = 0;
        new MutationObserver(() => { if (!document.querySelector('h1')) window.folioGaps += 1; })
          .observe(document.body, { childList: true, subtree: true });
      });
    });
    await page.goto(`${packed.server.url}article/${SEED_ID}/`);
    await page.locator('[data-folio-live]').waitFor();
    assert.equal(await page.locator('h1').textContent(), SEED_TITLE);
    assert.equal(await page.evaluate(() => window.folioGaps), 0, 'the heading was on screen throughout');
    assert.deepEqual(await page.locator('.folio-article__paragraph').allTextContents(), seedParagraphs);
    await page.locator('.folio-breadcrumb a', { hasText: '聊城新闻' }).click();
    await page.waitForURL(`${packed.server.url}channel/lc-news/`);
    assert.equal(await page.locator('h1').textContent(), '聊城新闻');
    await page.locator('.folio-search__input').fill('质量');
    await page.waitForURL(/channel\/lc-news\/[?]q=/);
    await page.locator('.folio-card').first().waitFor();
    await page.goBack();
    await page.waitForURL(`${packed.server.url}channel/lc-news/`);
    await page.goBack();
    await page.waitForURL(`${packed.server.url}article/${SEED_ID}/`);
    assert.equal(await page.locator('h1').textContent(), SEED_TITLE);
    assert.ok(!packed.server.requests.some((r) => r.path.endsWith('articles.json')), 'the archive, not a data file');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('a built site of hostile data', () => {
  test('HTML and scripts in every text field stay text, before and after hydration', async () => {
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
        await page.locator('[data-folio-live]').waitFor();
        assert.equal(await page.evaluate(() => window.__pwned), undefined, `${path}: no script from the data ran`);
      }
      assert.match(await page.locator('h1').textContent(), /<script>window.__pwned=1<\/script>/);
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
      assert.ok(await page.getByText('搜索需要启用 JavaScript').isVisible(), 'search says it needs JavaScript');
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
    } finally {
      await browser.close();
    }
  });
});
