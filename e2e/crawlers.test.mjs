// Share cards, structured data, feeds and sitemaps of a built site, judged by the third-party
// tools their readers use, not by Folio's own parsing: structured-data-testing-tool with its
// Google, Twitter and Facebook presets, open-graph-scraper (link previews of chat apps and
// CMSs), feedparser and extruct (Python; e2e/crawlers.py), and xmllint with the sitemaps.org
// schema from the npm `sitemap` package. The demo data, built as a portal would build it: no
// image or logo given (the build draws them), "now" a day after the newest article (so the
// Google News sitemap has entries).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import ogs from 'open-graph-scraper';
import { PACKED } from './browser.mjs';

const require = createRequire(import.meta.url);
const { structuredDataTest } = require('structured-data-testing-tool');
const { Google, Twitter, Facebook } = require('structured-data-testing-tool/presets');

const ROOT = new URL('../', import.meta.url).pathname;
const SITE = `${ROOT}target/e2e-crawlers`;
const BASE = 'https://news.example.cn/news/';
const SITEMAP_XSD = `${ROOT}node_modules/sitemap/schema/sitemap.xsd`;
const PYTHON = `${ROOT}target/venv/bin/python`;
/** A day after the demo's newest article (2015-09-18T15:00:00+08:00). */
const NOW = '1442646000';
const SEED = 'article/20150615-zhiliang-qiangshi/index.html';
const WIRE = 'article/20150725-quanguo-yanhao/index.html';
const PAGES = ['index.html', 'page/2/index.html', 'channel/lc-news/index.html', SEED, WIRE];

const site = {};
describe('crawlers and share-card readers', { skip: (PACKED || process.env.FOLIO_CSP) && 'runs once, in the first end-to-end run' }, () => {
  before(() => {
    execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', 'build', 'data/articles.json',
      '--out', SITE, '--base-url', BASE, '--force', '--quiet'],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, SOURCE_DATE_EPOCH: NOW } });
    site.python = JSON.parse(execFileSync(PYTHON, [`${ROOT}e2e/crawlers.py`, SITE, BASE, SITEMAP_XSD, ...PAGES],
      { encoding: 'utf8', maxBuffer: 64 << 20 }));
  });

  test('structured-data-testing-tool passes every page with the Google, Twitter and Facebook presets', async () => {
    for (const page of PAGES) {
      const html = await readFile(`${SITE}/${page}`, 'utf8');
      let result;
      try {
        result = await structuredDataTest(html, { presets: [Google, Twitter, Facebook] });
      } catch (error) {
        const failed = (error.res?.failed ?? []).map((t) => `${t.group ?? ''} ${t.description}: ${t.error?.message ?? ''}`);
        assert.fail(`${page}: ${error.message}\n${failed.join('\n')}`);
      }
      assert.equal(result.failed.length, 0, page);
      const groups = new Set(result.passed.map((t) => t.group));
      for (const preset of ['Twitter', 'Facebook']) assert.ok(groups.has(preset), `${page}: ${preset} tested (${[...groups]})`);
      if (page.startsWith('article/')) assert.ok(result.schemas.includes('NewsArticle'), `${page}: ${result.schemas}`);
    }
  });

  test('open-graph-scraper reads each page\'s card: headline, description, image with its size and alt', async () => {
    for (const page of PAGES) {
      const html = await readFile(`${SITE}/${page}`, 'utf8');
      const { error, result } = await ogs({ html });
      assert.equal(error, false, page);
      assert.ok(result.ogTitle && !result.ogTitle.endsWith('聊城信息港') || page === 'index.html', `${page}: og:title is the headline alone (${result.ogTitle})`);
      assert.ok(result.ogDescription, page);
      assert.equal(result.ogUrl, BASE + page.replace(/index\.html$/, ''), page);
      const [image] = result.ogImage;
      assert.match(image.url, /^https:\/\/news\.example\.cn\/news\/share\/card-[0-9a-f]+\.png$/, page);
      assert.deepEqual([image.width, image.height], ['1200', '630'], page);
      assert.equal(image.alt, '聊城信息港', page);
      assert.equal(result.twitterCard, 'summary_large_image', page);
      assert.equal(result.twitterImage[0].url, image.url, page);
    }
    const seed = (await ogs({ html: await readFile(`${SITE}/${SEED}`, 'utf8') })).result;
    assert.equal(seed.ogTitle, '聊城实施质量强市战略动员暨科学技术奖励大会召开');
    assert.equal(seed.ogType, 'article');
    assert.equal(seed.articlePublishedTime, '2015-06-15T09:22:32+08:00', 'the time keeps its offset');
  });

  test('the drawn card and logo are the PNGs the pages name, at the sizes they say', async () => {
    const html = await readFile(`${SITE}/${SEED}`, 'utf8');
    const card = html.match(/property="og:image" content="([^"]+)"/)[1];
    const logo = html.match(/<img src="([^"]+)" width="512" height="512" alt="" hidden loading="lazy">/)[1];
    for (const [src, size] of [[card, [1200, 630]], [logo, [512, 512]]]) {
      const url = new URL(src, `${BASE}${SEED}`).href;
      assert.ok(url.startsWith(BASE), url);
      const png = await readFile(`${SITE}/${url.slice(BASE.length)}`);
      assert.equal(png.subarray(1, 4).toString(), 'PNG', url);
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], size, url);
    }
  });

  test('extruct reads each article\'s JSON-LD NewsArticle (image, publisher logo, author) and every page\'s Open Graph', () => {
    for (const page of PAGES) {
      const data = site.python.pages[page];
      const og = data.opengraph[0];
      assert.ok(og?.['og:title'] && og['og:image'], `${page}: ${JSON.stringify(data.opengraph)}`);
      assert.ok(data.microdata.length === 0 || data.microdata.every((item) => item['@type']), page);
    }
    for (const page of [SEED, WIRE]) {
      const [article] = site.python.pages[page]['json-ld'].filter((item) => item['@type'] === 'NewsArticle');
      assert.ok(article, page);
      assert.match(article.datePublished, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/, page);
      assert.ok(article.image?.length, `${page}: an image`);
      assert.match(article.publisher.logo.url, /share\/logo-[0-9a-f]+\.png$/, page);
      assert.equal(article.publisher.logo.width, 512, page);
      assert.ok(article.author?.length, `${page}: an author`);
    }
    const wire = site.python.pages[WIRE]['json-ld'].find((item) => item['@type'] === 'NewsArticle');
    assert.deepEqual(wire.author.map((a) => [a['@type'], a.name]), [['Organization', '新华社']]);
  });

  test('feedparser reads every feed without complaint, each entry dated, linked and titled', () => {
    const feeds = Object.entries(site.python.feeds);
    assert.ok(feeds.some(([name]) => name === 'atom.xml') && feeds.some(([name]) => name === 'rss.xml'), feeds.map(([n]) => n).join());
    assert.ok(feeds.length > 4, 'channel feeds too');
    for (const [name, feed] of feeds) {
      assert.equal(feed.bozo, false, `${name}: ${feed.bozo_exception}`);
      assert.match(feed.version, name.endsWith('atom.xml') ? /^atom/ : /^rss/, name);
      assert.ok(feed.title && feed.link.startsWith(BASE), name);
      assert.ok(feed.entries.length > 0, name);
      for (const entry of feed.entries) {
        assert.ok(entry.title && entry.id, `${name}: ${JSON.stringify(entry)}`);
        assert.ok(entry.link.startsWith(`${BASE}article/`), `${name}: ${entry.link}`);
        assert.ok(entry.published, `${name}: ${entry.title}: ${entry.published_text}`);
      }
    }
    const seed = site.python.feeds['atom.xml'].entries.find((e) => e.link === `${BASE}article/20150615-zhiliang-qiangshi/`);
    assert.ok(seed?.author, 'the byline is the entry\'s author');
  });

  test('xmllint validates the sitemap against the sitemaps.org schema', () => {
    execFileSync('xmllint', ['--noout', '--schema', SITEMAP_XSD, `${SITE}/sitemap.xml`], { stdio: 'pipe' });
  });

  test('the news sitemap is valid, and names publication, language, date and title of each recent article', async () => {
    const news = site.python.news_sitemap;
    assert.ok(news, 'a news sitemap: the newest articles are a day old');
    assert.equal(news.valid, true, news.errors.join('\n'));
    assert.ok(news.urls.length > 0);
    for (const url of news.urls) {
      assert.ok(url.loc.startsWith(`${BASE}article/`), url.loc);
      assert.equal(url.name, '聊城信息港', url.loc);
      assert.equal(url.language, 'zh-cn', url.loc);
      assert.match(url.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/, url.loc);
      assert.ok(url.title, url.loc);
    }
    const robots = await readFile(`${SITE}/robots.txt`, 'utf8');
    assert.match(robots, /Sitemap: https:\/\/news\.example\.cn\/news\/news-sitemap\.xml/);
  });
});
