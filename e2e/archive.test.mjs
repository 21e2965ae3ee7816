// Packed archives (folio pack) in Chromium against the release build's packed viewer
// (dist/packed/): hostile archive files give a message in the page and never a panic; a deploy
// under an open viewer (a new build packed beside the old one, kept or pruned) costs the
// reader nothing: the article they click opens, and the new articles are found; a viewer on
// 100,000 generated articles shows its first list after fetching only the manifest and one
// chunk, then searches with facets, opens an article and goes Back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, open, watch, PACKED } from './browser.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;
const ARCHIVE = '/packed/archive/';
/** The goal for what a first list may fetch beyond the app itself. */
const FIRST_LIST_BYTES = 30_000;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the packed demo with some archive files replaced and runs `check` on the page; the
 * page and server are closed whatever happens. */
async function withArchive(overrides, check) {
  const server = await serve(DIST, { overrides });
  const page = await browser.context.newPage();
  try {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, `${server.url}packed/`);
    await check(page);
    assert.deepEqual(errors, [], 'no panic, no uncaught error');
  } finally {
    await page.close();
    await server.close();
  }
}

const file = (path) => readFile(join(DIST, path));
/** The demo archive's build folder, below the archive (`b/BUILD/`). */
const build = async () => `b/${JSON.parse(await file('packed/archive/manifest.json')).build}/`;

describe('packed archives', () => {
  test('<folio-viewer src=".../archive/"> through the main folio.js shows the archive', async () => {
    const host = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
      <script type="module" src="/folio.js"></script></head>
      <body><h1>Host page</h1><folio-viewer id="viewer" src="/packed/archive/"></folio-viewer></body></html>`;
    // The host page's own policy is the host's business (as in embed.test.mjs).
    const server = await serve(DIST, { overrides: { '/host.html': { body: host } }, csp: false });
    const page = await browser.context.newPage();
    try {
      const problems = watch(page);
      await page.goto(`${server.url}host.html`);
      const viewer = page.locator('#viewer');
      await viewer.locator('.folio-card').first().waitFor();
      assert.equal(await viewer.locator('.folio-list__count').textContent(), '共 44 篇');
      const fetched = server.requests.map((r) => r.path);
      assert.ok(fetched.some((p) => /^\/packed\/folio-archive-.*\.wasm$/.test(p)), 'the packed Wasm');
      assert.ok(!fetched.some((p) => /^\/folio-viewer-.*\.wasm$/.test(p)), 'not the data-file Wasm');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await server.close();
    }
  });

  test('a manifest of a newer format version is refused by name', async () => {
    const manifest = (await file('packed/archive/manifest.json')).toString();
    assert.match(manifest, /"version":\[2,\d+\]/);
    await withArchive({ [`${ARCHIVE}manifest.json`]: { body: manifest.replace(/"version":\[2,\d+\]/, '"version":[3,0]') } }, async (page) => {
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.textContent(), /3\.0/);
    });
  });

  test('a damaged part of the folding table says which file, and the list keeps working', async () => {
    // 質 (U+8CEA) is in part 70 (code points 70·512 …).
    await withArchive({ [`${ARCHIVE}${await build()}fold/70.txt`]: { body: 'not a table', type: 'text/plain' } }, async (page) => {
      await page.locator('.folio-card').first().waitFor();
      await page.getByRole('searchbox').fill('質量');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.textContent(), /fold\/70\.txt/);
      await page.getByRole('searchbox').fill('聊城');
      await page.locator('.folio-card').first().waitFor();
    });
  });

  test('pinyin: zlqs lists 质量强市, lc suggests 聊城, from the vocabulary fetched once', async () => {
    const server = await serve(DIST);
    const page = await browser.context.newPage();
    try {
      const problems = watch(page);
      await open(page, `${server.url}packed/`);
      await page.locator('.folio-card').first().waitFor();
      const box = page.getByRole('searchbox');
      await box.fill('zlqs');
      const first = page.locator('.folio-card__title').first();
      await page.waitForFunction(() => document.querySelector('.folio-list__by') !== null);
      assert.equal((await first.textContent()).trim(), '聊城实施质量强市战略动员暨科学技术奖励大会召开');
      // The spelled words are marked in the titles, and offered under the box.
      assert.equal(await first.locator('mark').first().textContent(), '质量强市');
      const suggestions = page.getByRole('navigation', { name: '拼音联想' });
      assert.equal(await suggestions.getByRole('link').first().textContent(), '质量强市3');
      await box.fill('lc');
      await page.waitForFunction(() => document.querySelector('.folio-suggest a')?.textContent.startsWith('聊城'));
      const words = await suggestions.getByRole('link').allTextContents();
      assert.ok(words.some((w) => /^聊城新闻/.test(w)), `the channel 聊城新闻 too: ${words}`);
      // A suggestion is a link: it searches for the word, which the box then shows.
      await suggestions.getByRole('link', { name: '聊城, 共 39 篇' }).click();
      await page.waitForFunction(() => decodeURIComponent(location.hash).includes('q=聊城'));
      assert.equal(await box.inputValue(), '聊城');
      const fetched = server.requests.map((r) => r.path);
      for (const name of ['words.txt', 'pinyin.txt']) {
        assert.equal(fetched.filter((p) => p.endsWith(`/${name}`)).length, 1, `${name} once`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await server.close();
    }
  });

  test('a missing chunk says which file, with a retry', async () => {
    await withArchive({ [`${ARCHIVE}${await build()}list/0.json`]: { status: 404, body: 'not found' } }, async (page) => {
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.textContent(), /list\/0\.json.*404/);
      assert.ok(await alert.getByRole('button').isVisible(), 'a retry button');
    });
  });

  test('a truncated shard and a shard of another build are named; the lists still work', async () => {
    const folder = await build();
    const shard = await file(`packed/archive/${folder}search/0.bin`);
    const other = Buffer.from(shard);
    other[8] ^= 1;
    for (const [body, message] of [[shard.subarray(0, shard.length >> 1), /search\/0\.bin/], [other, /another build|另一次打包/]]) {
      await withArchive({ [`${ARCHIVE}${folder}search/0.bin`]: { body, type: 'application/octet-stream' } }, async (page) => {
        await page.locator('.folio-card').first().waitFor();
        await page.getByRole('searchbox').fill('聊城');
        const alert = page.getByRole('alert');
        await alert.waitFor();
        assert.match(await alert.textContent(), message);
        await page.getByRole('searchbox').fill('');
        await page.locator('.folio-card').first().waitFor();
      });
    }
  });
});

describe('a deploy under an open viewer', { skip: (PACKED || process.env.FOLIO_CSP) && 'runs once, in the first end-to-end run' }, () => {
  const folio = (...args) => execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', ...args], { cwd: ROOT, stdio: 'inherit' });
  const NEW = '部署之后才发布的文章';

  /** A copy of the release build, served, with the demo page open on its packed archive. */
  async function opened() {
    const dir = await mkdtemp(join(tmpdir(), 'folio-deploy-'));
    await cp(DIST, dir, { recursive: true });
    const server = await serve(dir);
    const page = await browser.context.newPage();
    const problems = watch(page);
    // The page's clock, so a test can let a minute pass.
    await page.clock.install();
    await open(page, `${server.url}packed/`);
    await page.locator('.folio-card').first().waitFor();
    return { dir, server, page, problems };
  }

  /** Packs the demo data with five new articles and one title corrected into the served
   * archive, as an hourly deploy does; returns the corrected title. */
  async function deploy(dir, ...options) {
    const data = JSON.parse(await readFile(join(DIST, 'articles.json'), 'utf8'));
    const [newest] = [...data.articles].sort((a, b) => b.published.localeCompare(a.published));
    for (let i = 1; i <= 5; i += 1) {
      data.articles.push({ ...newest, id: `deploy-new-${i}`, title: `${NEW}${i}`, published: `2015-09-2${i}T08:00:00+08:00` });
    }
    const corrected = data.articles.find((a) => a.id === '20150615-zhiliang-qiangshi');
    corrected.title = `${corrected.title}（更正）`;
    await writeFile(join(dir, 'deploy.json'), JSON.stringify(data));
    folio('pack', join(dir, 'deploy.json'), '--out', join(dir, 'packed/archive'), '--quiet', ...options);
    return corrected.title;
  }

  for (const [name, options] of [['the old build kept', []], ['the old build pruned (--keep 1)', ['--keep', '1']]]) {
    test(`${name}: the article clicked opens with no error, and the new articles are found`, async () => {
      const { dir, server, page, problems } = await opened();
      try {
        const old = JSON.parse(await readFile(join(dir, 'packed/archive/manifest.json'), 'utf8')).build;
        const corrected = await deploy(dir, ...options);
        const builds = await readdir(join(dir, 'packed/archive/b'));
        assert.equal(builds.includes(old), options.length === 0, `old build there: ${builds}`);
        // The list on screen is the old build's; its article opens.
        await page.getByRole('searchbox').fill('聊城实施质量强市');
        const card = page.locator('.folio-card__title a').filter({ hasText: '聊城实施质量强市' }).first();
        await card.click();
        await page.locator('.folio-article__title').waitFor();
        assert.match(await page.locator('.folio-article__title').textContent(), /聊城实施质量强市/);
        assert.equal(await page.getByRole('alert').count(), 0, 'no error');
        // A minute later, a new view asks whether a newer build is out.
        await page.goBack();
        await page.clock.fastForward('01:01');
        await page.getByRole('searchbox').fill(NEW);
        await page.waitForFunction(() => document.querySelector('.folio-list__count')?.textContent === '共 5 篇');
        assert.equal(await page.locator('.folio-card').count(), 5);
        await page.getByRole('searchbox').fill('聊城实施质量强市');
        await page.locator('.folio-card').filter({ hasText: corrected }).first().waitFor();
        assert.equal(await page.getByRole('alert').count(), 0, 'no error');
        // A pruned build's files answer 404 (which the browser logs): how the viewer learns of
        // the deploy. Nothing else went wrong.
        const gone = new RegExp(`^HTTP 404: .*/packed/archive/b/${old}/|^console: Failed to load resource: .*404`);
        assert.deepEqual(problems.filter((p) => !(options.length && gone.test(p))), []);
      } finally {
        await page.close();
        await server.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  test('packing the same input again writes nothing and keeps the build', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-deploy-'));
    try {
      await cp(join(DIST, 'packed/archive'), join(dir, 'archive'), { recursive: true });
      const before = await readFile(join(dir, 'archive/manifest.json'), 'utf8');
      folio('pack', join(DIST, 'articles.json'), '--out', join(dir, 'archive'), '--quiet');
      assert.equal(await readFile(join(dir, 'archive/manifest.json'), 'utf8'), before);
      assert.equal((await readdir(join(dir, 'archive/b'))).length, 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('100,000 articles packed', { skip: (PACKED || process.env.FOLIO_CSP) && 'runs once, in the first end-to-end run' }, () => {
  let dir;
  let server;
  before(async () => {
    // The release build with its demo archive swapped for 100,000 generated articles.
    dir = await mkdtemp(join(tmpdir(), 'folio-archive-'));
    await cp(DIST, dir, { recursive: true });
    await rm(join(dir, 'packed/archive'), { recursive: true });
    const lines = join(dir, 'articles.jsonl');
    const folio = (...args) => execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', ...args], { cwd: ROOT, stdio: 'inherit' });
    folio('gen', '100000', '--jsonl', '--quiet', '--out', lines);
    folio('pack', lines, '--out', join(dir, 'packed/archive'), '--quiet');
    server = await serve(dir);
  });
  after(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('first list, search with facets, an article and Back', async (t) => {
    const page = await browser.context.newPage();
    t.after(() => page.close());
    const problems = watch(page);
    const archive = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.includes('/archive/')) archive.push(response);
    });
    await open(page, `${server.url}packed/`, { timeout: 60_000 });
    await page.locator('.folio-card').first().waitFor();
    assert.equal(await page.locator('.folio-list__count').textContent(), '共 100,000 篇');
    let bytes = 0;
    for (const response of archive) {
      const { responseBodySize, responseHeadersSize } = await response.request().sizes();
      bytes += responseBodySize + responseHeadersSize;
      t.diagnostic(`${new URL(response.url()).pathname}: ${responseBodySize} bytes`);
    }
    t.diagnostic(`first list: ${archive.length} archive requests, ${bytes} bytes`);
    assert.ok(archive.length <= 2, `the first list fetched ${archive.length} archive files`);
    assert.ok(bytes <= FIRST_LIST_BYTES, `the first list fetched ${bytes} bytes of the archive`);

    // A two-character query is exact from the index; the facets follow once counted.
    await page.getByRole('searchbox').pressSequentially('聊城', { delay: 30 });
    await page.waitForFunction(() => location.hash.includes('q='));
    // The list on screen stays (its count too) until the query's files have come: wait for
    // the query's own count, which a search that never narrows never shows.
    await page.waitForFunction(() => {
      const count = document.querySelector('.folio-list__count')?.textContent ?? '';
      return /^共 [\d,]+ 篇$/.test(count) && count !== '共 100,000 篇';
    }, null, { timeout: 60_000 });
    const sources = page.locator('.folio-facets__group').filter({ has: page.getByRole('heading', { name: '来源' }) });
    const facet = sources.locator('a.folio-facets__link').last();
    await facet.waitFor({ timeout: 60_000 });
    const narrowed = `共 ${(await facet.locator('.folio-facets__count').textContent()).trim()} 篇`;
    await facet.click();
    await page.waitForURL(/source=/);
    await page.waitForFunction((n) => document.querySelector('.folio-list__count')?.textContent === n, narrowed);
    assert.equal(await page.locator('.folio-card mark').first().textContent(), '聊城');

    const first = page.locator('.folio-card__title a').first();
    const title = await first.textContent();
    await first.click();
    await page.locator('.folio-article__title').waitFor();
    assert.equal(await page.locator('.folio-article__title').textContent(), title);
    assert.ok((await page.locator('.folio-article__paragraph').count()) > 0, 'the body came with the article');
    await page.goBack();
    await page.waitForFunction((n) => document.querySelector('.folio-list__count')?.textContent === n, narrowed);
    assert.equal(await page.getByRole('searchbox').inputValue(), '聊城');
    assert.deepEqual(problems, []);
  });

  test('a channel list shows from its posting set, before any rows file', async (t) => {
    const page = await browser.context.newPage();
    t.after(() => page.close());
    const problems = watch(page);
    // Rows files are held back until the list is on screen: were they needed, it never would be.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let rows = 0;
    await page.route(/\/archive\/b\/[0-9a-f]+\/rows\/\d+\.bin$/, async (route) => {
      rows += 1;
      await held;
      await route.continue();
    });
    await open(page, `${server.url}packed/`, { timeout: 60_000 });
    await page.locator('.folio-card').first().waitFor();
    const channel = page.locator('a.folio-menu__link--sub').first();
    const name = (await channel.textContent()).trim();
    await channel.click();
    await page.waitForURL(/#\/channel\//);
    await page.waitForFunction(() => /^共 [\d,]+ 篇$/.test(document.querySelector('.folio-list__count')?.textContent ?? '')
      && document.querySelector('.folio-list__count').textContent !== '共 100,000 篇');
    assert.equal(await page.locator('.folio-list__title').textContent(), name);
    assert.ok(await page.locator('.folio-facets__counting').isVisible(), 'facets wait for the rows');
    const cards = await page.locator('.folio-card').count();
    assert.ok(cards > 0);
    t.diagnostic(`${rows} rows files held while the channel list showed`);
    release();
    await page.locator('.folio-facets__link').first().waitFor({ timeout: 60_000 });
    assert.deepEqual(problems, []);
  });
});
