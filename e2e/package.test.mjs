// The npm package as developers install it: the tarball `make package` packs (npm pack) goes
// into a copy of each framework example (examples/vite-react, examples/vite-vue) with npm
// install, the typed usage (e2e/fixtures/types/usage.tsx) passes `tsc --noEmit` there, Vite
// builds each app with its default settings, and Chromium shows the viewer in it, passes an
// attribute change through the framework and hands the app an event; the Yew example app
// (examples/yew-app, the FolioViewer component) is built by Trunk and checked the same way.
// Runs once, in the first
// end-to-end run. Everything comes from the npm registry (the npm cache after set-up).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, watch, PACKED } from './browser.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const NPM_OUT = join(ROOT, 'target/npm');
// Inside the repository, so the apps' own tools resolve as in a real project.
const WORK = join(ROOT, 'target/examples');

/** Runs a command; a failure's message carries its output (tsc's errors, npm's reasons). */
function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

describe('the npm package in Vite apps', { skip: (PACKED || process.env.FOLIO_CSP) && 'runs once, in the first end-to-end run' }, () => {
  let tarball;
  let browser;
  const servers = [];
  before(async () => {
    const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
    const version = cargo.match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)[1];
    tarball = join(NPM_OUT, `folio-viewer-${version}.tgz`);
    if (!existsSync(tarball)) run('node', ['scripts/package.mjs'], ROOT);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
  });

  /** Copies an example without its build output, installs its dependencies and the tarball. */
  async function install(name) {
    const dir = join(WORK, name);
    await rm(dir, { recursive: true, force: true });
    await cp(join(ROOT, 'examples', name), dir, {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
    });
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    manifest.dependencies['folio-viewer'] = `file:${tarball}`;
    await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'], dir);
    const installed = JSON.parse(await readFile(join(dir, 'node_modules/folio-viewer/package.json'), 'utf8'));
    assert.equal(installed.name, 'folio-viewer');
    return dir;
  }

  /** Builds the app with Vite and serves its output. */
  async function build(dir) {
    run(join(dir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], dir);
    const assets = await readdir(join(dir, 'dist/assets'));
    assert.ok(assets.some((f) => f.endsWith('.wasm')), `Vite shipped the Wasm: ${assets.join(', ')}`);
    assert.ok(assets.some((f) => f.endsWith('.css')), 'Vite shipped the stylesheet');
    const server = await serve(join(dir, 'dist'));
    servers.push(server);
    return server.url;
  }

  /** The app shows the viewer, changes its language through the framework, gets its event. */
  async function exercise(url, { pageSize = 5, viewer: find = (page) => page.locator('folio-viewer') } = {}) {
    const page = await browser.context.newPage();
    const problems = watch(page);
    await page.goto(url);
    // Playwright's locators pierce the open shadow root.
    const viewer = find(page);
    await viewer.locator('.folio-card').first().waitFor();
    assert.equal(await viewer.locator('.folio-card').count(), pageSize, 'the page size reached the viewer');
    assert.equal(await viewer.locator('.folio-list__title').textContent(), '全部文章');
    await page.getByRole('button', { name: 'English interface' }).click();
    await viewer.locator('.folio-list__title', { hasText: 'All articles' }).waitFor();
    // The first card's article: its id is in its link (#/article/<id>).
    const link = viewer.locator('.folio-card__title a').first();
    const [title, href] = [await link.textContent(), await link.getAttribute('href')];
    const id = decodeURIComponent(href.split('/article/')[1]);
    await link.click();
    await viewer.locator('.folio-article__title', { hasText: title }).waitFor();
    await page.getByText(`Opened: ${id}`).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  }

  test('React 19: typed usage passes tsc, Vite builds it, the viewer works in it', async () => {
    const dir = await install('vite-react');
    await cp(join(ROOT, 'e2e/fixtures/types/usage.tsx'), join(dir, 'src/usage.tsx'));
    // TypeScript from the registry, run where the package is installed.
    run(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', '.'], dir);
    // The checks can fail: an unexpected error is reported, and so is an expected one missing.
    await writeFile(join(dir, 'src/broken.tsx'), "export const broken = <folio-viewer theme=\"sepia\" />;\n");
    assert.throws(() => run(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', '.'], dir), /sepia|theme/);
    await rm(join(dir, 'src/broken.tsx'));
    await exercise(await build(dir));
  });

  test('Vue 3: Vite builds it, the viewer works in it', async () => {
    const dir = await install('vite-vue');
    await exercise(await build(dir), { pageSize: 5 });
  });

  test('Yew: the FolioViewer component in a Yew app, built by Trunk', async () => {
    const out = join(WORK, 'yew-app-dist');
    run('trunk', ['build', 'examples/yew-app/index.html', '--release', '--offline', '--locked', '--dist', out, '--public-url', './'], ROOT);
    const server = await serve(out);
    servers.push(server);
    // The component, not the element: the viewer is in the app's own DOM.
    await exercise(server.url, { pageSize: 20, viewer: (page) => page.locator('body') });
  });
});
