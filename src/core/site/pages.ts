/*
 * The static site's pages, as strings: a case's overview, chronology, sources and notes. Plain text is escaped,
 * Markdown goes through the window's own sanitising (markdown.ts), web addresses become links only when they are
 * http(s), and attached files are linked by their copies beside the pages. No script anywhere, and a
 * Content-Security-Policy that lets a page load nothing but the site's own style sheet.
 */
import { formatPartialDate } from '../../shared/partial-date';
import { formatPinpoint, RELIABILITY_LABELS, SOURCE_KIND_LABELS, type Author, type CaseFile, type Pinpoint, type SourceRecord } from '../../shared/domain';
import { escapeHtml, relativeHref, webLink } from './html';
import { renderMarkdown } from './markdown';

export const PAGES = [
  { file: 'index.html', title: 'Case' },
  { file: 'chronology.html', title: 'Chronology' },
  { file: 'sources.html', title: 'Sources' },
  { file: 'notes.html', title: 'Notes' },
] as const;

export interface SiteContext {
  file: CaseFile;
  /** Source id → its number in the case ("S1"). */
  numbers: Map<string, string>;
  /** Attachment id → the copy's path beside the pages. */
  files: Map<string, string>;
  generated: string;
}

const live = <T extends { deletedAt?: string }>(list: T[]) => list.filter((r) => !r.deletedAt);

function page(ctx: SiteContext, current: string, heading: string, body: string): string {
  const nav = PAGES.map((p) => (p.file === current ? `<span aria-current="page">${p.title}</span>` : `<a href="${p.file}">${p.title}</a>`)).join('\n');
  const title = ctx.file.case.title;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'">
<title>${escapeHtml(heading === 'Case' ? title : `${heading} · ${title}`)}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<header><p class="site">${escapeHtml(title)}</p><nav>${nav}</nav></header>
<main>
<h1>${escapeHtml(heading === 'Case' ? title : heading)}</h1>
${body}
</main>
<footer>A read-only copy made by Casefolio on ${escapeHtml(ctx.generated)}. It shows the case as it was then.</footer>
</body>
</html>
`;
}

const authorName = (a: Author) => a.literal ?? [a.given, a.family].filter(Boolean).join(' ');
const sourceRef = (ctx: SiteContext, sourceId: string, pinpoint?: Pinpoint) => {
  const n = ctx.numbers.get(sourceId);
  return n ? `<a href="sources.html#${n}">[${n}${pinpoint ? `, ${escapeHtml(formatPinpoint(pinpoint))}` : ''}]</a>` : '';
};
const tags = (list: string[]) => (list.length ? `<p class="tags">${list.map((t) => `<span>${escapeHtml(t)}</span>`).join(' ')}</p>` : '');

export function overviewPage(ctx: SiteContext): string {
  const c = ctx.file.case;
  const facts = [
    ['Status', c.status],
    ...(c.incidentDate ? [['Date', `${formatPartialDate(c.incidentDate)}${c.incidentEndDate ? ` – ${formatPartialDate(c.incidentEndDate)}` : ''}`]] : []),
    ...(c.location ? [['Place', c.location]] : []),
    ['Contents', `${live(ctx.file.events).length} events, ${live(ctx.file.sources).length} sources, ${live(ctx.file.notes).length} notes`],
  ];
  const body = [
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`,
    tags(c.tags),
    c.summary ? `<section class="markdown">${renderMarkdown(c.summary)}</section>` : '<p class="empty">No summary.</p>',
  ].join('\n');
  return page(ctx, 'index.html', 'Case', body);
}

export function chronologyPage(ctx: SiteContext): string {
  const events = live(ctx.file.events);
  if (!events.length) return page(ctx, 'chronology.html', 'Chronology', '<p class="empty">No events.</p>');
  const rows = events.map((e) => {
    const date = `${formatPartialDate(e.date)}${e.endDate ? ` – ${formatPartialDate(e.endDate)}` : ''}`;
    const refs = e.sources.map((r) => sourceRef(ctx, r.sourceId, r.pinpoint)).join(' ');
    return `<tr id="${escapeHtml(e.id)}"><td class="date">${escapeHtml(date)}</td><td><strong>${escapeHtml(e.title)}</strong>${e.description ? `<div class="markdown">${renderMarkdown(e.description)}</div>` : ''}${tags(e.tags)}</td><td>${escapeHtml(e.claimStatus)}</td><td>${refs}</td></tr>`;
  });
  const table = `<table><thead><tr><th>Date</th><th>Event</th><th>Status</th><th>Sources</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  return page(ctx, 'chronology.html', 'Chronology', `${table}\n<p class="note">Dates in square brackets were inferred; “c.” marks an approximate date.</p>`);
}

function sourceBlock(ctx: SiteContext, s: SourceRecord): string {
  const n = ctx.numbers.get(s.id)!;
  const details = [
    ['Kind', SOURCE_KIND_LABELS[s.kind]],
    ...(s.authors.length ? [['Authors', escapeHtml(s.authors.map(authorName).join('; '))]] : []),
    ...(s.publisher ? [['Publisher', escapeHtml(s.publisher)]] : []),
    ...(s.publishedDate ? [['Published', escapeHtml(formatPartialDate(s.publishedDate))]] : []),
    ...(s.accessedDate ? [['Accessed', escapeHtml(formatPartialDate(s.accessedDate))]] : []),
    ...(s.url ? [['Address', webLink(s.url)]] : []),
    ...(s.archiveUrl ? [['Archived copy', webLink(s.archiveUrl)]] : []),
    ...(s.reliability ? [['Reliability', escapeHtml(`${s.reliability} — ${RELIABILITY_LABELS[s.reliability]}`)]] : []),
  ];
  const files = s.attachments.map((a) => {
    const copy = ctx.files.get(a.id);
    const name = copy ? `<a href="${escapeHtml(relativeHref(copy))}">${escapeHtml(a.fileName)}</a>` : `${escapeHtml(a.fileName)} (not in the library when the site was made)`;
    return `<li>${name} <code title="SHA-256">${a.sha256.slice(0, 16)}…</code></li>`;
  });
  return [
    `<section class="source" id="${n}"><h2><span class="number">${n}</span> ${escapeHtml(s.title)}</h2>`,
    `<dl class="facts">${details.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    s.description ? `<div class="markdown">${renderMarkdown(s.description)}</div>` : '',
    files.length ? `<h3>Files</h3><ul class="files">${files.join('')}</ul>` : '',
    tags(s.tags),
    '</section>',
  ].join('\n');
}

export function sourcesPage(ctx: SiteContext): string {
  const sources = live(ctx.file.sources);
  return page(ctx, 'sources.html', 'Sources', sources.length ? sources.map((s) => sourceBlock(ctx, s)).join('\n') : '<p class="empty">No sources.</p>');
}

export function notesPage(ctx: SiteContext): string {
  const notes = live(ctx.file.notes);
  const blocks = notes.map((n) => {
    const quotes = n.quotations.map((q) => `<blockquote>${escapeHtml(q.quote)}<footer>${sourceRef(ctx, q.sourceId, q.pinpoint)}</footer></blockquote>`);
    return `<section class="note-record" id="${escapeHtml(n.id)}"><h2>${escapeHtml(n.title)}</h2><div class="markdown">${renderMarkdown(n.body)}</div>${quotes.join('')}${tags(n.tags)}</section>`;
  });
  return page(ctx, 'notes.html', 'Notes', blocks.length ? blocks.join('\n') : '<p class="empty">No notes.</p>');
}

export const STYLE_CSS = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#fff}
header{background:#1c2b45;color:#fff;padding:.6rem 1.5rem;display:flex;gap:2rem;align-items:baseline;flex-wrap:wrap}
header .site{font-weight:600;margin:0}
nav{display:flex;gap:1rem}
nav a{color:#cfe0ff}
nav [aria-current]{color:#fff;font-weight:600;border-bottom:2px solid #fff}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
main a{color:#1a56b0}
h1{font-size:1.8rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}
.facts dt{color:#5b6472;font-size:.85rem;text-transform:uppercase;letter-spacing:.03em}
.facts dd{margin:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid #dde2e8}
th{background:#eef2f7;font-size:.8rem;text-transform:uppercase}
td.date{white-space:nowrap}
.tags span{display:inline-block;background:#eef2f7;border-radius:3px;padding:0 .4rem;margin:0 .2rem .2rem 0;font-size:.8rem}
.number{color:#5b6472;font-weight:400}
blockquote{border-left:3px solid #9db1d1;margin:.5rem 0;padding:.2rem .8rem;color:#333}
blockquote footer{font-size:.85rem;text-align:left;padding:.2rem 0 0}
code{font-size:.8rem;color:#5b6472}
.empty,.note{color:#5b6472}
footer{color:#5b6472;font-size:.8rem;text-align:center;padding:1rem}
@media (prefers-color-scheme:dark){body{background:#15181d;color:#e4e7eb}th{background:#222a36}.tags span{background:#222a36}th,td{border-color:#2c3440}blockquote{color:#cfd5dc}main a{color:#9cc2ff}}
`;
