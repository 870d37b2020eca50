/*
 * The back of the dossier: the index of tags (each tag, then every place it is used, with page numbers) and the
 * integrity appendix (every exhibit's file name, size, SHA-256, when and by whom it was added and whether it matched
 * its fingerprint at build, each case's chain of custody, and how the dossier was built).
 */
import { createHash } from 'node:crypto';
import { gridTable, heading, labelValueTable, paragraph, type Block, type TableRow } from '../typesetting/blocks';
import { CITATION_STYLE_TITLES } from '../../../shared/citation-styles';
import { groupDigits } from '../../../shared/numbers';
import { captureSpans, formatDateRange, formatIsoDate, formatTimestamp, styled } from './citations';
import { pageRef, type BuildContext, type ContentsEntry, type SectionOutput } from '../context';
import { addedParagraphs, buildCheckSpans, custodyBlocks } from './custody';
import { anchors } from '../model';
import { batesLabel } from '../options';
import type { Span } from '../typesetting/text';
import { COLOURS, STYLES, withColour } from '../typesetting/theme';
import { DOSSIER_SECTIONS } from '../types';

interface TagUse {
  label: string;
  anchor: string;
}

/** Where each tag is used, for the parts of each case that are in the dossier. */
function tagUses(ctx: BuildContext): Map<string, TagUse[]> {
  const uses = new Map<string, TagUse[]>();
  const add = (tags: string[], use: TagUse) => {
    for (const tag of new Set(tags)) {
      const list = uses.get(tag) ?? [];
      list.push(use);
      uses.set(tag, list);
    }
  };
  for (const c of ctx.model.cases) {
    const title = c.record.title;
    add(c.record.tags, { label: `Case: ${title}`, anchor: anchors.case(c.record.id) });
    if (ctx.sections.has('chronology')) {
      for (const e of c.events) add(e.tags, { label: `${title} · event, ${formatDateRange(e.date, e.endDate)}: ${e.title}`, anchor: anchors.event(c.record.id, e.id) });
    }
    if (ctx.sections.has('sources')) {
      for (const s of c.sources) add(s.record.tags, { label: `${title} · source ${s.label}: ${s.record.title}`, anchor: s.anchor });
    }
    if (ctx.sections.has('notes')) {
      for (const n of c.notes) add(n.tags, { label: `${title} · note: ${n.title}`, anchor: anchors.note(c.record.id, n.id) });
    }
  }
  return uses;
}

export function hasCaseParts(ctx: BuildContext): boolean {
  return ['summary', 'chronology', 'sources', 'notes'].some((s) => ctx.sections.has(s as (typeof DOSSIER_SECTIONS)[number]));
}

/** Undefined when nothing in the dossier is tagged: an empty index would only puzzle the reader. */
export function tagIndexSection(ctx: BuildContext): SectionOutput | undefined {
  if (!hasCaseParts(ctx)) return undefined;
  const uses = tagUses(ctx);
  if (!uses.size) return undefined;
  const vocabulary = new Map(ctx.library.tags.map((t) => [t.path, t]));
  const blocks: Block[] = [
    { kind: 'page-break' },
    heading(1, 'Index of tags', anchors.tagIndex),
    paragraph([styled('Every tag used in this dossier, then each place it is used. Descriptions come from the library’s tag vocabulary.', STYLES.smallMuted)], {
      spaceAfter: 8,
    }),
  ];
  const tags = [...uses.keys()].sort((a, b) => a.localeCompare(b, 'en-GB'));
  for (const tag of tags) {
    const spans: Span[] = [styled(tag, { ...STYLES.h4, size: 10 })];
    const description = vocabulary.get(tag)?.description;
    if (description) spans.push(styled(`  ${description}`, STYLES.smallMuted));
    blocks.push(paragraph(spans, { spaceBefore: 8, spaceAfter: 2, keepWithNext: true }));
    for (const use of uses.get(tag)!) {
      blocks.push({ kind: 'toc-entry', spans: [styled(use.label, STYLES.toc3)], indent: 12, target: use.anchor, page: pageRef(use.anchor), spaceBefore: 1 });
    }
  }
  const entry: ContentsEntry = { key: anchors.tagIndex, kind: 'tag-index', title: 'Index of tags', level: 1, listed: true };
  return { blocks, entries: [entry] };
}

export function integritySection(ctx: BuildContext, inputDigest: string): SectionOutput {
  const blocks: Block[] = [
    { kind: 'page-break' },
    heading(1, 'Integrity appendix', anchors.integrity),
    paragraph(
      [
        styled(
          'Each exhibit is identified by the SHA-256 fingerprint of the file as stored in the case file. Anyone holding a copy can confirm it is the same file by computing its fingerprint, for example with “sha256sum FILE” (Linux), “shasum -a 256 FILE” (macOS) or “certutil -hashfile FILE SHA256” (Windows). When this dossier was built, each exhibit’s file was read from the library and its fingerprint computed again: “verified” means it matched; a file that did not match was left out, a placeholder page stands in its place and a warning was given.',
          STYLES.small,
        ),
      ],
      { spaceAfter: 4 },
    ),
    heading(2, 'Exhibits'),
  ];
  if (!ctx.model.exhibits.length) {
    blocks.push(paragraph([styled(ctx.sections.has('exhibits') ? 'No files are attached to the sources in this dossier.' : 'Exhibits were not included in this dossier.', STYLES.smallMuted)]));
  } else {
    const rows: TableRow[] = ctx.model.exhibits.map((slot) => {
      const loaded = ctx.exhibits.get(slot)!;
      const a = slot.attachment;
      const muted = withColour(STYLES.table, COLOURS.muted);
      const placement: Span[][] =
        loaded.content.kind === 'placeholder'
          ? [
              [styled('Placeholder p. ', STYLES.table), { text: '', style: STYLES.table, ref: pageRef(anchors.exhibitPage(slot.number, 1)) }],
              [styled(loaded.content.code.replace('EXHIBIT_', '').toLowerCase().replace(/_/g, ' '), muted)],
            ]
          : [
              [
                { text: '', style: STYLES.table, ref: pageRef(slot.anchor, (p) => `pp. ${p}–`) },
                { text: '', style: STYLES.table, ref: pageRef(anchors.exhibitEnd(slot.number)) },
              ],
            ];
      placement.push(buildCheckSpans(loaded));
      const hash = { ...STYLES.mono, size: 7, leading: 9.6 };
      return {
        cells: [
          { paragraphs: [[{ text: slot.number, style: withColour(STYLES.tableBold, COLOURS.link), link: { kind: 'dest', anchor: slot.anchor } }]] },
          {
            paragraphs: [
              [styled(a.fileName, STYLES.table)],
              [styled(`${a.mediaType}, ${groupDigits(a.size)} bytes`, muted)],
              ...(a.capture ? [[styled('Captured ', muted), ...captureSpans(a.capture, muted)]] : []),
            ],
          },
          { paragraphs: [[styled(slot.sha256.slice(0, 32), hash)], [styled(slot.sha256.slice(32), hash)]] },
          { paragraphs: addedParagraphs(ctx, slot) },
          { paragraphs: placement },
        ],
      };
    });
    blocks.push(gridTable(
      [
        ['No.', 9],
        ['File', 22],
        ['SHA-256', 32],
        ['Added', 19],
        ['In dossier', 18],
      ],
      rows,
    ));
  }
  blocks.push(...custodyBlocks(ctx));
  blocks.push(heading(2, 'How this dossier was built'), parametersTable(ctx, inputDigest));
  const entry: ContentsEntry = { key: anchors.integrity, kind: 'integrity', title: 'Integrity appendix', level: 1, listed: true };
  return { blocks, entries: [entry] };
}

function parametersTable(ctx: BuildContext, inputDigest: string): Block {
  const o = ctx.options;
  const sections = DOSSIER_SECTIONS.filter((s) => ctx.sections.has(s));
  const rows: [string, string][] = [
    ['Title', o.title],
    ['Cases', ctx.model.cases.map((c) => `${c.record.slug} (last changed ${formatTimestamp(c.record.updatedAt)})`).join('; ')],
    ['Sections', sections.join(', ')],
    ['Compiled by', ctx.compiledBy ?? 'not stated'],
    ['Build date', formatIsoDate(o.buildDate)],
    ['Marking', o.marking ?? 'none'],
    ['Citation style', `${CITATION_STYLE_TITLES[o.citationStyle]} (“${o.citationStyle}”)`],
    ...(o.timelineFigure ? [['Timeline figures', 'yes'] as [string, string]] : []),
    ['Bates numbering', o.bates ? `${batesLabel(o.bates, 0)} onwards (prefix “${o.bates.prefix}”, starting at ${o.bates.start}, ${o.bates.digits} digits)` : 'none'],
    ['Library', `${ctx.library.name} (${ctx.library.id})`],
    ['Input fingerprint', inputDigest],
    ['Software', 'Casefolio dossier engine; pdf-lib 1.17.1; citation-js 0.8.2; DejaVu fonts 2.37 (embedded)'],
  ];
  return labelValueTable(rows, 24, (label) => (label === 'Input fingerprint' ? STYLES.mono : STYLES.small));
}

/** SHA-256 of everything the dossier's content depends on, so two dossiers can be shown to come from the same data. */
export function inputDigest(ctx: Pick<BuildContext, 'library' | 'options' | 'custody'>, cases: unknown[]): string {
  const { onProgress: _ignored, paperSize, ...chosen } = ctx.options;
  // A4 was the only paper before it became an option: leaving the default out keeps earlier dossiers' digests.
  const options = paperSize === 'A4' ? chosen : { ...chosen, paperSize };
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ options, tags: ctx.library.tags, userName: ctx.library.settings.userName }));
  for (const c of cases) hash.update(JSON.stringify(c));
  // When the files were checked is not content: the same journal and files give the same digest on any day.
  for (const { checkedAt: _when, ...custody } of ctx.custody?.values() ?? []) hash.update(JSON.stringify(custody));
  return hash.digest('hex');
}
