// End-to-end tests of search in Chromium against the release build: a query only the seed
// article's body contains, a channel facet, reload and Back/Forward, one history entry per
// settled search, and a real IME composition (through the DevTools protocol).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { watch, withBuild, open as openLive, PACKED } from './browser.mjs';

const SEED_TITLE = '聊城实施质量强市战略动员暨科学技术奖励大会召开';

const env = withBuild();

async function open(hash = '') {
  const page = await env.browser.context.newPage();
  const problems = watch(page);
  await openLive(page, env.server.url + hash);
  await page.locator('.folio-list').waitFor();
  return { page, problems };
}

const count = (page) => page.locator('.folio-list__count').textContent();
const search = (page) => page.getByRole('searchbox', { name: '搜索文章' });

describe('search', () => {
  test('what a reader types into the pre-rendered box before the Wasm runs is kept and searched', { skip: PACKED && 'the packed demo page is not pre-rendered' }, async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    // The Wasm waits until the reader has typed and pressed Enter.
    let release;
    const typed = new Promise((resolve) => { release = resolve; });
    await page.route(/_bg\.wasm$/, async (route) => { await typed; await route.continue(); });
    await page.goto(env.server.url);
    await search(page).pressSequentially('质量强', { delay: 30 });
    await search(page).press('Enter');
    assert.equal(await page.locator('[data-folio-live]').count(), 0, 'typed before the viewer ran');
    release();
    await page.locator('[data-folio-live]').waitFor();
    await page.waitForFunction(() => location.hash.includes('q='));
    assert.equal(await search(page).inputValue(), '质量强');
    await page.getByRole('link', { name: SEED_TITLE }).waitFor();
    assert.match(await count(page), /^共 [1-9] 篇$/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a phrase only the seed body contains finds it; a channel facet narrows; reload and Back restore', async () => {
    const { page, problems } = await open();
    const before = await page.evaluate(() => history.length);
    await search(page).pressSequentially('质量强', { delay: 30 });
    await page.waitForFunction(() => location.hash.includes('q='));
    await page.getByRole('link', { name: SEED_TITLE }).waitFor();
    assert.equal(await page.evaluate(() => history.length), before + 1, 'three keystrokes, one history entry');
    assert.equal(await page.locator('.folio-card__title mark').first().textContent(), '质量强');

    const facet = page.getByRole('complementary', { name: '筛选' }).getByRole('link', { name: /^资讯中心/ });
    // Exact in a packed archive too: a term of up to four characters has its own key.
    const narrowed = `共 ${(await facet.locator('.folio-facets__count').textContent()).trim()} 篇`;
    await facet.click();
    await page.waitForURL(/#\/channel\/news\?q=/);
    assert.equal(await count(page), narrowed);
    assert.ok(await page.getByRole('link', { name: SEED_TITLE }).isVisible());

    await page.reload();
    await page.getByRole('link', { name: SEED_TITLE }).waitFor();
    assert.equal(await search(page).inputValue(), '质量强');
    assert.equal(await count(page), narrowed);

    await page.goBack();
    await page.waitForURL((u) => u.hash.startsWith('#/?q='));
    assert.equal(await search(page).inputValue(), '质量强');
    assert.notEqual(await count(page), '共 44 篇');
    await page.goBack();
    await page.waitForURL((u) => u.hash === '' || u.hash === '#/');
    await page.waitForFunction(() => document.querySelector('.folio-list__count')?.textContent === '共 44 篇');
    assert.equal(await search(page).inputValue(), '');
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('input[type=search]').value === '质量强');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a pasted search link opens the same results', async () => {
    const { page } = await open('#/?q=%E9%AB%98%E8%80%83&sort=old');
    assert.equal(await search(page).inputValue(), '高考');
    const dates = await page.locator('.folio-card time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    assert.ok(dates.length >= 2);
    assert.deepEqual([...dates].sort(), dates, 'oldest first');
    assert.equal(await page.getByLabel('排序').inputValue(), 'old');
    await page.close();
  });

  test('a phrase of eight characters finds the seed article, its count exact', async () => {
    // A packed archive matches it by its runs of four and confirms each candidate in its text.
    const { page, problems } = await open('#/?q=%E5%AE%9E%E6%96%BD%E8%B4%A8%E9%87%8F%E5%BC%BA%E5%B8%82%E6%88%98%E7%95%A5');
    assert.equal(await search(page).inputValue(), '实施质量强市战略');
    await page.getByRole('link', { name: SEED_TITLE }).waitFor();
    assert.equal(await count(page), '共 1 篇');
    assert.equal(await page.locator('.folio-card').count(), 1);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('traditional characters find what simplified ones find, marked as written; the table is fetched once', async () => {
    const page = await env.browser.context.newPage();
    const problems = watch(page);
    const tables = [];
    page.on('request', (request) => { if (/fold(\/\d+)?\.txt$/.test(request.url())) tables.push(request.url()); });
    await openLive(page, env.server.url);
    await page.locator('.folio-list').waitFor();
    const first = () => page.locator('.folio-card__title').first().textContent();
    const results = async (q) => {
      await search(page).fill(q);
      await page.waitForFunction((q) => new URLSearchParams(location.hash.split('?')[1]).get('q') === q, q);
      await page.getByRole('link', { name: SEED_TITLE }).waitFor();
      await page.waitForFunction(() => !document.querySelector('.folio-main[aria-busy]'));
      return { count: await count(page), first: await first() };
    };
    // A reader in Hong Kong or Taiwan types the headline's words in traditional characters.
    const traditional = await results('質量強市');
    assert.equal(traditional.first, SEED_TITLE);
    assert.equal(await page.locator('.folio-card__title mark').first().textContent(), '质量强市');
    assert.deepEqual(await results('质量强市'), traditional);
    // A phrase of eight, confirmed against the text in a packed archive, and a mixed one.
    assert.deepEqual(await results('實施質量強市戰略'), { count: '共 1 篇', first: SEED_TITLE });
    assert.equal((await results('科學技术獎勵')).first, SEED_TITLE);
    // The whole table beside the viewer, or a packed archive's parts for these characters.
    assert.ok(tables.length >= 1, 'the folding table was fetched');
    assert.equal(new Set(tables).size, tables.length, `each part once: ${tables}`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an input method composition does not search before it ends', async () => {
    const { page } = await open();
    const cdp = await page.context().newCDPSession(page);
    await search(page).focus();
    await cdp.send('Input.imeSetComposition', { text: 'zhi', selectionStart: 3, selectionEnd: 3 });
    await cdp.send('Input.imeSetComposition', { text: 'zhiliang', selectionStart: 8, selectionEnd: 8 });
    // Give any (wrong) search the time of several frames to show up before checking it did not.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await search(page).inputValue(), 'zhiliang');
    assert.equal(await count(page), '共 44 篇');
    assert.equal(await page.evaluate(() => location.hash), '');
    await cdp.send('Input.insertText', { text: '质量' });
    await page.waitForFunction(() => document.querySelector('.folio-list__count').textContent === '共 5 篇');
    assert.match(await page.evaluate(() => location.hash), /q=%E8%B4%A8%E9%87%8F/);
    await page.close();
  });

  test('sort and date range filters live in the URL', async () => {
    const { page } = await open();
    await page.getByLabel('排序').selectOption('views');
    await page.waitForURL(/sort=views/);
    const month = page.getByRole('complementary', { name: '筛选' }).getByRole('link', { name: /^2015年6月/ });
    const expected = (await month.locator('.folio-facets__count').textContent()).trim();
    await month.click();
    await page.waitForURL(/from=2015-06-01&to=2015-06-30/);
    assert.equal(await count(page), `共 ${expected} 篇`);
    const dates = await page.locator('.folio-card time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    assert.ok(dates.every((d) => d.startsWith('2015-06')), dates.join());
    await page.getByLabel('从').fill('2015-06-10');
    await page.waitForURL(/from=2015-06-10/);
    await page.getByRole('link', { name: '清除全部筛选' }).first().click();
    await page.waitForFunction(() => document.querySelector('.folio-list__count').textContent === '共 44 篇');
    await page.close();
  });
});
