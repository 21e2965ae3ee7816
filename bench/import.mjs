// `make bench-import` (and the end of `make bench`): `folio import` speed on local files. The
// generated articles (`folio gen`) are written as article pages in the portal layout of the seed
// page (breadcrumb, title, 发布/来源/编辑 meta line, body, byline, share bar, 相关文章, footer),
// then one `folio import FOLDER` reads them all; the table gives pages per second and peak
// memory, and checks that every page came back as an article. SIZES=1000 for a quick run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { escapeHtml, timed, writeSection } from './figures.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const FOLIO = `${ROOT}target/release/folio`;
const SIZES = (process.env.SIZES || '10000').split(',').map(Number);
const pad = (n) => String(n).padStart(2, '0');

const lines = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};

/** An article as its portal prints it. */
function page(article, channelName) {
  const at = new Date(article.published);
  // The portal prints Beijing time without an offset.
  const local = new Date(at.getTime() + 8 * 3600 * 1000);
  const stamp = `${local.getUTCFullYear()}-${local.getUTCMonth() + 1}-${local.getUTCDate()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const body = article.body.filter((b) => b.type === 'paragraph').map((b) => `<p>　　${escapeHtml(b.text)}</p>`).join('\n');
  const byline = article.authors?.length ? `<p>(${article.authors.map((a) => `${{ reporter: '记者', correspondent: '通讯员' }[a.role] ?? '记者'} ${escapeHtml(a.name)}`).join(' ')})</p>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(article.title)}</title><script>var hits=0;</script></head><body>
<div class="top"><a href="/">首页</a> <a href="/news/">资讯中心</a></div>
<div class="position">您所在的位置：聊城信息港 &gt; 资讯中心 &gt; ${escapeHtml(channelName)}</div>
<h1>${escapeHtml(article.title)}</h1>
<div class="meta">发布：${stamp}  来源：${escapeHtml(article.source)}  浏览<span id="hits"></span>次${article.editor ? `  编辑：${escapeHtml(article.editor)}` : ''}</div>
<div class="content">
${body}
${byline}
</div>
<div class="share">分享到：<a href="#">微博</a><a href="#">微信</a></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/1.html">相关一</a></li></ul></div>
<div class="footer">Copyright © 2003-2009 liaocheng.cc All rights reserved.</div>
</body></html>
`;
}

out('## `folio import` on local pages (`make bench-import`)');
out();
out('Generated articles written as pages in the seed page\'s portal layout (UTF-8), read by one `folio import FOLDER`.');
out();
out('| pages | seconds | pages per second | peak memory | articles written | output |');
out('|---:|---:|---:|---:|---:|---:|');
for (const size of SIZES) {
  const dir = `${ROOT}target/bench-import/${size}`;
  const pages = `${dir}/pages`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(pages, { recursive: true });
  const jsonl = `${dir}/articles.jsonl`;
  execFileSync(FOLIO, ['gen', String(size), '--jsonl', '--quiet', '--out', jsonl]);
  const [head, ...rest] = (await readFile(jsonl, 'utf8')).split('\n').filter(Boolean);
  const names = Object.fromEntries(JSON.parse(head).channels.map((c) => [c.id, c.name]));
  const writes = [];
  for (const [i, line] of rest.entries()) {
    const article = JSON.parse(line);
    writes.push(writeFile(`${pages}/${String(i).padStart(6, '0')}.html`, page(article, names[article.channel] ?? '聊城新闻')));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  const output = `${dir}/imported.json`;
  const run = timed(FOLIO, ['import', pages, '--out', output, '--quiet'], { check: false });
  const { seconds } = run;
  const kib = run.mib * 1024;
  const written = existsSync(output) ? JSON.parse(await readFile(output, 'utf8')).articles.length : 0;
  const bytes = existsSync(output) ? (await readFile(output)).length : 0;
  out(`| ${size.toLocaleString('en')} | ${seconds.toFixed(2)} | ${Math.round(size / seconds).toLocaleString('en')} | ${(kib / 1024).toFixed(0)} MiB | ${written.toLocaleString('en')} | ${(bytes / 2 ** 20).toFixed(1)} MiB |`);
  if (run.status !== 0) out(`\n\`folio import\` exited ${run.status}: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`);
}

await writeSection('import', lines);
