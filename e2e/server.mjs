// A small static file server for the end-to-end tests and benchmarks: serves a folder on
// 127.0.0.1 at an ephemeral port, with correct types for .wasm and .json, and optional extra
// headers (the strict-CSP run sets Content-Security-Policy through them).
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The strict policy the whole end-to-end suite runs under once (FOLIO_CSP=1). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * Starts a server for `root`. With FOLIO_CSP=1 in the environment every response carries
 * STRICT_CSP, unless `csp: false` (host pages of the embedding tests, whose own inline code is
 * the host's business). `overrides` maps a path ("/articles.json") to a body served
 * instead of the file (to test bad data without touching the build). `mount` serves the folder
 * below a sub-path (`/news/`), as a site under a sub-path is; `notFound` names the page a
 * missing path gets with its 404 (a built site's `404.html`, as static hosts serve it). Resolves to
 * { url, requests, close }; `requests` lists every path asked for, with its status.
 * `hosted: true` serves as a static host that reads the folder's `_headers` does (Netlify,
 * Cloudflare Pages): its headers for the paths it names, `public, max-age=0, must-revalidate`
 * for the rest (pages revalidated, so only what may be cached is).
 */
export async function serve(root, { headers = {}, overrides = {}, csp = true, mount = '/', notFound, hosted = false } = {}) {
  if (csp && process.env.FOLIO_CSP) headers = { ...headers, 'content-security-policy': STRICT_CSP };
  const base = resolve(root);
  const rules = hosted ? hostRules(await readFile(join(base, '_headers'), 'utf8').catch(() => '')) : [];
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const send = (status, body, type) => {
      requests.push({ path, status });
      // Compressed like any real host serves text and Wasm, so transfer sizes are realistic.
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && body.length > 1024;
      const extra = gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {};
      // Rules name whole paths (`folio build --base-url …/news/` writes `/news/…`).
      const host = hosted ? { 'cache-control': 'public, max-age=0, must-revalidate', ...hostHeaders(rules, path) } : {};
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...host, ...extra, ...headers });
      res.end(gzip ? gzipSync(body) : body);
    };
    if (Object.hasOwn(overrides, path)) {
      const o = overrides[path];
      return send(o.status ?? 200, o.body ?? '', o.type ?? TYPES[extname(path)] ?? 'application/octet-stream');
    }
    const missing = async () => {
      if (!notFound) return send(404, 'not found', 'text/plain');
      send(404, await readFile(join(base, notFound)), TYPES['.html']);
    };
    if (!path.startsWith(mount)) return missing();
    let file = normalize(join(base, path.slice(mount.length - 1)));
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden', 'text/plain');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      send(200, body, TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      await missing();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    requests,
    // Also drop the connections Chromium keeps open (or pre-opens) so closing never waits for
    // their timeouts.
    close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }),
  };
}

/** The rules of a `_headers` file: [pattern, { header: value }], in file order. */
function hostRules(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push([line.trim(), {}]);
    else if (rules.length && line.includes(':')) {
      const at = line.indexOf(':');
      rules.at(-1)[1][line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

/** The headers `_headers` gives a path: those of every rule that matches it (`*` matches any run
 * of characters; a header two rules set takes the later rule's value). */
function hostHeaders(rules, path) {
  const matches = (pattern) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(path);
  return Object.assign({}, ...rules.filter(([pattern]) => matches(pattern)).map(([, h]) => h));
}
