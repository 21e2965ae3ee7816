// Folio's offline reading: the service worker of the sites `folio build` writes and of the
// standalone page (shipped as folio-sw.js beside their folio.js, which registers it after the
// page has loaded; an embedded <folio-viewer> registers nothing). Its own small script: no
// Wasm, no build step.
//
//  - Pages (articles, lists, the search page): from the network while there is one, and kept as
//    they arrive; offline, the kept copy, with a quiet note saying when it was saved; a page
//    never kept gets an offline page listing the articles that are.
//  - Files named by their content (the app's hashed files, share/ pictures, the archive's
//    builds in archive/b/BUILD/): from the cache first, kept as they arrive. The archive's
//    entry point (archive/manifest.json), the loader (folio.js), the web app manifest, data
//    files and the standalone page's pre-rendered articles (views/): from the network, the
//    kept copy offline. An archive is read whole from one build (its files are
//    named by it), so the cache never mixes two builds; files of builds the last two manifests
//    do not name are dropped.
//  - Bounded: the last LIMITS.articles articles and LIMITS.lists lists opened, nothing older
//    than LIMITS.days, and LIMITS.bytes in all (the oldest go first).
const LIMITS = { articles: 50, lists: 20, days: 30, bytes: 10 * 2 ** 20 };
const scope = new URL(self.registration.scope);
// Named by the scope: two Folio sites on one origin (two project sites of one host) keep, count
// and list their own.
const PAGES = `folio-pages-v1 ${scope.pathname}`;
const FILES = `folio-files-v1 ${scope.pathname}`;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The page that registered the worker loaded before it: it names itself and the site's files
// it loaded, which are kept now (from the browser's cache, mostly). It is told when they are.
self.addEventListener('message', (event) => {
  const urls = Array.isArray(event.data?.keep) ? event.data.keep.filter((u) => typeof u === 'string') : [];
  event.waitUntil((async () => {
    for (const href of urls) {
      const url = new URL(href);
      if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) continue;
      const path = url.pathname.slice(scope.pathname.length);
      const saving = [];
      const later = (work) => saving.push(work);
      try {
        if (href === urls[0]) await page(new Request(href), url, path, later);
        else await strategy(path)?.(new Request(href), path, later);
      } catch { /* offline meanwhile: kept next time */ }
      await Promise.all(saving);
    }
    await trim();
    event.source?.postMessage({ kept: urls.length });
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  // A page the browser prefetches by the site's speculation rules (the reader points at its
  // link) is not one they read: left to the network, never kept. Opened, it is kept when its
  // loader names it (the message above).
  if (request.mode === 'navigate' && request.headers.get('sec-purpose')?.includes('prefetch')) return;
  const path = url.pathname.slice(scope.pathname.length);
  // Saving runs after the response is on its way: a failed save never fails or delays a page.
  const later = (work) => event.waitUntil(work.then(trimSoon).catch(() => {}));
  const read = request.mode === 'navigate' ? page : strategy(path);
  if (read === page) event.respondWith(page(request, url, path, later));
  else if (read) event.respondWith(read(request, path, later));
});

/** How a file below the scope is read: `cacheFirst`, `networkFirst`, or not at all (null:
 * the browser fetches it as if there were no worker). */
function strategy(path) {
  if (immutable(path)) return cacheFirst;
  // A snippet's folder names the crate that wrote it, not its content; fold.txt is the
  // search's folding table, fetched with a data file; views/ holds the standalone page's
  // pre-rendered articles (`folio prerender`), rewritten by each build.
  const named = ['folio.js', 'manifest.webmanifest', 'fold.txt'];
  if (named.includes(path) || path.endsWith('.json') || path.startsWith('snippets/') || path.startsWith('views/')) {
    return networkFirst;
  }
  return null;
}

/** True for a file named by its content (or its archive build). Trunk writes its 64-bit hash
 * without leading zeros: 15 digits in one build of sixteen. */
function immutable(path) {
  return /(^|\/)archive\/b\//.test(path) || path.startsWith('share/')
    || /-[0-9a-f]{12,16}(_bg)?\.(js|css|wasm|svg)$/.test(path);
}

/** What kind of page `path` is: `article`, or `list` (lists, channels, the search page). */
const kind = (path) => (path.startsWith('article/') ? 'article' : 'list');

/** A page from the network, kept (a Folio page only: one that carries its marks); offline,
 * the kept copy (noted) or the offline page. */
async function page(request, url, path, later) {
  // The search page is one shell whatever its query.
  const key = url.origin + url.pathname;
  try {
    const response = await fetch(request);
    const type = response.headers.get('content-type') || '';
    if (response.ok && type.includes('text/html') && !response.redirected) {
      later(response.clone().text().then((text) => {
        if (!/class="folio-page"|data-folio-standalone/.test(text)) return undefined;
        return keep(PAGES, key, text, type, { kind: kind(path), title: titleOf(text), lang: langOf(text) });
      }));
    }
    return response;
  } catch (offline) {
    const kept = await (await caches.open(PAGES)).match(key);
    return kept ? noted(kept) : offlinePage();
  }
}

/** A file from the cache, else from the network, kept. */
async function cacheFirst(request, path, later) {
  const kept = await (await caches.open(FILES)).match(request.url);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.status === 200) {
    const type = response.headers.get('content-type') || '';
    later(response.clone().arrayBuffer().then((body) => keep(FILES, request.url, body, type, { kind: app(path) ? 'app' : 'file' })));
  }
  return response;
}

/** A file from the network, kept; offline, the kept copy. A new archive manifest drops the
 * files of builds neither it nor the one before names. */
async function networkFirst(request, path, later) {
  const cache = await caches.open(FILES);
  let response;
  try {
    response = await fetch(request, { cache: 'no-cache' });
  } catch (offline) {
    const kept = await cache.match(request.url);
    if (kept) return kept;
    throw offline;
  }
  if (response.ok && response.status === 200) {
    const type = response.headers.get('content-type') || '';
    later(response.clone().arrayBuffer().then(async (body) => {
      if (/(^|\/)archive\/manifest\.json$/.test(path)) await forgetBuilds(cache, request.url, body);
      await keep(FILES, request.url, body, type, { kind: app(path) ? 'app' : 'file' });
    }));
  }
  return response;
}

/** True for the app's own files (its code, stylesheet, icons, loader), which every kept page
 * needs: they go last when the cache is over its size, and never for their age. */
const app = (path) => !/(^|\/)archive\//.test(path) && !path.endsWith('.json') && !path.startsWith('views/');

/** Keeps `body` under `key` with when it was saved, its size and what it is, then trims. */
async function keep(name, key, body, type, facts) {
  const size = typeof body === 'string' ? new Blob([body]).size : body.byteLength;
  const headers = new Headers({
    'content-type': type,
    'x-folio-saved': String(Date.now()),
    'x-folio-bytes': String(size),
    'x-folio-kind': facts.kind,
  });
  if (facts.title) headers.set('x-folio-title', encodeURIComponent(facts.title));
  if (facts.lang) headers.set('x-folio-lang', facts.lang);
  await (await caches.open(name)).put(key, new Response(body, { headers }));
}

/** One trim for the saves of a moment (each save would read every entry again). */
let trimming = null;
function trimSoon() {
  trimming ??= new Promise((resolve) => setTimeout(resolve, 1000)).then(trim).finally(() => { trimming = null; });
  return trimming;
}

/** Everything kept, newest first: { cache, key, saved, bytes, kind, title }. */
async function kept() {
  const all = [];
  for (const name of [PAGES, FILES]) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const h = response?.headers;
      all.push({
        cache,
        key: request.url,
        saved: Number(h?.get('x-folio-saved')) || 0,
        bytes: Number(h?.get('x-folio-bytes')) || 0,
        kind: h?.get('x-folio-kind') || 'file',
        title: decodeURIComponent(h?.get('x-folio-title') || ''),
        lang: h?.get('x-folio-lang') || '',
      });
    }
  }
  return all.sort((a, b) => b.saved - a.saved);
}

/** Drops what is over the limits: pages and data too old or past the count of their kind,
 * then, past the bytes, the oldest pages and data before the app's own files. */
async function trim() {
  const oldest = Date.now() - LIMITS.days * 864e5;
  const counts = { article: 0, list: 0 };
  const cap = { article: LIMITS.articles, list: LIMITS.lists };
  const all = await kept();
  // The app's files first: the bytes count them before anything else, so they go last.
  all.sort((a, b) => (b.kind === 'app') - (a.kind === 'app'));
  let bytes = 0;
  for (const entry of all) {
    counts[entry.kind] = (counts[entry.kind] ?? 0) + 1;
    bytes += entry.bytes;
    const old = entry.kind !== 'app' && entry.saved < oldest;
    if (old || counts[entry.kind] > (cap[entry.kind] ?? Infinity) || bytes > LIMITS.bytes) {
      await entry.cache.delete(entry.key);
      bytes -= entry.bytes;
    }
  }
}

/** Drops the kept files of archive builds that neither the new manifest (`body`, at address
 * `manifest`) nor the kept one names. */
async function forgetBuilds(cache, manifest, body) {
  const build = (text) => { try { return JSON.parse(text).build; } catch { return null; } };
  const keepBuilds = new Set([build(new TextDecoder().decode(body))]);
  const before = await cache.match(manifest);
  if (before) keepBuilds.add(build(await before.text()));
  const folder = new URL('b/', manifest).href;
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(folder)) continue;
    if (!keepBuilds.has(request.url.slice(folder.length).split('/')[0])) await cache.delete(request);
  }
}

/** The language of a page's HTML (`<html lang>`), zh-CN when it names none. */
const langOf = (html) => /<html[^>]*\slang="([^"]*)"/i.exec(html)?.[1] || 'zh-CN';

/** The `<title>` of a page's HTML, its character references read. */
function titleOf(html) {
  const raw = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1] ?? '';
  return raw.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]);
}

/** Text as HTML text. */
const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The words of the notes in the page's language (zh-CN unless it says English). */
function words(lang) {
  return lang.startsWith('en')
    ? { saved: 'Offline: saved', title: 'You are offline', none: 'This page was not saved for reading offline. Connect to the internet to open it.', list: 'Saved articles', empty: 'No article saved yet: articles you open are kept for reading offline.', home: 'Home' }
    : { saved: '离线阅读：保存于', title: '网络未连接', none: '这个页面没有保存，连上网络后再打开。', list: '已保存的文章', empty: '还没有保存的文章：打开过的文章会保存下来，供离线阅读。', home: '首页' };
}

/** A kept page with a quiet note, after its `<body>`, of when it was saved. */
async function noted(response) {
  const html = await response.text();
  const lang = langOf(html);
  const saved = new Date(Number(response.headers.get('x-folio-saved')) || Date.now());
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(saved);
  const note = `<p class="folio-offline-note" role="status">${escape(words(lang).saved)} ${escape(when)}</p>`;
  const body = html.replace(/<body[^>]*>/i, (tag) => tag + note);
  return new Response(body, { headers: { 'content-type': response.headers.get('content-type') || 'text/html' } });
}

/** The page for an address never kept, in the site's language (its pages'): what happened, and
 * the articles kept, newest first. */
async function offlinePage() {
  const all = await kept();
  const articles = all.filter((e) => e.kind === 'article');
  const lists = all.filter((e) => e.kind === 'list');
  const lang = all.find((e) => e.lang)?.lang || 'zh-CN';
  const w = words(lang);
  const items = articles.map((e) => `<li><a href="${escape(e.key)}">${escape(e.title.split(' - ')[0] || e.key)}</a></li>`).join('');
  const home = lists.find((e) => e.key === scope.href) ? `<p><a href="${escape(scope.href)}">${escape(w.home)}</a></p>` : '';
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(w.title)}</title><style>body{font:1.0625rem/1.8 system-ui,"Noto Sans CJK SC",sans-serif;max-width:42em;margin:0 auto;padding:1rem;color:#1f1f1f}a{color:#0b4f8a}li{margin:.5rem 0}</style></head>
<body><main><h1>${escape(w.title)}</h1><p>${escape(w.none)}</p>${home}<h2>${escape(w.list)}</h2>${items ? `<ul>${items}</ul>` : `<p>${escape(w.empty)}</p>`}</main></body></html>`;
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
