// Trunk post-build hook: writes the two extra entry points of the release build, then
// pre-renders the standalone page's first view.
//
//  - folio.js: a stable-named ES module for embedding. It loads the content-hashed glue, Wasm and
//    stylesheet relative to its own URL, so the folder works from any path or origin, then
//    defines <folio-viewer>.
//  - folio-standalone.html: one file with the Wasm, JS, CSS and demo data inlined, which works
//    when opened straight from disk (file://), where a page cannot fetch its .wasm.
//  - packed/: the viewer built to read packed archives (`folio pack`) a view at a time, with the
//    demo data packed beside it (packed/archive/) and its own folio.js and standalone page. It
//    is a second Wasm: a packed archive needs neither the whole-file loader nor its in-memory
//    search index, and leaving them out keeps each Wasm within the size budget. The main
//    folio.js hands over to it when a <folio-viewer> names an archive.
//  - site/: the app of the sites `folio build` writes: the islands' Wasm, the search page's
//    packed viewer, their loader (scripts/site-loader.js as folio.js) and the page template the
//    build fills in.
//  - index.html gets its first view (the list of all articles) rendered by the viewer's own
//    components natively (`folio prerender`), so it paints from HTML before the Wasm arrives.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A stylesheet as shipped: its comments (the why, for whoever reads styles/) and blank lines
 * left out, which readers need not download. No string or URL in styles/ holds a comment's
 * marks. */
const bare = (css) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n\s*\n+/g, '\n');

/** A loader as shipped: its opening comment (how to use it) kept, the comments on whole lines
 * after it (the why, for whoever reads scripts/) left out, which every first view downloads. No
 * string or regex in the loaders starts a line with a comment's marks. */
const bareJs = (js) => {
  const head = js.match(/^(\/\/.*\n)+/)?.[0] ?? '';
  return head + js.slice(head.length)
    .replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '')
    .replace(/^[ \t]*\/\/.*\n/gm, '')
    .replace(/\n\s*\n+/g, '\n');
};

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('post-build: TRUNK_STAGING_DIR is not set (run through trunk build)');
const files = await readdir(dir);
// Only the viewer's page (index.html) gets these; other Trunk builds (the wasm benchmark page)
// pass through.
const viewerBuild = (await readFile(join(dir, 'index.html'), 'utf8')).includes('data-folio-standalone');
if (!viewerBuild) process.exit(0);
const glue = files.find((f) => /^folio-viewer-[0-9a-f]+\.js$/.test(f));
const wasm = files.find((f) => /^folio-viewer-[0-9a-f]+_bg\.wasm$/.test(f));
if (!glue || !wasm) throw new Error(`post-build: no folio glue or wasm in ${dir}: ${files.join(', ')}`);

// The standalone page loads through folio.js too, so it has no inline script and works under a
// strict Content-Security-Policy (script-src 'self').
const indexPath = join(dir, 'index.html');
const index = await readFile(indexPath, 'utf8');
const loader = /<script type="module">\s*import init, \* as bindings from[\s\S]*?<\/script>/;
if (!loader.test(index)) throw new Error('post-build: Trunk\'s loader script was not found in index.html');
let page = index.replace(loader, '<script type="module" src="./folio.js"></script>');
// Nothing competes with the first paint: the page preloads no Wasm and no data (folio.js
// fetches them when the viewer is to start, below), and its glue module at low priority.
page = page
  .replace(/<link rel="preload" href="\.\/folio-viewer-[^"]*_bg\.wasm"[^>]*>/g, '')
  .replace(/<link rel="modulepreload"[^>]*?(?=\/?>)/g, (tag) => (tag.includes('fetchpriority') ? tag : `${tag} fetchpriority="low"`));
// One stylesheet instead of one per component: a single render-blocking request on first view.
const sheets = [...page.matchAll(/<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>/g)];
if (sheets.length > 1) {
  const css = bare((await Promise.all(sheets.map(([, file]) => readFile(join(dir, file), 'utf8')))).join('\n'));
  const digest = createHash('sha384').update(css).digest();
  const name = `folio-${digest.subarray(0, 8).toString('hex')}.css`;
  await writeFile(join(dir, name), css);
  const link = `<link rel="stylesheet" href="./${name}" integrity="sha384-${digest.toString('base64')}"/>`;
  sheets.forEach(([tag], i) => { page = page.replace(tag, i === 0 ? link : ''); });
}
const separateSheets = sheets.length > 1 ? sheets.map(([, file]) => file) : [];
await writeFile(indexPath, page);

// folio.js, written once the stylesheet has its final name: each <folio-viewer> gets the same
// sheet in its shadow root, fetched beside the Wasm (it is not compiled into the Wasm).
const sheet = page.match(/<link rel="stylesheet" href="\.\/([^"]+\.css)"/)?.[1];
if (!sheet) throw new Error('post-build: no stylesheet link in index.html');

/** The end of a folio.js (the main one and packed/'s), the body of a function that returns
 * the promise of the viewer being defined: fetch the stylesheet at `sheetPath` for the shadow
 * roots while `wasmFile` loads, then define <folio-viewer> with `dataUrl` (JS) as the default
 * `src`. No top-level await, and every asset named in its own `new URL('./file',
 * import.meta.url)`: bundlers (Vite, webpack) then ship each file and rewrite its URL, and
 * their default targets accept the module (the npm package is these files). */
const defineViewer = (wasmFile, sheetPath, dataUrl) => `  // The standalone page links the stylesheet itself; embedding pages fetch it for the shadow
  // roots, while the Wasm loads.
  const styles = document.querySelector('[data-folio-standalone]')
    ? ''
    : fetch(new URL('${sheetPath}', import.meta.url))
        .then((response) => (response.ok ? response.text() : ''))
        .catch(() => '');
  const wasm = init({ module_or_path: new URL('./${wasmFile}', import.meta.url) });
  return Promise.all([wasm, styles]).then(([, css]) => defineFolioViewer(${dataUrl}, css));
`;

// Offline reading of the standalone page: the service worker its folio.js registers.
await cp(new URL('./offline-sw.js', import.meta.url), join(dir, 'folio-sw.js'));

/** The offline reading's registration both loaders share (see that file). */
const offlineRegister = (await readFile(new URL('./offline-register.js', import.meta.url), 'utf8'))
  .replace(/^(\/\/.*\n)+\n/, '');

await writeFile(
  join(dir, 'folio.js'),
  bareJs(`// Folio article viewer, embeddable build: <script type="module" src=".../folio.js"></script>
// then <folio-viewer></folio-viewer>, or \`import 'folio-viewer'\` in a bundled app. Everything
// else is found relative to this file. \`ready\` resolves once <folio-viewer> is defined.
// A viewer that names a packed archive (its folder, ending in /, or its manifest.json) needs
// the packed build: hand over to it.
const archive = /([/]|manifest[.]json)$/;
const packed = [...document.querySelectorAll('folio-viewer[src]')].some((el) => archive.test(el.getAttribute('src')));
export const ready = packed ? import('./packed/folio.js').then((build) => build.ready) : start();

function start() {
  // A pre-rendered standalone page shows the list; an address naming another view must not
  // show it while the Wasm loads. An article's view was pre-rendered beside the page
  // (\`folio prerender\`): it is shown at once, and the viewer hydrates it as it would the list.
  // Any other view shows a loading note, and the viewer renders it.
  const prerendered = document.querySelector('[data-folio-prerendered]');
  const list = prerendered && /^(#\\/?)?$/.test(location.hash);
  const shown = prerendered && !list ? showView(prerendered) : Promise.resolve(list);
  if (prerendered) keepEarlyInput(prerendered);
  // On the standalone page nothing competes with the first paint. A pre-rendered view reads
  // and links without code: for a new reader the viewer starts at their first touch, key,
  // pointer or scroll (what they did is kept: typing above, a link's hash when the viewer
  // starts); a returning reader's settings and read markers apply once the page has painted.
  // Any other view needs the viewer: its code and data are fetched at once and it starts once
  // the page has painted. An embedding page defines the element at once.
  const standalone = document.querySelector('[data-folio-standalone]');
  if (!standalone) return define();
  // The standalone page (never an embedding one) keeps what it reads for reading offline;
  // whether its worker controls it is known before anything else is fetched.
  const controlled = Boolean(navigator.serviceWorker?.controller);
  const registered = offline(new URL('./folio-sw.js', import.meta.url));
  const touched = firstInteraction();
  const early = () => {
    preload(new URL('./${wasm}', import.meta.url).href, 'application/wasm');
    preload(new URL('./articles.json', import.meta.url).href);
  };
  // A returning reader's viewer starts once the page has painted: its files come at once.
  if (returning()) early();
  return shown.then((view) => {
    if (!view && !returning()) early();
    return view && !returning() ? touched : afterFirstPaint();
  }).then(define).then((defined) => {
    // What the viewer loads (its code, then its data) may arrive after the worker took the
    // page's list, uncontrolled: listed again once the viewer is live.
    if (!controlled) live(standalone).then(() => registered).then(keepLoaded);
    return defined;
  });
}

/** Resolves once the viewer in \`root\` is live (it has read its data, or failed to, and has
 * rendered). */
function live(root) {
  return new Promise((resolve) => {
    const check = () => {
      if (!root.querySelector('[data-folio-live]')) return false;
      watching.disconnect();
      resolve();
      return true;
    };
    const watching = new MutationObserver(check);
    if (!check()) watching.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-folio-live'] });
  });
}

/** Shows the view a deep link names in \`root\` (pre-rendered from the data of the list it
 * held): an article's fragment from views/article/, when it names the same data; otherwise a
 * loading note, and the root no longer claims to hold a pre-rendered view. Resolves to whether
 * the fragment is shown. (The folder, the mark and the root's attributes are the page's
 * contract with the viewer, spelled as in folio_core::page.) */
function showView(root) {
  const hash = location.hash;
  const fingerprint = root.getAttribute('data-folio-prerendered');
  const loading = Object.assign(document.createElement('p'), {
    className: 'folio-app__loading',
    textContent: document.documentElement.lang.startsWith('en') ? 'Loading articles…' : '正在加载文章……',
  });
  loading.setAttribute('role', 'status');
  root.replaceChildren(loading);
  root.removeAttribute('data-folio-prerendered');
  const article = hash.match(/^#\\/article\\/([^/?#]+)$/);
  if (!article) return Promise.resolve(false);
  // The view names the data it was rendered from and the hash that names it, as the viewer
  // writes it: a host's other page, a view of other data, or one a file system took for
  // another id's (two ids differing only in case) is never shown.
  const mark = \`<!--folio:\${fingerprint} \${hash}-->\`;
  return fetch(new URL(\`./views/article/\${article[1]}.html\`, import.meta.url))
    .then((response) => (response.ok ? response.text() : ''))
    .catch(() => '')
    .then((text) => {
      // The reader may have moved on meanwhile (Back, another link).
      if (!text.startsWith(mark) || location.hash !== hash) return false;
      root.innerHTML = text.slice(mark.length);
      root.setAttribute('data-folio-view', hash);
      root.setAttribute('data-folio-prerendered', fingerprint);
      return true;
    });
}

/** A returning reader: settings or read markers stored by an earlier visit. */
function returning() {
  try {
    return Boolean(localStorage.getItem('folio:v1:prefs') || localStorage.getItem('folio:v1:read'));
  } catch {
    return false;
  }
}

/** Fetches a file the viewer is about to ask for. */
function preload(href, type) {
  const link = Object.assign(document.createElement('link'), { rel: 'preload', href, as: 'fetch', crossOrigin: 'anonymous' });
  if (type) link.type = type;
  document.head.append(link);
}

/** Resolves at the reader's first interaction with the page. */
function firstInteraction() {
  const kinds = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'focusin', 'wheel', 'scroll', 'click', 'change', 'input'];
  return new Promise((resolve) => {
    const go = () => {
      for (const kind of kinds) removeEventListener(kind, go, true);
      resolve();
    };
    for (const kind of kinds) addEventListener(kind, go, { capture: true, passive: true });
  });
}

/** Loads the viewer's glue (only now: its evaluation is a task of its own, after the first
 * paint) and Wasm, then defines <folio-viewer> and starts the standalone page's viewer. */
function define() {
  return import('./${glue}').then(({ default: init, defineFolioViewer }) => {
${defineViewer(wasm, `./${sheet}`, "new URL('./articles.json', import.meta.url).href")}  });
}

/** Resolves after the next frame has painted (or soon, in a tab that does not paint). */
function afterFirstPaint() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 500);
  });
}

${offlineRegister}
/** What a reader does to the pre-rendered page before the viewer runs is kept: typed text is
 * typed into its box again once the viewer is live (the form is not sent meanwhile: the page
 * would reload), and a click on a button or a changed select is played again on the same
 * element, which the viewer hydrated. */
function keepEarlyInput(root) {
  let typed = null;
  const acted = [];
  const onInput = (event) => {
    if (event.target.matches?.('.folio-search__input')) typed = event.target.value;
  };
  const onSubmit = (event) => {
    if (!root.querySelector('[data-folio-live]')) event.preventDefault();
  };
  const onClick = (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (button) acted.push(() => button.isConnected && button.click());
  };
  const onChange = (event) => {
    const select = event.target;
    if (select instanceof HTMLSelectElement) {
      acted.push(() => select.isConnected && select.dispatchEvent(new Event('change', { bubbles: true })));
    }
  };
  root.addEventListener('input', onInput, true);
  root.addEventListener('submit', onSubmit, true);
  root.addEventListener('click', onClick, true);
  root.addEventListener('change', onChange, true);
  const live = new MutationObserver(() => {
    if (!root.querySelector('[data-folio-live]')) return;
    live.disconnect();
    root.removeEventListener('input', onInput, true);
    root.removeEventListener('submit', onSubmit, true);
    root.removeEventListener('click', onClick, true);
    root.removeEventListener('change', onChange, true);
    for (const act of acted.splice(0)) act();
    const box = root.querySelector('.folio-search__input');
    if (typed === null || !box) return;
    box.value = typed;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: typed }));
  });
  live.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-folio-live'], childList: true });
}
`),
);

await buildPacked(page, sheet);
await buildSite(page, sheet);

// The single file. The glue's snippet imports become data: URLs (file:// pages cannot import
// files either), the Wasm is base64, the data sits in a JSON script element, the search's
// folding table in a text one.
let js = await readFile(join(dir, glue), 'utf8');
for (const [whole, path] of js.matchAll(/from '(\.\/snippets\/[^']+)'/g)) {
  const source = await readFile(join(dir, path), 'utf8');
  js = js.replace(whole, `from 'data:text/javascript;base64,${Buffer.from(source).toString('base64')}'`);
}
const css = bare((await Promise.all(files.filter((f) => f.endsWith('.css')).sort(cssOrder).map((f) => readFile(join(dir, f), 'utf8')))).join('\n'));
const data = (await readFile(join(dir, 'articles.json'), 'utf8')).replace(/</g, '\\u003c');
// The search's folding table (traditional to simplified), which the other builds fetch.
const fold = await readFile(join(dir, 'fold.txt'), 'utf8');
const wasmBase64 = (await readFile(join(dir, wasm))).toString('base64');
const favicon = (await readFile(join(dir, files.find((f) => f.startsWith('favicon')))).toString('base64'));
await writeFile(
  join(dir, 'folio-standalone.html'),
  `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>聊城信息港</title>
<link rel="icon" href="data:image/svg+xml;base64,${favicon}">
<style>
${css}
</style>
</head>
<body class="folio-page">
<div id="folio" data-folio-standalone><p class="folio-app__loading">正在加载文章……</p></div>
<script type="application/json" id="folio-data">${data}</script>
<script type="text/plain" id="folio-fold">${fold}</script>
<script type="module">
${js.replace(/^export default [^;]+;$/m, '').replace(/^export \{[^}]*\};?$/m, '').replace(/^export /gm, '')}
const bytes = Uint8Array.from(atob('${wasmBase64}'), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });
</script>
</body>
</html>
`,
);

/** The packed-archive viewer in packed/ (see the top of this file). */
/** `page` preloading the glue and Wasm of `builds` (each `{ glueName, wasmName }`, beside the
 * page) instead of the data-file build's own. */
function preloading(page, builds) {
  const links = builds.map(({ glueName, wasmName }) => `<link rel="modulepreload" href="./${glueName}"><link rel="preload" href="./${wasmName}" as="fetch" type="application/wasm" crossorigin="anonymous">`);
  return page
    .replace(/<link rel="(?:modulepreload|preload)" href="\.\/(?:folio-viewer-|snippets\/)[^>]*>/g, '')
    .replace('</head>', `${links.join('')}</head>`);
}

/** Builds the viewer with `features` into `out` as `name-HASH_bg.wasm` and `name-HASH.js`
 * (optimised as Trunk optimises the main Wasm); resolves to their file names. */
async function buildWasm(features, name, out, bin = 'folio-viewer') {
  const target = process.env.CARGO_TARGET_DIR ?? 'target';
  execFileSync('cargo', ['build', '--quiet', '--release', '--locked', '--target', 'wasm32-unknown-unknown',
    '-p', 'folio-viewer', '--bin', bin, '--no-default-features', '--features', features], { stdio: 'inherit' });
  const tmp = join(out, '.bindgen');
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', name,
    join(target, `wasm32-unknown-unknown/release/${bin}.wasm`)], { stdio: 'inherit' });
  // The same optimisation Trunk gives the main Wasm (index.html's data-wasm-opt-params).
  const source = await readFile(new URL('../index.html', import.meta.url), 'utf8');
  const params = source.match(/data-wasm-opt-params="([^"]*)"/)?.[1].split(/\s+/).filter(Boolean) ?? [];
  execFileSync('wasm-opt', ['-Oz', ...params, join(tmp, `${name}_bg.wasm`), '-o', join(tmp, 'opt.wasm')], { stdio: 'inherit' });
  const hashOf = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const wasmBytes = await readFile(join(tmp, 'opt.wasm'));
  const wasmName = `${name}-${hashOf(wasmBytes)}_bg.wasm`;
  await writeFile(join(out, wasmName), wasmBytes);
  const glueText = await readFile(join(tmp, `${name}.js`), 'utf8');
  const glueName = `${name}-${hashOf(glueText)}.js`;
  await writeFile(join(out, glueName), glueText);
  if ((await readdir(tmp)).includes('snippets')) await cp(join(tmp, 'snippets'), join(out, 'snippets'), { recursive: true });
  await rm(tmp, { recursive: true });
  return { wasmName, glueName };
}

async function buildPacked(page, sheet) {
  const out = join(dir, 'packed');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const { wasmName, glueName } = await buildWasm('csr,packed,embed', 'folio-archive', out);
  await writeFile(
    join(out, 'folio.js'),
    `// Folio article viewer for packed archives (folio pack): <folio-viewer src=".../archive/">.
// The main folio.js loads this when a viewer names an archive; everything is found relative to it.
import init, { defineFolioViewer } from './${glueName}';

// The demo archive beside this file is the default \`src\` (not a bundled asset: a folder).
const here = import.meta.url;
export const ready = start();

function start() {
${defineViewer(wasmName, `../${sheet}`, "new URL('archive/', here).href")}}
`,
  );
  execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', 'pack',
    join(dir, 'articles.json'), '--out', join(out, 'archive'), '--keep', '1', '--quiet'], { stdio: 'inherit' });
  // The standalone page of the packed demo: the same page, reading archive/ (its entry point
  // is fetched while the Wasm loads; the build's files are named by it, so a page that outlives
  // its archive's build names none of them).
  const packedPage = preloading(page, [{ glueName, wasmName }])
    .replace(/href="\.\/(?!folio\.js|folio-archive-)([^"]+)"/g, 'href="../$1"')
    .replace('data-folio-standalone', 'data-folio-standalone data-folio-src="archive/"')
    .replace(
      '</head>',
      '<link rel="preload" href="archive/manifest.json" as="fetch" crossorigin="anonymous"></head>',
    );
  await writeFile(join(out, 'index.html'), packedPage);
}

/** The app of the sites `folio build` writes (dist/site/, its `--app` folder). Its pages are
 * documents: they read, link and paginate without code. Two Wasm builds serve them: the islands
 * (`folio-islands`: share bar, reader settings, reading progress, hydrated each from its own
 * props after the first paint), and the packed viewer of the search page (`search/`), which
 * reads the site's archive. Its index.html is the template of every page (no preloads: nothing
 * competes with the first paint); its files are copied into each site. */
async function buildSite(page, sheet) {
  const out = join(dir, 'site');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const islands = await buildWasm('hydration,packed,speech', 'folio-islands', out, 'folio-islands');
  const search = await buildWasm('csr,packed,site', 'folio-site-packed', out);
  const source = await readFile(new URL('./site-loader.js', import.meta.url), 'utf8');
  const names = {
    ISLANDS_GLUE: islands.glueName, ISLANDS_WASM: islands.wasmName,
    SEARCH_GLUE: search.glueName, SEARCH_WASM: search.wasmName,
  };
  const loader = source
    .replace(/__(ISLANDS|SEARCH)_(GLUE|WASM)__/g, (_, who, what) => names[`${who}_${what}`])
    .replace(/^\/\/ __OFFLINE_REGISTER__\n/m, () => offlineRegister);
  if (/__[A-Z_]+__/.test(loader)) throw new Error('post-build: scripts/site-loader.js names a file post-build does not know');
  await writeFile(join(out, 'folio.js'), loader);
  // Offline reading: the service worker folio.js registers (a stable name: a browser checks it
  // for a new version on each visit).
  await cp(new URL('./offline-sw.js', import.meta.url), join(out, 'folio-sw.js'));
  const icon = files.find((f) => /^favicon-[0-9a-f]+\.svg$/.test(f));
  for (const file of [sheet, icon].filter(Boolean)) await cp(join(dir, file), join(out, file));
  const sitePage = page
    .replace(/<link rel="(?:modulepreload|preload)" href="\.\/(?:folio-viewer-|snippets\/)[^>]*>/g, '')
    .replace(/<link rel="preload" href="articles\.json"[^>]*>/, '');
  await writeFile(join(out, 'index.html'), sitePage);
}

// Tokens first and print last, like the page's own <link> order.
function cssOrder(a, b) {
  const rank = (f) => (f.startsWith('tokens') ? 0 : f.startsWith('print') ? 2 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}

// The per-component sheets are inside the combined one now (and in the single file).
for (const file of separateSheets) await unlink(join(dir, file));

// Last, so the single file above keeps the plain page: the first view into index.html.
execFileSync('cargo', ['run', '--quiet', '--release', '--locked', '-p', 'folio-cli', '--', 'prerender', dir, '--quiet'], {
  stdio: 'inherit',
});
