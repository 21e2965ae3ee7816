// Hostile data: every file in e2e/fixtures/hostile/ plus generated extremes (10 MB strings,
// 10,000-deep nesting, 100,000 articles) served as articles.json. The page must show a readable
// message or the text safely escaped, never panic, and never run a script: a trap the test
// installs (window.__pwned, and alert) must stay untouched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { launch, open, PACKED } from './browser.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const HOSTILE = new URL('./fixtures/hostile/', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the release build with `body` as its articles.json, at `hash`. */
async function openWith(body, hash = '') {
  const server = await serve(DIST, { overrides: { '/articles.json': { body } } });
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.alert = () => { window.__pwned = 'alert'; };
  });
  await open(page, server.url + hash, { timeout: 120_000 });
  await page.locator('.folio-main, [role=alert]').first().waitFor({ timeout: 120_000 });
  const finish = async () => {
    assert.deepEqual(errors, [], 'no panic, no uncaught error');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script from the data ran');
    await page.close();
    await server.close();
  };
  return { page, finish };
}

const fixture = (name) => readFile(HOSTILE + name);
const text = (page, selector) => page.locator(selector).first().textContent();

describe('hostile data', { skip: PACKED && 'data files only (hostile packed archives: archive.test.mjs)' }, () => {
  test('truncated JSON', async () => {
    const { page, finish } = await openWith(await fixture('truncated.json'));
    assert.match(await text(page, '[role=alert]'), /文章数据无法读取.*不是有效的 JSON/);
    await finish();
  });

  test('wrong types, duplicate ids and invalid dates skip those articles and say which (a bad optional value only warns)', async () => {
    for (const [name, skipped, shown] of [['wrong-types.json', 2, 4], ['duplicate-ids.json', 1, 2], ['invalid-dates.json', 4, 1]]) {
      const { page, finish } = await openWith(await fixture(name));
      assert.match(await text(page, '.folio-notice summary'), new RegExp(`${skipped} 篇文章未能显示`), name);
      assert.equal(await text(page, '.folio-list__count'), `共 ${shown} 篇`, name);
      await finish();
    }
  });

  test('HTML and <script> in every text field are shown as text', async () => {
    const { page, finish } = await openWith(await fixture('html-everywhere.json'), '#/article/a1');
    await page.locator('article h1').waitFor();
    assert.match(await text(page, 'article h1'), /<script>window.__pwned=1<\/script>/);
    assert.match(await text(page, '.folio-article__paragraph'), /<img src=x onerror=/);
    assert.match(await text(page, '.folio-header__site'), /<script>/);
    assert.equal(await page.locator('.folio-main script, .folio-article__body img:not(.folio-article__image)').count(), 0);
    await finish();
  });

  test('javascript: and data: URLs in image and link fields are dropped with a warning', async () => {
    const { page, finish } = await openWith(await fixture('unsafe-urls.json'), '#/article/a1');
    await page.locator('article h1').waitFor();
    const sources = await page.locator('.folio-app img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
    assert.deepEqual(sources, []);
    const hrefs = await page.locator('.folio-app a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.every((h) => !/^\s*(javascript|data):/i.test(h)), hrefs.join(' '));
    assert.match(await text(page, '.folio-notice summary'), /4 处小问题/);
    await finish();
  });

  test('control characters, right-to-left text and emoji', async () => {
    const { page, finish } = await openWith(await fixture('control-rtl-emoji.json'));
    assert.match(await text(page, '.folio-card__title'), /مرحبا بالعالم 🎉👍🏽/);
    await finish();
  });

  test('no articles at all', async () => {
    const { page, finish } = await openWith(await fixture('empty.json'));
    assert.equal(await text(page, '.folio-list__count'), '共 0 篇');
    assert.match(await text(page, '.folio-list__empty'), /这里还没有文章/);
    await finish();
  });

  test('10 MB strings are refused with a message, the rest shows', async () => {
    const huge = '长'.repeat(3_500_000);
    const doc = JSON.parse(await fixture('duplicate-ids.json'));
    doc.articles = [
      { ...doc.articles[0], id: 'huge-title', title: huge },
      { ...doc.articles[0], id: 'huge-body', body: [{ type: 'paragraph', text: huge }] },
      doc.articles[2],
    ];
    const { page, finish } = await openWith(JSON.stringify(doc));
    assert.match(await text(page, '.folio-notice summary'), /2 篇文章未能显示/);
    await page.locator('.folio-notice summary').click();
    const list = await text(page, '.folio-notice__list');
    assert.match(list, /字段“title”超过 1,000 个字符/);
    assert.match(list, /字段“body\[0\]\.text”超过 100,000 个字符/);
    assert.ok(list.length < 2_000, 'messages quote at most a little of the data');
    assert.equal(await text(page, '.folio-list__count'), '共 1 篇');
    await finish();
  });

  test('deep nesting is refused as JSON, not a stack overflow', async () => {
    const deep = `{"site": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const { page, finish } = await openWith(deep);
    assert.match(await text(page, '[role=alert]'), /文章数据无法读取/);
    await finish();
  });

  test('100,000 articles load and page', async () => {
    const body = execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'folio', '--', 'gen', '100000', '--quiet'], { cwd: ROOT, maxBuffer: 1 << 30 });
    const { page, finish } = await openWith(body);
    assert.equal(await text(page, '.folio-list__count'), '共 100,000 篇');
    assert.equal(await page.locator('.folio-card').count(), 20);
    await finish();
  });
});
