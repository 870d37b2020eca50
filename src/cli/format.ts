/* Plain-text views of library data for the terminal. */
import type { CaseSummary } from '../shared/api/types';
import { formatPinpoint, SOURCE_KIND_LABELS, type CaseFile, type SourceRef } from '../shared/domain';
import { comparePartialDates, formatPartialDate } from '../shared/partial-date';

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - [...cell].length))).join('  ').trimEnd()).join('\n');
}

export function formatCaseList(cases: CaseSummary[]): string {
  if (cases.length === 0) return 'No cases yet. Add one with: casefolio new "<title>"';
  return table([
    ['SLUG', 'TITLE', 'STATUS', 'SOURCES', 'NOTES', 'EVENTS'],
    ...cases.map((c) => [c.slug, c.title, c.status, String(c.counts.sources), String(c.counts.notes), String(c.counts.events)]),
  ]);
}

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

export function formatCase(file: CaseFile): string {
  const { case: c } = file;
  const sourceNumber = new Map(file.sources.map((s, i) => [s.id, `S${i + 1}`]));
  const cite = (refs: SourceRef[]) =>
    refs.length === 0 ? '' : `[${refs.map((r) => [sourceNumber.get(r.sourceId) ?? '?', formatPinpoint(r.pinpoint)].filter(Boolean).join(', ')).join('; ')}]`;
  const out: string[] = [];
  out.push(`${c.title}  (${c.slug}, ${c.status})`);
  const facts = [c.incidentDate && `Incident: ${formatPartialDate(c.incidentDate)}${c.incidentEndDate ? ` – ${formatPartialDate(c.incidentEndDate)}` : ''}`, c.location && `Location: ${c.location}`]
    .filter(Boolean)
    .join('   ');
  if (facts) out.push(facts);
  if (c.tags.length) out.push(`Tags: ${c.tags.join(', ')}`);
  out.push(`Id: ${c.id}`);
  if (c.summary.trim()) out.push('', 'SUMMARY', indent(c.summary.trim()));

  out.push('', `CHRONOLOGY (${file.events.length})`);
  const events = [...file.events].sort((a, b) => comparePartialDates(a.date, b.date));
  if (events.length === 0) out.push('  (no events)');
  else {
    out.push(
      indent(
        table(
          events.map((e) => [
            formatPartialDate(e.date) + (e.endDate ? ` – ${formatPartialDate(e.endDate)}` : ''),
            e.title,
            e.claimStatus,
            cite(e.sources),
            e.id,
          ]),
        ),
      ),
    );
  }

  out.push('', `SOURCES (${file.sources.length})`);
  if (file.sources.length === 0) out.push('  (no sources)');
  file.sources.forEach((s, i) => {
    const authors = s.authors.map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(' ')).join(', ');
    const detail = [authors, s.publisher, s.publishedDate && formatPartialDate(s.publishedDate)].filter(Boolean).join(', ');
    out.push(`  S${i + 1}  ${s.title}${detail ? ` — ${detail}` : ''}`);
    out.push(`       ${SOURCE_KIND_LABELS[s.kind]}${s.reliability ? `, reliability ${s.reliability}` : ''}; id ${s.id}`);
    if (s.url) out.push(`       ${s.url}`);
    for (const a of s.attachments) out.push(`       attached: ${a.fileName} (${a.mediaType}, ${a.size} bytes, sha256 ${a.sha256.slice(0, 12)}…)`);
  });

  out.push('', `NOTES (${file.notes.length})`);
  if (file.notes.length === 0) out.push('  (no notes)');
  for (const n of file.notes) {
    out.push(`  ${n.title}${n.tags.length ? `  [${n.tags.join(', ')}]` : ''}  (id ${n.id})`);
    if (n.body.trim()) out.push(indent(n.body.trim(), '    '));
    for (const q of n.quotations) out.push(`    “${q.quote}” ${cite([q])}  (id ${q.id})`);
  }
  return out.join('\n');
}
