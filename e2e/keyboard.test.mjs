// Keyboard only: reach the search box, a facet, an article, the share bar and back with
// Tab/Enter/Esc; focus is always visible and never lost after navigation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withBuild, open } from './browser.mjs';


const env = withBuild();

/** Presses Tab until `selector` has focus (at most `limit` times); returns how many. */
async function tabTo(page, selector, limit = 80) {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return i;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element: visible focus ring, not the body. */
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    return { tag: e.tagName, cls: e.className, visible: e.matches(':focus-visible') && style.outlineStyle !== 'none' };
  });
}

describe('keyboard only', () => {
  test('search, facet, article, share dialog and back', async () => {
    const page = await env.browser.context.newPage();
    await open(page, env.server.url);
    await page.locator('.folio-card').first().waitFor();

    await tabTo(page, 'input[type=search]');
    assert.ok((await focused(page)).visible);
    await page.keyboard.type('质量');
    await page.waitForFunction(() => location.hash.includes('q='));

    await tabTo(page, '.folio-facets__link');
    assert.ok((await focused(page)).visible, 'a facet link shows its focus');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /channel|source|tag|from/.test(location.hash));
    const afterFacet = await focused(page);
    assert.notEqual(afterFacet.tag, 'BODY', 'focus is not lost after picking a facet');

    await tabTo(page, '.folio-card__title a');
    await page.keyboard.press('Enter');
    await page.locator('article.folio-article').waitFor();
    assert.deepEqual(await focused(page), { tag: 'H1', cls: 'folio-article__title', visible: true }, 'focus moves to the article heading');

    await tabTo(page, '.folio-share__button--wechat');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.match((await focused(page)).cls, /folio-share__button--wechat/);

    // Back to the list through the breadcrumb (Shift+Tab goes up the page).
    for (let i = 0; i < 80 && !(await page.evaluate(() => document.activeElement?.closest('.folio-breadcrumb'))); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    await page.keyboard.press('Enter');
    await page.locator('.folio-list').waitFor();
    const back = await focused(page);
    assert.equal(back.tag, 'H1', 'focus moves to the list heading');
    assert.ok(back.visible);
    await page.close();
  });
});
