/*
 * The chain of custody in the integrity appendix: who added each exhibit and when, and for each case what its
 * audit journal holds and which of its files no longer match their fingerprints. The engine reads no journal:
 * the caller passes core/evidence/custody's summaries in DossierInput.custody, and without them the appendix
 * says nothing about custody rather than guess.
 */
import type { CustodySummary, ExhibitCustody } from '../../../shared/api/types';
import { groupDigits } from '../../../shared/numbers';
import { gridTable, heading, paragraph, type Block, type TableRow } from '../typesetting/blocks';
import { formatIsoDate, styled } from './citations';
import type { BuildContext } from '../context';
import type { LoadedExhibit } from '../exhibits/exhibits';
import type { ExhibitSlot } from '../model';
import type { Span } from '../typesetting/text';
import { COLOURS, STYLES, withColour } from '../typesetting/theme';

const muted = withColour(STYLES.table, COLOURS.muted);

/** The custody record of the attachment that describes an exhibit (its first citation's). */
function exhibitCustody(ctx: BuildContext, slot: ExhibitSlot): ExhibitCustody | undefined {
  const summary = ctx.custody?.get(slot.citedBy[0].caseModel.record.id);
  return summary?.exhibits.find((e) => e.attachmentId === slot.attachment.id);
}

/** Who added the exhibit's file, as the audit journal records it; undefined when unknown or not given. */
export function exhibitAddedBy(ctx: BuildContext, slot: ExhibitSlot): string | undefined {
  return exhibitCustody(ctx, slot)?.addedBy ?? undefined;
}

/** "24 Nov 2025": a date that fits a narrow column. */
const shortDate = (ts: string) => formatIsoDate(ts).replace(/(\d+) (\w{3})\w* /, '$1 $2 ');
const shortTimestamp = (ts: string) => `${shortDate(ts)}, ${ts.slice(11, 16)} UTC`;

/** "24 Nov 2025", "14:03 UTC", then by whom as the journal records it, when the caller gave custody data. */
export function addedParagraphs(ctx: BuildContext, slot: ExhibitSlot): Span[][] {
  const { addedAt } = slot.attachment;
  const paragraphs: Span[][] = [[styled(shortDate(addedAt), STYLES.table)], [styled(`${addedAt.slice(11, 16)} UTC`, muted)]];
  if (!ctx.custody) return paragraphs;
  const custody = exhibitCustody(ctx, slot);
  if (custody?.addedBy) paragraphs.push([styled('by ', muted), styled(custody.addedBy, STYLES.table)]);
  else paragraphs.push([styled(custody?.addedBy === null ? 'by: no user name set' : 'by: not recorded', muted)]);
  return paragraphs;
}

const HASH_UNCHECKED = new Set(['EXHIBIT_MISSING', 'EXHIBIT_HASH_MISMATCH']);

/** What the build's own SHA-256 check of the exhibit's file found. */
export function buildCheckSpans(loaded: LoadedExhibit): Span[] {
  const content = loaded.content;
  if (content.kind === 'placeholder' && content.code === 'EXHIBIT_HASH_MISMATCH') return [styled('SHA-256 did not match', withColour(STYLES.tableBold, COLOURS.warningRule))];
  if (content.kind === 'placeholder' && HASH_UNCHECKED.has(content.code)) return [styled('not checked: no file', muted)];
  return [styled('SHA-256 verified', muted)];
}

const count = (n: number, one: string, many = `${one}s`) => `${groupDigits(n)} ${n === 1 ? one : many}`;

function journalParagraphs(summary: CustodySummary): Span[][] {
  const { entries, firstAt, lastAt, problems } = summary.journal;
  const out: Span[][] = [];
  if (!entries || !firstAt || !lastAt) out.push([styled('No entries.', STYLES.table)]);
  else {
    out.push([styled(count(entries, 'entry', 'entries'), STYLES.table)]);
    out.push([styled(`first ${shortTimestamp(firstAt)}`, muted)]);
    out.push([styled(`last ${shortTimestamp(lastAt)}`, muted)]);
  }
  if (problems.length) {
    const unreadable = withColour(STYLES.tableBold, COLOURS.warningRule);
    out.push([styled(`${count(problems.length, 'line')} could not be read:`, unreadable)]);
    for (const p of problems.slice(0, 10)) out.push([styled(`line ${p.line}: ${p.reason}`, STYLES.table)]);
    if (problems.length > 10) out.push([styled(`and ${count(problems.length - 10, 'more line')}`, muted)]);
  }
  return out;
}

function filesParagraphs(ctx: BuildContext, summary: CustodySummary): Span[][] {
  const numbers = new Map(ctx.model.exhibits.map((slot) => [slot.sha256, slot.number]));
  const files = new Map<string, ExhibitCustody>();
  for (const e of summary.exhibits) if (!files.has(e.sha256)) files.set(e.sha256, e);
  const faulty = [...files.values()].filter((e) => e.integrity !== 'intact');
  if (!files.size) return [[styled('No files attached.', STYLES.table)]];
  if (!faulty.length) return [[styled(files.size === 1 ? 'The one file is intact.' : `All ${files.size} files intact.`, STYLES.table)]];
  const out: Span[][] = [[styled(`${faulty.length} of ${count(files.size, 'file')} not intact:`, withColour(STYLES.tableBold, COLOURS.warningRule))]];
  for (const e of faulty) {
    const number = numbers.get(e.sha256);
    out.push([styled(`${e.fileName}${number ? ` (${number})` : ''}: ${e.integrity === 'missing' ? 'missing' : 'changed since it was added'}`, STYLES.table)]);
  }
  return out;
}

/** Per case: its audit journal in numbers, lines that could not be read, and files that are not intact. */
export function custodyBlocks(ctx: BuildContext): Block[] {
  if (!ctx.custody) return [];
  const rows: TableRow[] = [];
  for (const c of ctx.model.cases) {
    const summary = ctx.custody.get(c.record.id);
    if (!summary) continue;
    rows.push({
      cells: [
        { paragraphs: [[styled(c.record.title, STYLES.tableBold)], [styled(c.record.slug, muted)]] },
        { paragraphs: journalParagraphs(summary) },
        { paragraphs: filesParagraphs(ctx, summary) },
      ],
    });
  }
  if (!rows.length) return [];
  return [
    heading(2, 'Chain of custody'),
    paragraph(
      [
        styled(
          'Every change to a case is recorded in its audit journal (journal.jsonl in the case’s folder): when, by whom (the user name set in the library) and the SHA-256 of every file attached. “Added” above gives each exhibit’s entry. Below, each case’s journal, and its attached files checked against their fingerprints when this dossier was built.',
          STYLES.small,
        ),
      ],
      { spaceAfter: 4 },
    ),
    gridTable(
      [
        ['Case', 28],
        ['Audit journal', 36],
        ['Files checked', 36],
      ],
      rows,
    ),
  ];
}
