// End-to-end tests of <folio-viewer> in host pages, against the release build. Folio is served
// from one port (with CORS, like a CDN) and the host pages from another, so every test embeds
// across origins; one test serves it from a sub-path, one opens the single-file build from disk.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from './server.mjs';
import { launch, watch, PACKED } from './browser.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const SEED_ID = '20150615-zhiliang-qiangshi';
const SEED_TITLE = '聊城实施质量强市战略动员暨科学技术奖励大会召开';

let assets;
let hosts;
let browser;
before(async () => {
  assets = await serve(DIST, { headers: { 'access-control-allow-origin': '*' } });
  hosts = await serve(FIXTURES, { csp: false });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await assets?.close();
  await hosts?.close();
});

async function host(file, folio = `${assets.url}folio.js`) {
  const page = await browser.context.newPage();
  const problems = watch(page);
  await page.goto(`${hosts.url}${file}?folio=${encodeURIComponent(folio)}`);
  return { page, problems };
}

describe('embedding', { skip: PACKED && 'embeds the data-file build (a packed archive embedded: archive.test.mjs)' }, () => {
  test('a hostile host page changes nothing inside, and the viewer changes nothing outside', async () => {
    const { page, problems } = await host('hostile.html');
    const viewer = page.locator('#viewer');
    await viewer.locator('.folio-card').first().waitFor();
    const before = await page.evaluate(() => ({ url: location.href, length: history.length }));
    const hostStyle = () =>
      page.evaluate(() => {
        const s = getComputedStyle(document.getElementById('host-title'));
        const b = getComputedStyle(document.getElementById('host-button'));
        return { color: s.color, font: s.fontFamily, size: s.fontSize, spacing: s.letterSpacing, button: b.display };
      });
    const hostBefore = await hostStyle();
    const inside = await viewer.evaluate((el) => {
      const root = el.shadowRoot;
      const title = getComputedStyle(root.querySelector('.folio-card__title a'));
      const card = getComputedStyle(root.querySelector('.folio-card'));
      const body = getComputedStyle(root.querySelector('.folio-app'));
      return { link: title.color, transform: title.textTransform, spacing: body.letterSpacing, card: card.display, font: body.fontFamily };
    });
    assert.notEqual(inside.link, 'rgb(0, 255, 0)');
    assert.notEqual(inside.link, 'rgb(255, 0, 0)');
    assert.equal(inside.transform, 'none');
    assert.equal(inside.spacing, 'normal');
    assert.equal(inside.card, 'block');
    assert.ok(!inside.font.includes('Comic'), inside.font);

    // Works: open the seed article through the channel menu, use the share bar's buttons.
    await viewer.getByRole('navigation', { name: '频道' }).getByRole('link', { name: '聊城新闻', exact: true }).click();
    await viewer.getByRole('link', { name: SEED_TITLE }).click();
    await viewer.locator('article h1').waitFor();
    assert.equal(await viewer.locator('article h1').textContent(), SEED_TITLE);
    assert.ok(await viewer.getByRole('button', { name: '复制链接' }).isVisible(), 'host CSS cannot hide the viewer buttons');

    // routing="none" (the default): the host's URL, history and hash router are untouched.
    const afterNav = await page.evaluate(() => ({ url: location.href, length: history.length, routes: window.hostRoutes.length }));
    assert.deepEqual({ url: afterNav.url, length: afterNav.length }, before);
    assert.equal(afterNav.routes, 0);
    assert.deepEqual(await hostStyle(), hostBefore);
    assert.equal(hostBefore.button, 'none', 'the host keeps its own (odd) rules');
    assert.equal(await page.title(), 'A hostile host page');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('two viewers with different data never interfere; bad sources fail inside their element only', async () => {
    const { page } = await host('two.html');
    const one = page.locator('#one');
    const two = page.locator('#two');
    await one.locator('.folio-card').first().waitFor();
    await two.locator('.folio-card').first().waitFor();
    assert.equal(await two.locator('.folio-card').count(), 3);
    assert.equal(await two.locator('.folio-header__site').textContent(), '水城晚报·示例');

    await one.getByRole('searchbox').fill('牛鼻子');
    await one.locator('.folio-list__count', { hasText: '共 1 篇' }).waitFor();
    assert.equal(await two.locator('.folio-list__count').textContent(), '共 3 篇');
    assert.equal(await two.getByRole('searchbox').inputValue(), '');

    await two.getByRole('link', { name: '示例:湖畔步道开放' }).click();
    await two.locator('article h1').waitFor();
    assert.equal(await one.locator('article.folio-article').count(), 0, 'the first viewer still shows its list');
    assert.equal(await one.getByRole('searchbox').inputValue(), '牛鼻子');

    for (const [id, text] of [['#missing', 'HTTP 404'], ['#broken', '不是有效的 JSON'], ['#invalid', 'channels']]) {
      const alert = page.locator(id).getByRole('alert');
      await alert.waitFor();
      const message = await alert.textContent();
      assert.ok(message.includes('文章数据无法读取') && message.includes(text), `${id}: ${message}`);
    }
    await page.close();
  });

  test('routing="hash" deep-links and Back works; removing it removes its listeners', async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${hosts.url}hash.html?folio=${encodeURIComponent(`${assets.url}folio.js`)}#/article/${SEED_ID}`);
    const viewer = page.locator('#viewer');
    await viewer.locator('article h1').waitFor();
    assert.equal(await viewer.locator('article h1').textContent(), SEED_TITLE);
    await viewer.getByRole('navigation', { name: '频道' }).getByRole('link', { name: '全部文章' }).click();
    await page.waitForURL((u) => u.hash === '#/');
    await page.goBack();
    await viewer.locator('article h1').waitFor();
    const listeners = await page.evaluate(() => window.listenerCount);
    // The element frees its viewer in a microtask after leaving the page; one task later it is done.
    const left = await page.evaluate(async () => {
      document.getElementById('viewer').remove();
      await new Promise((done) => setTimeout(done, 0));
      return window.listenerCount;
    });
    assert.ok(listeners - left >= 2, `popstate and hashchange listeners removed (${listeners} -> ${left})`);
    // Hash changes after removal reach no viewer and raise nothing.
    await page.evaluate(() => { location.hash = '#/channel/news'; });
    await page.evaluate(() => new Promise((done) => { addEventListener('popstate', done, { once: true }); history.back(); }));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('on a phone the element lists three headlines in the first screen, its facets folded', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${hosts.url}hash.html?folio=${encodeURIComponent(`${assets.url}folio.js`)}#/`);
    const viewer = page.locator('#viewer');
    await viewer.locator('.folio-card__title').first().waitFor();
    const shown = await viewer.locator('.folio-card__title').evaluateAll((titles) => titles
      .filter((h) => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }).length);
    assert.ok(shown >= 3, `${shown} headlines in the first 390 x 844 screen`);
    assert.equal(await viewer.locator('.folio-facets__toggle').isVisible(), true);
    assert.equal(await viewer.locator('.folio-facets__link:not([aria-current])').first().isVisible(), false);
    await viewer.locator('.folio-facets__toggle').click();
    assert.equal(await viewer.locator('.folio-facets__link').first().isVisible(), true);
    await page.close();
  });

  test('attributes set after mount take effect', async () => {
    const { page, problems } = await host('two.html');
    const one = page.locator('#one');
    await one.locator('.folio-card').first().waitFor();
    await page.evaluate((id) => document.getElementById('one').setAttribute('article', id), SEED_ID);
    await one.locator('article h1').waitFor();
    assert.equal(await one.locator('article h1').textContent(), SEED_TITLE);
    await page.evaluate(() => document.getElementById('one').setAttribute('lang', 'en'));
    await one.getByText('You are here:').waitFor();
    await page.evaluate(() => document.getElementById('one').setAttribute('theme', 'dark'));
    await one.locator('.folio-app[data-theme=dark]').waitFor();
    await page.evaluate(() => document.getElementById('one').setAttribute('share', 'copy'));
    await one.locator('.folio-share__button').first().waitFor();
    assert.equal(await one.locator('.folio-share__button').count(), 1);
    await page.evaluate(() => document.getElementById('two').setAttribute('src', 'broken.json'));
    await page.locator('#two').getByRole('alert').waitFor();
    assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
    await page.close();
  });

  test('folio-navigate and folio-share bubble out of the shadow root with their details', async () => {
    const { page } = await host('two.html');
    await page.evaluate(() => {
      window.seen = [];
      for (const name of ['folio-navigate', 'folio-share']) {
        document.addEventListener(name, (e) => window.seen.push({ name, id: e.target.id, composed: e.composed, detail: e.detail }));
      }
    });
    const one = page.locator('#one');
    await one.locator('.folio-card').first().waitFor();
    await one.locator('.folio-card__title a').first().click();
    await one.locator('article h1').waitFor();
    await one.getByRole('link', { name: /微博/ }).evaluate((a) => a.addEventListener('click', (e) => e.preventDefault()));
    await one.getByRole('link', { name: /微博/ }).click();
    const seen = await page.evaluate(() => window.seen);
    assert.equal(seen[0].name, 'folio-navigate');
    assert.equal(seen[0].id, 'one');
    assert.equal(seen[0].composed, true);
    assert.equal(seen[0].detail.view, 'article');
    assert.equal(seen[0].detail.article, '20150918-zhongqiu-shichang');
    const share = seen.find((s) => s.name === 'folio-share');
    assert.equal(share.detail.target, 'weibo');
    assert.ok(share.detail.url.endsWith('#/article/20150918-zhongqiu-shichang'), share.detail.url);
    await page.close();
  });

  test('served from a sub-path of another origin', async () => {
    const root = await mkdtemp(join(tmpdir(), 'folio-subpath-'));
    await symlink(DIST, join(root, 'static-folio'));
    const nested = await serve(root, { headers: { 'access-control-allow-origin': '*' } });
    const { page, problems } = await host('two.html', `${nested.url}static-folio/folio.js`);
    await page.locator('#one .folio-card').first().waitFor();
    assert.ok(nested.requests.some((r) => r.path === '/static-folio/articles.json' && r.status === 200));
    assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
    await page.close();
    await nested.close();
  });

  test('the single-file build works from file://', async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(pathToFileURL(join(DIST, 'folio-standalone.html')).href);
    await page.locator('.folio-card').first().waitFor();
    assert.equal(await page.locator('.folio-list__count').textContent(), '共 44 篇');
    // Its folding table is in the page: a traditional query finds the simplified headline.
    await page.getByRole('searchbox').fill('質量強市');
    await page.locator('.folio-card__title').filter({ hasText: SEED_TITLE }).first().waitFor();
    assert.equal(await page.locator('.folio-card__title').first().textContent(), SEED_TITLE);
    await page.goto(`${pathToFileURL(join(DIST, 'folio-standalone.html')).href}#/article/${SEED_ID}`);
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('article h1').textContent(), SEED_TITLE);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
