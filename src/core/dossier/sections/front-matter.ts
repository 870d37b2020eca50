/*
 * The cover and the contents. The contents lists every entry the section builders declared, each with a dot
 * leader, its page number and a link; its length does not depend on the numbers (they sit in a fixed column),
 * so it can be laid out before the pages it points to are known.
 */
import { heading, paragraph, type Block, type TableRow } from '../typesetting/blocks';
import { formatDateRange, formatIsoDate, styled } from './citations';
import { pageRef, type BuildContext, type ContentsEntry } from '../context';
import { anchors } from '../model';
import { batesLabel } from '../options';
import type { PageRef } from '../typesetting/text';
import { COLOURS, STYLES, type TextStyle } from '../typesetting/theme';

/** The cover title, smaller the longer it is, so that even a 500-character title leaves the cover one page. */
function titleStyle(title: string): TextStyle {
  const size = title.length <= 90 ? 25 : title.length <= 180 ? 19 : title.length <= 320 ? 15 : 12.5;
  return { face: 'sans-bold', size, leading: Math.round(size * 1.24 * 10) / 10, color: COLOURS.heading };
}
const MARKING: TextStyle = { face: 'sans-bold', size: 13, leading: 17, color: COLOURS.marking };

export function coverBlocks(ctx: BuildContext): Block[] {
  const { options } = ctx;
  const blocks: Block[] = [{ kind: 'anchor', id: anchors.cover }];
  if (options.marking) {
    blocks.push({
      kind: 'panel',
      fill: COLOURS.white,
      rule: COLOURS.marking,
      blocks: [paragraph([styled(options.marking.toUpperCase(), MARKING)], { align: 'center', spaceAfter: 0 })],
    });
    blocks.push({ kind: 'space', height: 40 });
  } else {
    blocks.push({ kind: 'space', height: 96 });
  }
  blocks.push(
    paragraph([styled('CASE DOSSIER', STYLES.kicker)], { spaceAfter: 8, keepWithNext: true }),
    paragraph([styled(options.title, titleStyle(options.title))], { spaceAfter: 6 }),
    { kind: 'rule', spaceBefore: 6, spaceAfter: 16, color: COLOURS.heading, weight: 1.4 },
    paragraph([styled(ctx.model.cases.length === 1 ? 'THE CASE' : `THE ${ctx.model.cases.length} CASES`, STYLES.label)], { keepWithNext: true, spaceAfter: 6 }),
  );
  for (const c of ctx.model.cases) {
    const details = [c.record.incidentDate ? formatDateRange(c.record.incidentDate, c.record.incidentEndDate) : undefined, c.record.location?.trim()]
      .filter(Boolean)
      .join(' · ');
    const spans = [styled(`${c.position}. `, STYLES.bodyBold), styled(c.record.title, STYLES.bodyBold)];
    if (details) spans.push(styled(`\n${details}`, STYLES.smallMuted));
    blocks.push(paragraph(spans, { spaceAfter: 6 }));
  }
  blocks.push({ kind: 'space', height: 28 });
  const rows: [string, string | PageRef][] = [];
  if (ctx.compiledBy) rows.push(['Compiled by', ctx.compiledBy]);
  rows.push(['Date compiled', formatIsoDate(options.buildDate)]);
  const exhibitCount = ctx.model.exhibits.length;
  if (exhibitCount) rows.push(['Exhibits', exhibitCount === 1 ? '1 (EV-1)' : `${exhibitCount} (EV-1 to EV-${exhibitCount})`]);
  rows.push(['Length', pageRef(anchors.lastPage, (p) => `${p} pages, including exhibits`)]);
  const bates = options.bates;
  if (bates) rows.push(['Bates numbers', pageRef(anchors.lastPage, (p) => `${batesLabel(bates, 0)} to ${batesLabel(bates, p - 1)}`)]);
  blocks.push({
    kind: 'table',
    variant: 'plain',
    columns: [
      { header: '', weight: 26 },
      { header: '', weight: 74 },
    ],
    rows: rows.map(
      ([label, value]): TableRow => ({
        cells: [
          { paragraphs: [[styled(label.toUpperCase(), STYLES.label)]] },
          { paragraphs: [[typeof value === 'string' ? styled(value, STYLES.small) : { text: '', style: STYLES.small, ref: value }]] },
        ],
      }),
    ),
  });
  return blocks;
}

const TOC_STYLES = { 1: STYLES.toc1, 2: STYLES.toc2, 3: STYLES.toc3 } as const;
const TOC_INDENT = { 1: 0, 2: 14, 3: 28 } as const;

export function contentsBlocks(entries: ContentsEntry[]): Block[] {
  const blocks: Block[] = [{ kind: 'page-break' }, heading(1, 'Contents', anchors.contents), { kind: 'space', height: 6 }];
  for (const e of entries) {
    if (!e.listed) continue;
    blocks.push({
      kind: 'toc-entry',
      spans: [styled(e.title, TOC_STYLES[e.level])],
      indent: TOC_INDENT[e.level],
      target: e.key,
      page: pageRef(e.key),
      spaceBefore: e.level === 1 ? 10 : e.level === 2 ? 3 : 1,
    });
  }
  return blocks;
}
