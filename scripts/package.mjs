// `make package`: the npm package `folio-viewer` from the release build in dist/, packed with
// `npm pack` into target/npm/folio-viewer-VERSION.tgz (the version is the workspace's, from
// Cargo.toml). It holds folio.js (the entry: it defines <folio-viewer>), the hashed glue, Wasm
// and stylesheet it names, the demo articles.json (the default `src`), the packed-archive build
// (packed/, without its demo archive) and the TypeScript declarations from npm/.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const OUT = join(ROOT, 'target/npm');
const STAGE = join(OUT, 'folio-viewer');

const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
const version = cargo.match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)?.[1];
if (!version) throw new Error('package: no version in [workspace.package] of Cargo.toml');

const dist = await readdir(DIST);
const pick = (pattern, files = dist) => {
  const found = files.filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`package: expected one ${pattern} in dist/, found ${found.join(', ') || 'none'} (run make build)`);
  return found[0];
};
const main = await readFile(join(DIST, 'folio.js'), 'utf8');
// Exactly the files folio.js names, so a stale file of an earlier build never ships.
const named = (source) => [...source.matchAll(/'\.\/((?:folio|packed)[^']*)'/g)].map(([, f]) => f);
// fold.txt is named by a snippet (the search's folding table, fetched with a data file).
const files = new Set(['folio.js', 'articles.json', 'fold.txt', 'snippets', ...named(main)]);
pick(/^folio-viewer-[0-9a-f]+\.js$/);
const packedDir = await readdir(join(DIST, 'packed'));
const packedMain = await readFile(join(DIST, 'packed/folio.js'), 'utf8');
const packedFiles = ['folio.js', 'snippets', ...named(packedMain)];

await rm(STAGE, { recursive: true, force: true });
await mkdir(join(STAGE, 'packed'), { recursive: true });
for (const file of files) {
  if (file === 'packed/folio.js') continue;
  await cp(join(DIST, file), join(STAGE, file), { recursive: true });
}
for (const file of packedFiles) {
  if (!packedDir.includes(file)) throw new Error(`package: dist/packed/ has no ${file}`);
  await cp(join(DIST, 'packed', file), join(STAGE, 'packed', file), { recursive: true });
}
for (const file of ['folio-viewer.d.ts', 'react.d.ts', 'react.js', 'vue.d.ts', 'vue.js', 'README.md']) {
  await cp(join(ROOT, 'npm', file), join(STAGE, file));
}
await cp(join(ROOT, 'LICENSE'), join(STAGE, 'LICENSE'));
await cp(join(ROOT, 'CHANGELOG.md'), join(STAGE, 'CHANGELOG.md'));

const manifest = {
  name: 'folio-viewer',
  version,
  description: 'Article viewer for news sites as a custom element, <folio-viewer>: lists, articles, CJK search, share widget (Rust/WebAssembly)',
  license: 'MIT',
  keywords: ['custom-element', 'web-component', 'news', 'articles', 'cjk', 'search', 'webassembly'],
  type: 'module',
  main: './folio.js',
  module: './folio.js',
  types: './folio-viewer.d.ts',
  exports: {
    '.': { types: './folio-viewer.d.ts', default: './folio.js' },
    './react': { types: './react.d.ts', default: './react.js' },
    './vue': { types: './vue.d.ts', default: './vue.js' },
    './articles.json': './articles.json',
    './package.json': './package.json',
  },
  // Importing the entry defines the element; the rest is reached from it.
  sideEffects: ['./folio.js', './packed/folio.js'],
  files: [...[...files].filter((f) => f !== 'packed/folio.js'), 'packed', 'folio-viewer.d.ts', 'react.d.ts', 'react.js', 'vue.d.ts', 'vue.js', 'CHANGELOG.md'],
};
await writeFile(join(STAGE, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', OUT], { cwd: STAGE, encoding: 'utf8' }))[0];
const tarball = join(OUT, packed.filename);
console.log(`package: ${tarball}: ${packed.entryCount} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
if ((await stat(tarball)).size !== packed.size) throw new Error('package: npm pack reported another size');
