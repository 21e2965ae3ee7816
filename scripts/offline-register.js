// Offline reading's registration, shared by the two loaders: the standalone page's folio.js
// (written by scripts/post-build.mjs) and a built site's (scripts/site-loader.js). post-build
// puts this text where each names __OFFLINE_REGISTER__.

/** Registers the offline reading's service worker (`worker`, scripts/offline-sw.js, for the
 * folder it sits in) once the page has loaded and the browser is idle, so nothing of it
 * competes with the first paint; the page and the files it loaded are kept as it starts.
 * Resolves to the registration (never, where there is no worker: another origin, file://). */
function offline(worker) {
  if (!('serviceWorker' in navigator) || worker.origin !== location.origin || !location.protocol.startsWith('http')) {
    return new Promise(() => {});
  }
  return new Promise((resolve) => {
    const register = () => navigator.serviceWorker.register(worker, { scope: new URL('./', worker).href })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        keepLoaded(registration);
        resolve(registration);
      })
      .catch((error) => console.warn('Folio: no offline reading', error));
    const idle = () => (window.requestIdleCallback ? requestIdleCallback(register, { timeout: 4000 }) : setTimeout(register, 200));
    if (document.readyState === 'complete') idle();
    else addEventListener('load', idle, { once: true });
  });
}

/** Keeps this page and the files below the worker's scope that it has loaded: they came before
 * the worker, or while it was starting (a loader calls this again once its code has run). */
function keepLoaded(registration) {
  const loaded = performance.getEntriesByType('resource').map((entry) => entry.name.split('#')[0]);
  registration.active?.postMessage({ keep: [location.href.split('#')[0], ...loaded.filter((url) => url.startsWith(registration.scope))] });
}
