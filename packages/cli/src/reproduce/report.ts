import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonFile } from '@geneft/core/node';
import { nodeDocument, renderPng, renderSvg } from '@geneft/viz/node';
import type { FigureHeading, FigureResult } from './figure';

export interface ReportEntry {
  spec: FigureHeading;
  result?: FigureResult;
  error?: string;
  wallMs: number;
}

export interface ReportMeta {
  title: string;
  mode: string;
  backend: string;
  startedAt: string;
  wallMs: number;
  /** package → version, plus node and the platform. */
  versions: Record<string, string>;
  /** a line under the title, e.g. where the runs came from. */
  note?: string;
  /** link to the runs behind the report (default runs/runs.jsonl); null for none. */
  runsLink?: string | null;
}

/** Writes <id>.svg/.png/.json for each figure (as it finishes) so a partial report is still useful. */
export function writeFigureFiles(out: string, entry: ReportEntry): string[] {
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  const { spec, result } = entry;
  if (!result) return files;
  writeJsonFile(join(out, `${spec.id}.json`), { id: spec.id, title: spec.title, claim: spec.claim, measured: result.measured, verdict: result.verdict, cause: result.cause, data: result.data });
  files.push(`${spec.id}.json`);
  if (result.render) {
    const svg = renderSvg(result.render(nodeDocument()));
    writeFileAtomic(join(out, `${spec.id}.svg`), svg);
    writeFileAtomic(join(out, `${spec.id}.png`), renderPng(svg, { scale: 2 }));
    files.push(`${spec.id}.svg`, `${spec.id}.png`);
  }
  return files;
}

/** The report's index.html: one section per figure with the claim, the measurement and a verdict. */
export function writeIndex(out: string, entries: readonly ReportEntry[], meta: ReportMeta): void {
  writeJsonFile(join(out, 'versions.json'), meta.versions);
  const verdictBadge = (e: ReportEntry) => {
    if (e.error) return '<span class="badge error">failed</span>';
    const v = e.result!.verdict;
    return `<span class="badge ${v}">${v === 'agrees' ? 'agrees with the paper' : v === 'disagrees' ? 'differs from the paper' : 'no comparison'}</span>`;
  };
  const section = (e: ReportEntry) => {
    const id = e.spec.id;
    const body = e.error
      ? `<p class="error">This figure failed: ${escape(e.error)}</p>`
      : [
          e.result!.table ? tableHtml(e.result!.table) : '',
          e.result!.render ? `<a href="${id}.svg"><img src="${id}.png" alt="${escape(e.spec.title)}" width="760"></a>` : '',
          `<p class="files">${[e.result!.render ? `<a href="${id}.svg">SVG</a> · <a href="${id}.png">PNG</a> · ` : '', `<a href="${id}.json">data</a>`].join('')}</p>`,
        ].join('\n');
    return `<section id="${id}">
<h2>${escape(e.spec.title)} ${verdictBadge(e)}</h2>
<p><b>Paper:</b> ${escape(e.spec.claim)}</p>
${e.result ? `<p><b>This run:</b> ${escape(e.result.measured)}</p>` : ''}
${e.result?.verdict === 'disagrees' && e.result.cause ? `<p><b>Why it differs:</b> ${escape(e.result.cause)}</p>` : ''}
${body}
<p class="time">${(e.wallMs / 1000).toFixed(1)} s</p>
</section>`;
  };
  const agree = entries.filter((e) => e.result?.verdict === 'agrees').length;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(meta.title)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.15em;margin-top:2.2em;border-top:1px solid #ddd;padding-top:1em}
.badge{font-size:.75em;padding:.15em .5em;border-radius:.8em;margin-left:.5em;vertical-align:middle}
.agrees{background:#dff3e4;color:#145a2b}.disagrees{background:#fde8d7;color:#8a3b00}.n\\/a{background:#eee}.error{background:#fbdada;color:#8a0000}
table{border-collapse:collapse;font-size:.9em}td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:right}td:first-child,th:first-child{text-align:left}
.files,.time{font-size:.85em;color:#666}img{max-width:100%;border:1px solid #eee}
</style></head><body>
<h1>${escape(meta.title)}</h1>
<p>${escape(meta.note ?? '')} Mode <b>${escape(meta.mode)}</b>, backend <b>${escape(meta.backend)}</b>, started ${escape(meta.startedAt)},
${(meta.wallMs / 1000).toFixed(0)} s in all. ${agree} of ${entries.length} figures agree with the paper's claim.
Software: ${Object.entries(meta.versions).map(([k, v]) => `${escape(k)} ${escape(v)}`).join(', ')} (<a href="versions.json">versions.json</a>)${meta.runsLink === null ? '' : `; the configs of every run are in <a href="${meta.runsLink ?? 'runs/runs.jsonl'}">${meta.runsLink ?? 'runs/runs.jsonl'}</a>`}.</p>
<ul>${entries.map((e) => `<li><a href="#${e.spec.id}">${escape(e.spec.title)}</a></li>`).join('')}</ul>
${entries.map(section).join('\n')}
</body></html>
`;
  writeFileAtomic(join(out, 'index.html'), html);
}

function tableHtml(table: { columns: string[]; rows: (string | number)[][] }): string {
  return `<table><thead><tr>${table.columns.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead><tbody>${table.rows
    .map((r) => `<tr>${r.map((c) => `<td>${escape(String(c))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Versions of the GenEFT packages and the runtime, for the report. */
export function softwareVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.version, platform: `${process.platform}-${process.arch}` };
  for (const pkg of ['@geneft/core', '@geneft/theory', '@geneft/viz', '@geneft/cli', '@geneft/backend-native', '@geneft/backend-wasm', '@geneft/backend-tfjs']) {
    try {
      versions[pkg] = (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
    } catch {
      // not installed: not part of this run
    }
  }
  return versions;
}
