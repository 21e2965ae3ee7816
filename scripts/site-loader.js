// Folio, for the pages `folio build` writes (shipped as folio.js at the site's root; the
// __…__ names are the content-hashed files scripts/post-build.mjs fills in).
//
// A page is a whole document: it reads, links and paginates without this script. The script
//  - makes the page's islands interactive (share bar, reader settings, reading progress) at
//    the reader's first touch, key, pointer or scroll (or, for a not-found page and a reader
//    with stored settings, once the page has loaded and the browser is idle); a click on an
//    island's button before then is played again once its code runs;
//  - prefetches the page a reader is about to open (pointer over a link, focus, touch), so
//    the next page shows sooner, unless the browser does it by the site's speculation rules;
//  - on the first focus of a search box, prefetches the search page, its viewer and the
//    archive's entry point;
//  - on the search page (search/), starts the viewer that reads the site's packed archive;
//  - once the page has loaded and the browser is idle, registers the site's service worker
//    (folio-sw.js, scripts/offline-sw.js), which keeps the pages read for reading offline.
const here = import.meta.url;
const siteRoot = new URL('./', here).href;
const searchPage = document.querySelector('[data-folio-standalone]');
// Offline reading: the worker registers once the page has loaded and the browser is idle.
const registered = offline(new URL('./folio-sw.js', here));

// An old link of the single-page viewer (`#/article/<id>`) opens its page; an old search
// address of a list page (`channel/x/?q=…`) opens the search page.
const moved = oldHashLink(location.hash) ?? oldSearch();
if (moved) location.replace(siteRoot + moved);
else if (searchPage) {
  // The search page changes its address as the reader moves between views: the icon link
  // must not be resolved against each new one.
  for (const icon of document.querySelectorAll('link[rel~=icon]')) icon.setAttribute('href', icon.href);
  keepTyping(searchPage);
  load('./__SEARCH_GLUE__', './__SEARCH_WASM__');
} else {
  islands();
}
prefetching();

// __OFFLINE_REGISTER__

/** The page of an old hash route, relative to the root (as `Route::to_path` writes it), or
 * null: `#/article/<id>` -> `article/<id>/`, `#/channel/<id>?page=2` -> `channel/<id>/page/2/`,
 * a search -> `search/?…`. */
function oldHashLink(hash) {
  const match = /^#\/(?:(article|channel)\/([^/?]+))?\/?(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  const [, kind, id, query = ''] = match;
  if (kind === 'article') return `article/${id}/`;
  const params = new URLSearchParams(query);
  const page = params.get('page');
  params.delete('page');
  if ([...params.keys()].length) {
    // Encoded as Route::to_path encodes (%20, never +).
    const pairs = [...(id ? [['channel', decodeURIComponent(id)]] : []), ...params, ...(page ? [['page', page]] : [])];
    return `search/?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
  }
  const folder = kind ? `channel/${id}/` : '';
  return page && page !== '1' ? `${folder}page/${page}/` : folder || null;
}

/** The search page of an earlier build's list address with a search in its query
 * (`channel/lc-news/?q=质量` -> `search/?channel=lc-news&q=质量`), or null. */
function oldSearch() {
  if (searchPage || !location.search) return null;
  const params = new URLSearchParams(location.search);
  if (!['q', 'source', 'tag', 'from', 'to', 'sort'].some((key) => params.has(key))) return null;
  const path = location.href.split(/[?#]/)[0].slice(siteRoot.length);
  const channel = /^channel\/([^/]+)\//.exec(path)?.[1];
  const pairs = [...(channel ? [['channel', decodeURIComponent(channel)]] : []), ...params];
  return `search/?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

/** Text typed into the search page's box before its viewer takes the page over is typed into
 * the viewer's box again, so it is searched. */
function keepTyping(root) {
  let typed = null;
  const onInput = (event) => {
    if (event.target.matches?.('.folio-search__input')) typed = event.target.value;
  };
  root.addEventListener('input', onInput, true);
  const live = new MutationObserver(() => {
    const box = root.querySelector('[data-folio-live] .folio-search__input');
    if (!box) return;
    live.disconnect();
    root.removeEventListener('input', onInput, true);
    if (typed === null || typed === box.value) return;
    box.value = typed;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: typed }));
  });
  live.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-folio-live'] });
}

/** Imports a wasm-bindgen glue module and starts its Wasm; once it runs, what it loaded is
 * kept for reading offline, unless the worker already controlled the page (it may have come
 * while the worker was starting). */
function load(glue, wasm) {
  const controlled = Boolean(navigator.serviceWorker?.controller);
  return import(glue).then(({ default: init }) => init({ module_or_path: new URL(wasm, here) })).then((started) => {
    if (!controlled) registered.then(keepLoaded);
    return started;
  });
}

/** The islands of the page, after the first paint (see the top of this file). */
function islands() {
  if (!document.querySelector('[data-folio-island]')) return;
  let started = null;
  let ready = false;
  const clicked = [];
  const start = () => {
    started ??= load('./__ISLANDS_GLUE__', './__ISLANDS_WASM__')
      .then(() => {
        // From here the islands' own handlers answer; what came before is played again on
        // the same elements (hydration keeps them) once the hydration has run.
        ready = true;
        return new Promise((resolve) => setTimeout(resolve));
      })
      .then(() => {
        for (const button of clicked.splice(0)) if (button.isConnected) button.click();
      })
      .catch((error) => console.error('Folio: the islands did not start', error));
    return started;
  };
  // A button of an island clicked before its code ran: kept, and clicked again once it runs.
  document.addEventListener('click', (event) => {
    if (ready) return;
    const button = event.target instanceof Element ? event.target.closest('[data-folio-island] button') : null;
    if (!button) return;
    clicked.push(button);
    start();
  }, { capture: true });
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'focusin', 'wheel', 'scroll']) {
    addEventListener(type, start, { once: true, passive: true, capture: true });
  }
  // Without the reader doing anything, the islands wait for them, except where they show
  // something the HTML could not (the address a not-found page was served at) or apply what
  // a returning reader chose (theme, text size): then once the page has loaded and the browser
  // is idle.
  const now = document.querySelector('[data-folio-island*="missing"]') || storedPrefs();
  if (!now) return;
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(start, { timeout: 4000 }) : setTimeout(start, 200));
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

/** True when an earlier visit stored reader settings. */
function storedPrefs() {
  try {
    return Boolean(localStorage.getItem('folio:v1:prefs'));
  } catch {
    return false;
  }
}

/** `<link rel=prefetch>` for each address once. */
function prefetch(urls, done) {
  for (const url of urls) {
    if (done.has(url)) continue;
    done.add(url);
    const link = document.createElement('link');
    link.rel = 'prefetch';
    link.href = url;
    document.head.append(link);
  }
}

/** True when the host sent the site's speculation rules with the page (`folio build` writes
 * them and names them in `_headers`): the browser then prefetches the pages itself, and uses
 * its copy even where pages are sent with `max-age=0`, which a `<link rel=prefetch>` copy is
 * not; a link prefetch would fetch the page a second time. */
function speculating() {
  // Looked up until found (the rules may come after the first pointer moves), then known.
  speculating.found ||= performance.getEntriesByType('resource').some((entry) => entry.name === speculationRules);
  return speculating.found;
}
const speculationRules = new URL('./speculation-rules.json', here).href;

/** Prefetches the site's page a reader is about to open, and the search when they look for it. */
function prefetching() {
  const done = new Set([location.href.split('#')[0]]);
  const ahead = (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.matches('.folio-search__input')) {
      prefetch([`${siteRoot}search/`, new URL('./__SEARCH_GLUE__', here).href, new URL('./__SEARCH_WASM__', here).href,
        `${siteRoot}archive/manifest.json`], done);
      return;
    }
    const link = target?.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) return;
    // The rules prefetch what a pointer rests on or presses, not what the keyboard focuses
    // (a click focuses its link too, but not visibly: that one the rules have fetched).
    const keyboard = event.type === 'focusin' && link.matches(':focus-visible');
    if (!keyboard && speculating()) return;
    const url = link.href.split('#')[0];
    // Pages of this site only (not the feeds, not other sites).
    if (!url.startsWith(siteRoot) || /\.(xml|json|txt)$/.test(new URL(url).pathname)) return;
    prefetch([url], done);
  };
  for (const type of ['pointerover', 'focusin', 'touchstart']) {
    document.addEventListener(type, ahead, { passive: true, capture: true });
  }
}
