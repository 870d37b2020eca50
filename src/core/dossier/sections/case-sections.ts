/*
 * One case's part of the dossier: its heading and particulars, summary, chronology table, numbered sources and
 * notes with their quotations. Every reference to a source links to its entry in the sources list, and every
 * reference to an exhibit gives the page where it is in this dossier.
 */
import type { NoteRecord, SourceRef } from '../../../shared/domain';
import { formatPinpoint } from '../../../shared/domain';
import { gridTable, heading, labelValueTable, paragraph, type Block, type TableRow } from '../typesetting/blocks';
import { formatDateRange, noteCitationSpans, sourceCitation, sourceRefLabel, styled } from './citations';
import { exhibitPointer, pageRef, type BuildContext, type ContentsEntry, type SectionOutput } from '../context';
import { markdownBlocks, markdownParagraphs } from '../typesetting/markdown';
import { anchors, type CaseModel, type ExhibitSlot } from '../model';
import { formatPartialDate } from '../../../shared/partial-date';
import type { Span } from '../typesetting/text';
import { COLOURS, STYLES, withColour } from '../typesetting/theme';
import { timelineFigure } from './timeline-figure';
import { CLAIM_STATUS_LABELS } from '../../../shared/timeline';


const muted = (text: string): Block => paragraph([styled(text, withColour(STYLES.bodyItalic, COLOURS.muted))]);

export function caseSection(ctx: BuildContext, c: CaseModel): SectionOutput {
  const id = c.record.id;
  const entries: ContentsEntry[] = [{ key: anchors.case(id), kind: 'case', title: c.record.title, level: 1, caseId: id, listed: true }];
  const blocks: Block[] = [
    { kind: 'page-break' },
    paragraph([styled(`CASE ${c.position} OF ${ctx.model.cases.length}`, STYLES.kicker)], { keepWithNext: true, spaceAfter: 4, anchor: anchors.case(id) }),
    heading(1, c.record.title),
    particulars(c),
    { kind: 'rule', spaceBefore: 4, spaceAfter: 4, color: COLOURS.heading, weight: 0.8 },
  ];
  const section = (key: 'summary' | 'chronology' | 'sources' | 'notes', title: string, content: Block[]) => {
    entries.push({ key: anchors.section(id, key), kind: key, title, level: 2, caseId: id, listed: true });
    blocks.push(heading(2, title, anchors.section(id, key)), ...content);
  };
  if (ctx.sections.has('summary')) {
    const summary = markdownBlocks(c.record.summary, { headingLevel: 3 });
    section('summary', 'Summary', summary.length ? summary : [muted('No summary has been written for this case.')]);
  }
  if (ctx.sections.has('chronology')) section('chronology', 'Chronology', chronology(ctx, c));
  if (ctx.sections.has('sources')) section('sources', 'Sources', sources(ctx, c));
  if (ctx.sections.has('notes')) {
    const noteBlocks: Block[] = c.notes.length ? [] : [muted('No notes are recorded for this case.')];
    const noteEntries: ContentsEntry[] = [];
    for (const note of c.notes) {
      noteEntries.push({ key: anchors.note(id, note.id), kind: 'note', title: note.title, level: 3, caseId: id, listed: true });
      noteBlocks.push(...noteSection(ctx, c, note));
    }
    section('notes', 'Notes', noteBlocks);
    entries.push(...noteEntries);
  }
  return { blocks, entries };
}

function particulars(c: CaseModel): Block {
  const r = c.record;
  const rows: [string, string][] = [];
  if (r.incidentDate) rows.push(['Date of incident', formatDateRange(r.incidentDate, r.incidentEndDate)]);
  if (r.location?.trim()) rows.push(['Location', r.location.trim()]);
  rows.push(['Status', r.status.charAt(0).toUpperCase() + r.status.slice(1)]);
  if (r.tags.length) rows.push(['Tags', r.tags.join(', ')]);
  rows.push(['Contents', `${plural(c.events.length, 'event')}, ${plural(c.sources.length, 'source')}, ${plural(c.notes.length, 'note')}`]);
  return labelValueTable(rows, 24);
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The cell listing an event's or a quotation's sources: "S3, p. 14" linked to the source, then where its exhibit is. */
function refParagraphs(ctx: BuildContext, c: CaseModel, refs: SourceRef[], context: string): Span[][] {
  const style = STYLES.table;
  const out: Span[][] = [];
  for (const ref of refs) {
    const { label, source } = sourceRefLabel(c, ref);
    if (!source) {
      warnUnknownSource(ctx, c, ref.sourceId, context);
      out.push([styled(`[${label}]`, withColour(style, COLOURS.muted))]);
      continue;
    }
    const linked = ctx.sections.has('sources');
    out.push([linked ? { text: `[${label}]`, style: withColour(style, COLOURS.link), link: { kind: 'dest', anchor: source.anchor } } : styled(`[${label}]`, style)]);
    const pointer = exhibitPointer(ctx, source, ref.pinpoint, withColour(STYLES.table, COLOURS.muted));
    if (pointer) out.push(pointer);
  }
  return out;
}

function warnUnknownSource(ctx: BuildContext, c: CaseModel, sourceId: string, context: string): void {
  const message = `${context} in “${c.record.title}” cites a source (${sourceId}) that is not in the case, perhaps because it was deleted. Restore the source or remove the reference.`;
  if (!ctx.warnings.some((w) => w.message === message)) {
    ctx.warnings.push({ code: 'SOURCE_REFERENCE_UNKNOWN', message, caseId: c.record.id, sourceId });
  }
}

function chronology(ctx: BuildContext, c: CaseModel): Block[] {
  if (!c.events.length) return [muted('No events are recorded for this case.')];
  const rows: TableRow[] = c.events.map((e) => {
    const event: Span[][] = [[styled(e.title, STYLES.tableBold)]];
    if (e.description?.trim()) event.push(...markdownParagraphs(e.description, STYLES.table));
    if (e.tags.length) event.push([styled(`Tags: ${e.tags.join(', ')}`, withColour(STYLES.table, COLOURS.muted))]);
    const refs = refParagraphs(ctx, c, e.sources, `The event “${e.title}”`);
    return {
      anchor: anchors.event(c.record.id, e.id),
      cells: [
        { paragraphs: [[styled(formatDateRange(e.date, e.endDate), STYLES.table)]] },
        { paragraphs: event },
        { paragraphs: [[styled(CLAIM_STATUS_LABELS[e.claimStatus], STYLES.table)]] },
        { paragraphs: refs.length ? refs : [[styled('None recorded', withColour(STYLES.table, COLOURS.muted))]] },
      ],
    };
  });
  // The figure comes first, so the reader sees the shape of events before their details.
  const figure: Block[] = ctx.options.timelineFigure ? [timelineFigure(c.record.id, c.events)] : [];
  return [
    ...figure,
    gridTable(
      [
        ['Date', 16],
        ['Event', 47],
        ['Status', 15],
        ['Sources', 22],
      ],
      rows,
    ),
    paragraph([styled('Dates in square brackets were inferred; “c.” marks an approximate date. Status records how far a claim has been tested: alleged, admitted, disputed, found (by an inquest, inquiry or court) or established.', STYLES.smallMuted)]),
  ];
}

function sources(ctx: BuildContext, c: CaseModel): Block[] {
  if (!c.sources.length) return [muted('No sources are recorded for this case.')];
  const exhibitLine = (slot: ExhibitSlot): Span[] => {
    const loaded = ctx.exhibits.get(slot);
    const included = loaded && loaded.content.kind !== 'placeholder';
    const link = withColour(STYLES.table, COLOURS.link);
    const target = { kind: 'dest' as const, anchor: slot.anchor };
    return [
      styled('Exhibit ', STYLES.table),
      { text: slot.number, style: link, link: target },
      styled(`: ${slot.attachment.fileName}${included ? '' : ' (not included; see its placeholder page)'}, `, STYLES.table),
      { text: '', style: link, link: target, ref: pageRef(slot.anchor, (p) => `dossier p. ${p}`) },
    ];
  };
  return [
    {
      kind: 'table',
      variant: 'plain',
      rowGap: 10,
      splitRows: true,
      columns: [
        { header: '', weight: 7 },
        { header: '', weight: 93 },
      ],
      rows: c.sources.map((s) => {
        const paragraphs = sourceCitation(s, ctx.options.citationStyle, exhibitLine);
        if (s.record.description?.trim()) paragraphs.splice(1, 0, ...markdownParagraphs(s.record.description, withColour(STYLES.table, COLOURS.muted)));
        return { anchor: s.anchor, cells: [{ paragraphs: [[styled(s.label, STYLES.tableHeader)]] }, { paragraphs }] };
      }),
    },
  ];
}

function noteSection(ctx: BuildContext, c: CaseModel, note: NoteRecord): Block[] {
  const blocks: Block[] = [heading(3, note.title, anchors.note(c.record.id, note.id))];
  if (note.tags.length) blocks.push(paragraph([styled(`Tags: ${note.tags.join(', ')}`, STYLES.smallMuted)], { spaceAfter: 4 }));
  const body = markdownBlocks(note.body, { headingLevel: 4 });
  if (!body.length && !note.quotations.length) blocks.push(muted('This note has no text.'));
  blocks.push(...body);
  for (const q of note.quotations) {
    const citation: Span[] = [styled('— ', STYLES.smallMuted)];
    const { label, source } = sourceRefLabel(c, q);
    if (!source) {
      warnUnknownSource(ctx, c, q.sourceId, `A quotation in the note “${note.title}”`);
      citation.push(styled(`unknown source${q.pinpoint ? `, ${formatPinpoint(q.pinpoint)}` : ''}`, STYLES.smallMuted));
    } else {
      const linkStyle = withColour(STYLES.small, COLOURS.link);
      // The source as a footnote cites it in the dossier's style, the pinpoint in the style's own form
      // (OSCOLA: "[2008] UKHL 13 [31]", "s 6", "para 4.2"); the S-number links to the full entry.
      const footnote = noteCitationSpans(source.record, ctx.options.citationStyle, q.pinpoint, STYLES.smallMuted);
      const shortLabel = footnote ? source.label : label;
      citation.push(
        ctx.sections.has('sources') ? { text: shortLabel, style: linkStyle, link: { kind: 'dest', anchor: source.anchor } } : styled(shortLabel, STYLES.smallMuted),
        styled(': ', STYLES.smallMuted),
      );
      if (footnote) citation.push(...footnote);
      else {
        citation.push(styled(source.record.title, STYLES.smallMuted));
        if (source.record.publishedDate) citation.push(styled(`, ${formatPartialDate(source.record.publishedDate)}`, STYLES.smallMuted));
      }
      const pointer = exhibitPointer(ctx, source, q.pinpoint, withColour(STYLES.small, COLOURS.muted));
      if (pointer) citation.push(styled('; ', STYLES.smallMuted), ...pointer);
    }
    blocks.push({
      kind: 'quote',
      blocks: [paragraph([styled(q.quote, STYLES.quote)], { spaceAfter: 3, keepWithNext: true }), paragraph(citation, { spaceAfter: 0 })],
    });
  }
  return blocks;
}

