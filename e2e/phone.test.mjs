// End-to-end tests of the viewer on a phone (390 x 844, the first screen of a common phone):
// every list shows at least three whole headlines before any scrolling, its facets folded into
// a 筛选 disclosure that names the filters in force and opens from the keyboard; on a wide
// screen the facets stand beside the list with no disclosure. Then 长辈模式 (easy reading): the
// numbers docs/reader.md promises (article text >= 24 px, line height >= 1.5, controls and
// links >= 48 px, links underlined, nothing moving), remembered over a reload, and off again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withBuild, open, launch, watch, touch, PACKED } from './browser.mjs';

const env = withBuild();
const PHONE = { width: 390, height: 844 };
const SEED = '#/article/20150615-zhiliang-qiangshi';
const enc = encodeURIComponent;

/** A page at `hash` with fresh storage (and `prefs` stored), once its view has rendered. */
async function view(hash, { viewport = PHONE, prefs } = {}) {
  const page = await env.browser.context.newPage();
  await page.setViewportSize(viewport);
  await open(page, env.server.url);
  await page.evaluate((p) => {
    localStorage.clear();
    if (p) localStorage.setItem('folio:v1:prefs', JSON.stringify(p));
  }, prefs);
  await page.goto(env.server.url + hash);
  await page.reload();
  await page.waitForFunction(() => !document.querySelector('.folio-main[aria-busy]') && document.querySelector('.folio-main h1'));
  return page;
}

/** How many headlines of the list lie wholly inside the first screen. */
export const headlinesInFirstScreen = (page) => page.evaluate(() => [...document.querySelectorAll('.folio-card__title')]
  .filter((h) => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }).length);

describe('on a phone', () => {
  test('every kind of list shows three headlines in the first screen, its facets folded', async () => {
    for (const hash of ['#/', '#/channel/news', '#/channel/lc-news', `#/?q=${enc('聊城')}`,
      `#/?source=${enc('聊城日报')}`, `#/channel/news?tag=${enc('质量强市')}&from=2015-01-01`, '#/?page=2']) {
      const page = await view(hash);
      const shown = await headlinesInFirstScreen(page);
      const cards = await page.locator('.folio-card__title').count();
      assert.ok(cards >= 1 && shown >= Math.min(3, cards), `${hash}: ${shown} of ${cards} headlines in the first 390 x 844 screen`);
      assert.equal(await page.locator('.folio-facets__toggle').isVisible(), true, `${hash}: the 筛选 control`);
      assert.equal(await page.locator('.folio-facets__link:not([aria-current])').first().isVisible(), false, `${hash}: facets folded`);
      await page.close();
    }
  });

  test('the closed 筛选 control shows the filters in force as chips that take them off, and opens from the keyboard', async () => {
    // Once the facets are counted (a packed archive counts them after the list shows).
    const chips = async (page) => (await page.locator('.folio-facets__link').first().waitFor({ state: 'attached' }))
      ?? page.locator('.folio-facets__link').evaluateAll((links) => links
      .filter((a) => a.checkVisibility()).map((a) => a.querySelector('.folio-facets__value').textContent));
    const none = await view('#/');
    assert.deepEqual(await chips(none), [], 'no filter, no chip');
    await none.close();
    const two = await view(`#/?source=${enc('聊城日报')}&tag=${enc('质量强市')}`);
    assert.deepEqual(await chips(two), ['聊城日报', '质量强市']);
    const [bar, first] = await Promise.all([two.locator('.folio-facets__toggle').boundingBox(), two.locator('.folio-card__title').first().boundingBox()]);
    assert.ok(bar.y < first.y, 'the chips sit above the headlines');
    await two.close();
    const page = await view(`#/?source=${enc('聊城日报')}`);
    // Tab from the search box reaches the control; Enter opens it; its groups and counts show.
    await page.locator('.folio-search__input').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'folio-facets__toggle');
    await page.keyboard.press('Enter');
    const other = page.getByRole('complementary', { name: '筛选' }).getByRole('link', { name: /^聊城晚报/ });
    await other.waitFor();
    assert.match(await other.textContent(), /聊城晚报\s*(≤ )?\d+/);
    // Choosing the value in force again takes it off; the disclosure stays open on the new list.
    const chosen = page.getByRole('complementary', { name: '筛选' }).getByRole('link', { name: /^聊城日报/ });
    assert.equal(await chosen.getAttribute('aria-current'), 'true');
    await chosen.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('.folio-facets__link[aria-current="true"]'));
    assert.equal(await page.locator('.folio-facets__fold').evaluate((d) => d.open), true);
    await page.close();
  });

  test('on a wide screen the facets stand beside the list, with no disclosure', async () => {
    const page = await view('#/', { viewport: { width: 1280, height: 900 } });
    assert.equal(await page.locator('.folio-facets__toggle').isVisible(), false);
    assert.equal(await page.locator('.folio-facets__link').first().isVisible(), true);
    const [facets, list] = await Promise.all(['.folio-facets', '.folio-list__results'].map((s) => page.locator(s).boundingBox()));
    assert.ok(facets.x + facets.width <= list.x, 'side by side');
    await page.close();
  });
});

describe('长辈模式 (easy reading)', () => {
  /** What the mode promises, measured on the page as it is. */
  const measure = (page) => page.evaluate(() => {
    const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
    const paragraph = document.querySelector('.folio-article__paragraph');
    const style = paragraph && getComputedStyle(paragraph);
    const targets = [...document.querySelectorAll('.folio-app :is(button, select, input, summary, a)')]
      // Links inside running text are exempt (WCAG 2.5.5); a visually hidden skip link too.
      .filter((e) => visible(e) && !e.closest('.folio-article__body, .folio-offscreen'));
    const small = targets.filter((e) => e.getBoundingClientRect().height < 47.5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 12)}" ${e.getBoundingClientRect().height.toFixed(1)}`);
    const links = [...document.querySelectorAll('.folio-main a')].filter(visible);
    const texts = [...document.querySelectorAll('.folio-app :is(p, li, a, span, time, h1, h2, label, button, summary)')]
      .filter((e) => visible(e) && e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
    return {
      body: style ? parseFloat(style.fontSize) : null,
      lineHeight: style ? parseFloat(style.lineHeight) / parseFloat(style.fontSize) : null,
      smallTargets: small,
      plainLinks: links.filter((a) => !getComputedStyle(a).textDecorationLine.includes('underline')).map((a) => a.textContent.trim()).slice(0, 5),
      smallText: texts.filter((e) => parseFloat(getComputedStyle(e).fontSize) < 17.9).map((e) => `${e.className || e.tagName} ${getComputedStyle(e).fontSize}`).slice(0, 5),
      moving: [...document.querySelectorAll('.folio-app *')].filter((e) => { const s = getComputedStyle(e); return s.transitionDuration.split(',').some((d) => parseFloat(d) > 0) || s.animationName !== 'none'; }).length,
    };
  });

  test('one switch beside the text sizes: the numbers hold on lists and articles, and it is remembered', async () => {
    const page = await view(SEED);
    const plain = await measure(page);
    assert.ok(plain.body < 24, 'the default article text is smaller');
    const easy = page.getByRole('button', { name: '长辈模式' });
    assert.equal(await easy.getAttribute('aria-pressed'), 'false');
    await easy.click();
    await page.locator('.folio-app[data-easy]').waitFor();
    assert.equal(await easy.getAttribute('aria-pressed'), 'true');
    for (const hash of [SEED, '#/', `#/channel/news?source=${enc('聊城日报')}`]) {
      await page.goto(env.server.url + hash);
      await page.reload();
      await page.waitForFunction(() => !document.querySelector('.folio-main[aria-busy]') && document.querySelector('.folio-main h1'));
      await page.locator('.folio-app[data-easy]').waitFor();
      // Open the disclosure so its links are measured too.
      if (await page.locator('.folio-facets__toggle').isVisible()) await page.locator('.folio-facets__toggle').click();
      const m = await measure(page);
      if (hash === SEED) {
        assert.ok(m.body >= 24, `article text ${m.body} px`);
        assert.ok(m.lineHeight >= 1.5, `line height ${m.lineHeight}`);
      }
      assert.deepEqual(m.smallTargets, [], `${hash}: targets under 48 px`);
      assert.deepEqual(m.plainLinks, [], `${hash}: links without underline`);
      assert.deepEqual(m.smallText, [], `${hash}: text under 18 px`);
      assert.equal(m.moving, 0, `${hash}: nothing moves`);
    }
    // 特大 still makes the article text larger; switching off gives the plain page back.
    await page.goto(env.server.url + SEED);
    await page.locator('.folio-article__paragraph').first().waitFor();
    await page.getByRole('button', { name: '特大' }).click();
    await page.waitForFunction(() => parseFloat(getComputedStyle(document.querySelector('.folio-article__paragraph')).fontSize) > 24);
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.waitForFunction(() => !document.querySelector('.folio-app[data-easy]'));
    assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('folio:v1:prefs'))).easy, undefined);
    await page.close();
  });
});

describe('reading offline on the standalone page', { skip: PACKED && 'the packed demo page registers no worker' }, () => {
  test('after reading, a reload offline opens the page and its articles from the kept copy', async () => {
    const browser = await launch({ viewport: PHONE });
    try {
      const page = await browser.context.newPage();
      // Offline, a view never read (the other article's, below) is not there to show.
      const problems = watch(page, { missing: /\/views\/article\/[^/]+\.html$/ });
      await page.goto(env.server.url + SEED);
      await page.locator('.folio-article__title').waitFor();
      // The pre-rendered article is read; the viewer starts as the reader scrolls or touches.
      await touch(page);
      // Registered once the page has loaded; it keeps the page and what it loaded.
      const kept = () => page.evaluate(async (view) => {
        const keys = await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)));
        return ['/articles.json', '_bg.wasm', '.css', '/folio.js', view].every((end) => keys.flat().some((url) => url.endsWith(end)));
      }, `/views/article/${SEED.split('/').pop()}.html`);
      for (let tries = 0; !(await kept()); tries += 1) {
        assert.ok(tries < 100, 'the page and its files are kept within 25 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await browser.context.setOffline(true);
      await page.reload();
      await page.locator('.folio-article__title').waitFor();
      assert.match(await page.locator('.folio-article__title').textContent(), /质量强市/);
      assert.ok(await page.locator('.folio-offline-note').textContent(), 'the saved-on note');
      // Another article, never opened, opens too from a fresh load: the page and the data file
      // are kept whole.
      const other = await page.evaluate(async () => (await (await fetch('articles.json')).json()).articles[5]);
      await page.goto(`${env.server.url}#/article/${other.id}`);
      await page.reload();
      await page.locator('.folio-article__title').waitFor();
      assert.equal(await page.locator('.folio-article__title').textContent(), other.title);
      await browser.context.setOffline(false);
      const offline = /ERR_INTERNET_DISCONNECTED|status of 503/;
      assert.deepEqual(problems.filter((p) => !offline.test(p)), []);
    } finally {
      await browser.close();
    }
  });
});
