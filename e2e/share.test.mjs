// End-to-end tests of the share bar in Chromium against the release build: the copy button
// puts exactly the article URL on the clipboard; the WeChat QR code, read back from a
// screenshot by a QR decoder, gives exactly that URL; the Weibo link carries the right URL and
// title; the dialog works with the keyboard alone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { watch, withBuild, open } from './browser.mjs';

const SEED_ID = '20150615-zhiliang-qiangshi';
const SEED_TITLE = '聊城实施质量强市战略动员暨科学技术奖励大会召开';

let articleUrl;
const env = withBuild(async ({ server, browser }) => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  articleUrl = `${server.url}#/article/${SEED_ID}`;
});

async function openSeed() {
  const page = await env.browser.context.newPage();
  const problems = watch(page);
  await open(page, articleUrl);
  await page.locator('.folio-share').waitFor();
  return { page, problems };
}

describe('share bar', () => {
  test('copy puts exactly the article URL on the clipboard and says so', async () => {
    const { page, problems } = await openSeed();
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await page.getByRole('button', { name: '复制链接' }).click();
    await page.getByRole('status').filter({ hasText: '链接已复制' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), articleUrl);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the WeChat QR code decodes to exactly the article URL; Esc closes and focus returns', async () => {
    const { page } = await openSeed();
    const button = page.getByRole('button', { name: /微信/ });
    await button.click();
    const dialog = page.getByRole('dialog', { name: '分享到微信' });
    await dialog.waitFor();
    const png = PNG.sync.read(await page.locator('.folio-qr__code').screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    assert.ok(decoded, 'a QR code is found in the screenshot');
    assert.equal(decoded.data, articleUrl);
    assert.ok((await dialog.textContent()).includes('微信扫一扫'));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'folio-share__button folio-share__button--wechat');
    await page.close();
  });

  test('a very long article URL still gives a readable QR code', async () => {
    const page = await env.browser.context.newPage();
    const longId = `${SEED_ID}`;
    await open(page, `${env.server.url}?${'campaign=spring&'.repeat(60)}#/article/${longId}`);
    await page.getByRole('button', { name: /微信/ }).click();
    const png = PNG.sync.read(await page.locator('.folio-qr__code').screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    assert.equal(decoded?.data, await page.evaluate(() => location.href));
    await page.close();
  });

  test('the Weibo link carries the article URL and title and opens a new window safely', async () => {
    const { page } = await openSeed();
    const weibo = page.getByRole('link', { name: /微博/ });
    const href = new URL(await weibo.getAttribute('href'));
    assert.equal(href.origin + href.pathname, 'https://service.weibo.com/share/share.php');
    assert.equal(href.searchParams.get('url'), articleUrl);
    assert.equal(href.searchParams.get('title'), SEED_TITLE);
    assert.equal(await weibo.getAttribute('target'), '_blank');
    assert.equal(await weibo.getAttribute('rel'), 'noopener noreferrer');
    await page.close();
  });

  test('keyboard only: Tab to WeChat, Enter opens, Tab reaches close, Enter closes', async () => {
    const { page } = await openSeed();
    await page.locator('.folio-share__button--wechat').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    // Focus moved into the dialog; the close button is reachable with Tab.
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.className)) !== 'folio-qr__close'; i++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'folio-qr__close');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.match(await page.evaluate(() => document.activeElement?.className), /folio-share__button--wechat/);
    await page.close();
  });

  test('nothing is fetched from anywhere but the page itself', async () => {
    const page = await env.browser.context.newPage();
    const foreign = [];
    const origin = new URL(env.server.url).origin;
    page.on('request', (r) => { if (new URL(r.url()).origin !== origin) foreign.push(r.url()); });
    await open(page, articleUrl);
    await page.locator('.folio-share').waitFor();
    await page.getByRole('button', { name: /微信/ }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(foreign, []);
    await page.close();
  });
});
