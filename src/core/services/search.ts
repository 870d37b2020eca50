/*
 * Quick search (Ctrl+K): finds cases, sources, notes and events whose words contain every word typed,
 * across the whole library, ignoring case and accents ("lukasz" finds "Łukasz"). Titles weigh most;
 * other text (a source's publisher, a note's body, an event's description) is searched too. Records in
 * the trash are left out.
 */
import type { QuickSearchHit } from '../../shared/api/types';
import { formatPartialDate } from '../../shared/partial-date';
import type { CaseFile, RecordKind } from '../../shared/domain';
import type { CaseLibrary } from '../case-library';

/** Lower-case, without accents, with special letters spelled out, so "Łukasz Şükrü" ≈ "lukasz sukru". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"');
}

interface Candidate {
  kind: RecordKind;
  id: string;
  title: string;
  other: string;
  detail: string;
}

function candidates(file: CaseFile): Candidate[] {
  const list: Candidate[] = [
    { kind: 'case', id: file.case.id, title: file.case.title, other: `${file.case.slug} ${file.case.location ?? ''} ${file.case.summary}`, detail: formatPartialDate(file.case.incidentDate) },
  ];
  for (const s of file.sources) {
    if (s.deletedAt) continue;
    const authors = s.authors.map((a) => a.literal ?? `${a.given ?? ''} ${a.family ?? ''}`).join(' ');
    list.push({ kind: 'source', id: s.id, title: s.title, other: `${s.publisher ?? ''} ${authors} ${s.url ?? ''} ${s.description ?? ''}`, detail: [s.publisher, s.publishedDate && formatPartialDate(s.publishedDate)].filter(Boolean).join(', ') });
  }
  for (const n of file.notes) {
    if (n.deletedAt) continue;
    list.push({ kind: 'note', id: n.id, title: n.title, other: `${n.body} ${n.quotations.map((q) => q.quote).join(' ')}`, detail: '' });
  }
  for (const e of file.events) {
    if (e.deletedAt) continue;
    list.push({ kind: 'event', id: e.id, title: e.title, other: e.description ?? '', detail: formatPartialDate(e.date) });
  }
  return list;
}

export function quickSearch(lib: CaseLibrary, query: string, limit: number): QuickSearchHit[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored: { hit: QuickSearchHit; score: number }[] = [];
  for (const file of lib.store.caseFiles()) {
    if (file.case.deletedAt) continue;
    for (const c of candidates(file)) {
      const title = foldText(c.title);
      const all = `${title} ${foldText(c.other)}`;
      if (!words.every((w) => all.includes(w))) continue;
      const inTitle = words.filter((w) => title.includes(w)).length;
      const score = (title.startsWith(words[0]) ? 4 : 0) + inTitle * 2 + (c.kind === 'case' ? 1 : 0);
      scored.push({
        score,
        hit: { ref: { caseId: file.case.id, kind: c.kind, id: c.id }, title: c.title, caseTitle: file.case.title, detail: c.detail },
      });
    }
  }
  return scored
    .sort((a, b) => b.score - a.score || a.hit.title.localeCompare(b.hit.title, 'en-GB'))
    .slice(0, limit)
    .map((s) => s.hit);
}
