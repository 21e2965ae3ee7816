// What the benchmarks share. docs/figures.md, the one file of figures: `make bench` writes its
// body, and each other benchmark (`make bench-archive`, `make bench-import`, `make
// bench-site`) its own marked section, which the others carry over as it is. Also: timing a
// command (wall time and peak memory) and escaping the HTML pages the benchmarks write.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

export const FIGURES = new URL('../docs/figures.md', import.meta.url).pathname;
const marks = (name) => [`<!-- bench-${name}:start -->`, `<!-- bench-${name}:end -->`];

/** Writes `lines` as the section `name` of the file, replacing the one there or appended. */
export async function writeSection(name, lines) {
  const [start, end] = marks(name);
  const section = `${start}\n${lines.join('\n')}\n${end}`;
  const old = existsSync(FIGURES) ? await readFile(FIGURES, 'utf8') : '';
  const next = old.includes(start) ? old.replace(new RegExp(`${start}[\\s\\S]*${end}`), section) : `${old.trimEnd()}\n\n${section}\n`;
  await writeFile(FIGURES, next);
}

/** The sections of these names the file holds now, as they are. */
export async function sections(names) {
  const old = existsSync(FIGURES) ? await readFile(FIGURES, 'utf8') : '';
  return names
    .map((name) => {
      const [start, end] = marks(name);
      return old.match(new RegExp(`${start}[\\s\\S]*${end}`))?.[0];
    })
    .filter(Boolean);
}

/** Text made safe for an HTML page the benchmarks write. */
export const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** Runs a command under /usr/bin/time: wall seconds, peak memory in MiB, its exit status and
 * its standard error (without time's own line). Throws when it fails, unless `check` is false. */
export function timed(command, args, { check = true } = {}) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const lines = run.stderr.trim().split('\n');
  const [seconds, kib] = lines.pop().split(' ').map(Number);
  const stderr = lines.join('\n');
  if (check && run.status !== 0) throw new Error(`${command} failed: ${stderr.slice(-2000)}`);
  return { seconds, mib: kib / 1024, status: run.status, stderr };
}
