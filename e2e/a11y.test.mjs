// Accessibility: axe-core on the list, a filtered list, the seed article, the share dialog and
// the not-found view, in light and dark, zh-CN and en: zero violations; in 长辈模式 (easy
// reading) the enhanced contrast rule (7:1, WCAG AAA) and the target-size rule pass too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { withBuild, open } from './browser.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const env = withBuild();

const VIEWS = [
  ['list', '#/', null],
  ['filtered list', '#/channel/news?q=%E8%B4%A8%E9%87%8F&source=%E8%81%8A%E5%9F%8E%E6%97%A5%E6%8A%A5', null],
  ['empty result', '#/?q=%E4%B8%8D%E5%AD%98%E5%9C%A8', null],
  ['seed article', '#/article/20150615-zhiliang-qiangshi', null],
  ['share dialog', '#/article/20150615-zhiliang-qiangshi', '.folio-share__button--wechat'],
  ['not found', '#/article/nope', null],
];

describe('axe-core', () => {
  const runs = [];
  for (const scheme of ['light', 'dark']) {
    for (const lang of ['zh-CN', 'en']) runs.push([scheme, lang, false]);
    runs.push([scheme, 'zh-CN', true]);
  }
  for (const [scheme, lang, easy] of runs) {
    {
      test(`${scheme}, ${lang}${easy ? ', easy reading with enhanced contrast' : ''}: no violations on any view`, async () => {
        const page = await env.browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await open(page, env.server.url);
        await page.evaluate(([l, e]) => localStorage.setItem('folio:v1:prefs', JSON.stringify(e ? { lang: l, easy: 'on' } : { lang: l })), [lang, easy]);
        const found = [];
        for (const [name, hash, click] of VIEWS) {
          await open(page, env.server.url + hash);
          await page.reload();
          await page.locator('.folio-main').waitFor();
          // The view itself, not the loading state (a packed archive fetches its files first).
          await page.waitForFunction(() => !document.querySelector('.folio-main[aria-busy]') && document.querySelector('.folio-main h1'));
          if (click) {
            await page.locator(click).click();
            await page.getByRole('dialog').waitFor();
          }
          // Evaluated, not added as a <script>, so a strict CSP run does not block it.
          await page.evaluate(`(() => { ${AXE}\n })()`);
          const rules = easy ? { 'color-contrast-enhanced': { enabled: true }, 'target-size': { enabled: true } } : {};
          const result = await page.evaluate((r) => window.axe.run(document, { resultTypes: ['violations'], rules: r }), rules);
          for (const v of result.violations) {
            found.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
          }
        }
        assert.deepEqual(found, []);
        await page.close();
      });
    }
  }
});
