// End-to-end tests of reader comfort in Chromium against the release build: English labels,
// dark mode by prefers-color-scheme emulation and by the switch, text size surviving a reload,
// print emulation, and the README screenshots (list and article, light and dark, zh-CN and en,
// 360 px and desktop; a phone's opened filters; easy reading), written to docs/screenshots/ by
// this test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { withBuild, open as openLive } from './browser.mjs';

const SHOTS = new URL('../docs/screenshots/', import.meta.url).pathname;
const SEED = '#/article/20150615-zhiliang-qiangshi';

const env = withBuild();

/** A fresh page with empty storage at `hash`. */
async function open(hash = '', { viewport, colorScheme = 'light' } = {}) {
  const page = await env.browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  if (viewport) await page.setViewportSize(viewport);
  // Storage is per origin: clear it, then load the view afresh.
  await openLive(page, env.server.url + hash);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  // The view itself, not the loading note a deep link shows while its code and data arrive.
  await page.waitForFunction(() => document.querySelector('.folio-main')
    && !document.querySelector('.folio-app__loading, .folio-main[aria-busy]'));
  return page;
}

const bodyColor = (page) => page.locator('.folio-app').evaluate((e) => getComputedStyle(e).backgroundColor);

describe('reader comfort', () => {
  test('switch to English and see English labels; Chinese content stays', async () => {
    const page = await open(SEED);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByText('You are here:').waitFor();
    assert.match(await page.locator('.folio-article__meta').textContent(), /Published: 15 Jun 2015, 09:22/);
    assert.equal(await page.locator('.folio-app').getAttribute('lang'), 'en');
    assert.equal(await page.locator('article').getAttribute('lang'), 'zh-CN');
    await page.reload();
    await page.getByText('You are here:').waitFor();
    await page.close();
  });

  test('dark mode follows prefers-color-scheme, and the switch overrides it', async () => {
    const page = await open('', { colorScheme: 'dark' });
    assert.equal(await bodyColor(page), 'rgb(22, 22, 22)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.folio-app')).backgroundColor === 'rgb(255, 255, 255)');
    await page.getByLabel('主题').selectOption('dark');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.folio-app')).backgroundColor === 'rgb(22, 22, 22)');
    await page.reload();
    await page.locator('.folio-main').waitFor();
    assert.equal(await bodyColor(page), 'rgb(22, 22, 22)', 'remembered');
    await page.close();
  });

  test('text size changes the body font size and survives a reload', async () => {
    const page = await open(SEED);
    const size = () => page.locator('.folio-article__paragraph').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
    const medium = await size();
    await page.getByRole('button', { name: '特大' }).click();
    await page.waitForFunction((m) => parseFloat(getComputedStyle(document.querySelector('.folio-article__paragraph')).fontSize) > m, medium);
    const huge = await size();
    assert.ok(huge >= medium * 1.3, `${medium} -> ${huge}`);
    await page.reload();
    await page.locator('.folio-article__paragraph').first().waitFor();
    assert.equal(await size(), huge);
    assert.equal(await page.getByRole('button', { name: '特大' }).getAttribute('aria-pressed'), 'true');
    await page.close();
  });

  test('print shows the article alone, with its address', async () => {
    const page = await open(SEED);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.folio-share', '.folio-related', '.folio-header', '.folio-progress', '.folio-article__neighbours']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is hidden in print`);
    }
    for (const shown of ['article h1', '.folio-article__meta', '.folio-article__body', '.folio-article__byline', '.folio-article__print-url']) {
      assert.equal(await page.locator(shown).first().isVisible(), true, shown);
    }
    assert.ok((await page.locator('.folio-article__print-url').textContent()).endsWith(SEED));
    await page.close();
  });

  test('reading progress grows as the article is read; read articles are marked in lists', async () => {
    const page = await open(SEED, { viewport: { width: 800, height: 600 } });
    const progress = page.getByRole('progressbar', { name: '阅读进度' });
    assert.equal(await progress.getAttribute('value'), '0');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    await page.waitForFunction(() => Number(document.querySelector('.folio-progress').value) > 20);
    await page.getByRole('navigation', { name: '频道' }).getByRole('link', { name: '聊城新闻', exact: true }).click();
    const card = page.locator('.folio-card--read');
    await card.waitFor();
    assert.match(await card.locator('.folio-card__title').textContent(), /质量强市/);
    await page.close();
  });

  test('the README screenshots', async () => {
    await mkdir(SHOTS, { recursive: true });
    for (const [width, height, size] of [[360, 740, 'mobile'], [1280, 900, 'desktop']]) {
      for (const scheme of ['light', 'dark']) {
        for (const lang of ['zh-CN', 'en']) {
          for (const [view, hash] of [['list', ''], ['article', SEED]]) {
            const page = await open(hash, { viewport: { width, height }, colorScheme: scheme });
            if (lang === 'en') {
              await page.getByRole('button', { name: /English/ }).click();
              await page.locator('.folio-app[lang=en]').waitFor();
            }
            await page.screenshot({ path: `${SHOTS}${view}-${scheme}-${lang}-${size}.jpg`, type: 'jpeg', quality: 70 });
            await page.close();
          }
        }
      }
    }
    // A phone's list with its filters opened, and 长辈模式 (easy reading) in both themes.
    const phone = { width: 390, height: 844 };
    const filters = await open('', { viewport: phone });
    await filters.locator('.folio-facets__toggle').click();
    await filters.locator('.folio-facets__toggle').scrollIntoViewIfNeeded();
    await filters.screenshot({ path: `${SHOTS}list-filters-light-zh-CN-phone.jpg`, type: 'jpeg', quality: 70 });
    await filters.close();
    for (const scheme of ['light', 'dark']) {
      for (const [view, hash] of [['list', ''], ['article', SEED]]) {
        const page = await open(hash, { viewport: phone, colorScheme: scheme });
        await page.getByRole('button', { name: '长辈模式' }).click();
        await page.locator('.folio-app[data-easy]').waitFor();
        await page.screenshot({ path: `${SHOTS}easy-${view}-${scheme}-zh-CN-phone.jpg`, type: 'jpeg', quality: 70 });
        await page.close();
      }
    }
  });
});
