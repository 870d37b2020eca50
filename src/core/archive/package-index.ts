/*
 * The package's index.html: what the bag holds, readable in any browser from the folder itself, with nothing
 * loaded from anywhere (a Content-Security-Policy forbids it) and no markup from user text: every title, name
 * and summary is escaped and shown as plain text.
 */
import type { CaseRecord } from '../../shared/domain';
import { escapeHtml, relativeHref, webLink } from '../site/html';

export interface PackagedCase {
  record: CaseRecord;
  folder: string;
  journal?: string;
  sources: { title: string; url?: string; attachments: { fileName: string; sha256: string; path?: string; missing?: true }[] }[];
  notes: number;
  events: number;
}

export interface PackageIndex {
  cases: PackagedCase[];
  date: string;
  compiledBy?: string;
  dossier: { path: string; pages: number; pdfa: boolean };
}

const link = (bagPath: string, text: string) => `<a href="${escapeHtml(relativeHref(bagPath))}">${escapeHtml(text)}</a>`;

export function packageIndexHtml(index: PackageIndex): string {
  const cases = index.cases.map((c) => {
    const sources = c.sources.map((s) => {
      const files = s.attachments.map((a) =>
        a.path ? `<li>${link(a.path, a.fileName)} <code>sha256:${a.sha256}</code></li>` : `<li>${escapeHtml(a.fileName)} (missing from the library when packaged) <code>sha256:${a.sha256}</code></li>`,
      );
      return `<li>${escapeHtml(s.title)}${s.url ? ` — ${webLink(s.url)}` : ''}${files.length ? `<ul>${files.join('')}</ul>` : ''}</li>`;
    });
    return [
      `<section><h2>${escapeHtml(c.record.title)}</h2>`,
      c.record.summary ? `<p>${escapeHtml(c.record.summary).replace(/\n{2,}/g, '</p><p>')}</p>` : '',
      `<p>${c.events} chronology events, ${c.sources.length} sources, ${c.notes} notes. Case file: ${link(`${c.folder}/case.json`, 'case.json')}${c.journal ? `; audit journal: ${link(c.journal, 'journal.jsonl')}` : ''}.</p>`,
      sources.length ? `<h3>Sources and their files</h3><ul>${sources.join('')}</ul>` : '',
      '</section>',
    ].join('\n');
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<title>Casefolio package: ${escapeHtml(index.cases.map((c) => c.record.title).join('; '))}</title>
</head>
<body>
<h1>Casefolio package</h1>
<p>Packaged on ${escapeHtml(index.date)}${index.compiledBy ? ` by ${escapeHtml(index.compiledBy)}` : ''}. This folder is the payload of a BagIt bag (RFC 8493): the manifests beside it give the SHA-256 and SHA-512 of every file, so any BagIt tool (or <code>casefolio package verify</code>) can show that nothing has changed.</p>
<p>Dossier: ${link(index.dossier.path, 'dossier.pdf')} (${index.dossier.pages} pages${index.dossier.pdfa ? ', PDF/A-1b' : ''}).</p>
${cases.join('\n')}
</body>
</html>
`;
}
