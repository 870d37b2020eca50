/*
 * The pages an exhibit brings: a separator sheet (its number, the source it belongs to, the file's fingerprint),
 * then the file itself — merged PDF pages, an image scaled to fit its own page, plain text set in type — or a
 * placeholder page saying why it could not be included and what to do.
 */
import { heading, paragraph, type Block, type DisplayPage, type TableRow } from '../typesetting/blocks';
import { captureSpans, formatBytes, formatTimestamp, styled } from '../sections/citations';
import { pageRef, type BuildContext } from '../context';
import { exhibitAddedBy } from '../sections/custody';
import type { PlainTextEncoding } from '../../evidence/html-text';
import type { PaperSize } from '../../../shared/dossier';
import type { ExhibitContent, LoadedExhibit } from './exhibits';
import { turnsSideways, type Orientation } from './jpeg';
import type { FontSet } from '../typesetting/fonts';
import { anchors } from '../model';
import { truncate, type Span } from '../typesetting/text';
import { COLOURS, MARGINS, PAPER, STYLES, withColour, type TextStyle } from '../typesetting/theme';

const NUMBER: TextStyle = { face: 'sans-bold', size: 44, leading: 50, color: COLOURS.heading };
const SOURCE_TITLE: TextStyle = { face: 'serif', size: 15, leading: 20, color: COLOURS.text };

const ENCODING_NAMES: Record<PlainTextEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', 'windows-1252': 'Windows-1252' };

function detailRows(ctx: BuildContext, loaded: LoadedExhibit, extra: [string, Span[]][] = []): TableRow[] {
  const a = loaded.slot.attachment;
  const addedBy = exhibitAddedBy(ctx, loaded.slot);
  const rows: [string, Span[]][] = [
    ['File name', [styled(a.fileName, STYLES.small)]],
    ['Recorded type', [styled(a.mediaType, STYLES.small)]],
    ['Size', [styled(formatBytes(a.size), STYLES.small)]],
    ['SHA-256', [styled(loaded.slot.sha256, STYLES.mono)]],
    ['Added', [styled(formatTimestamp(a.addedAt) + (addedBy ? ` by ${addedBy}` : ''), STYLES.small)]],
    ...(a.capture ? ([['Captured', captureSpans(a.capture, STYLES.small)]] as [string, Span[]][]) : []),
    ...extra,
  ];
  return rows.map(([label, value]) => ({ cells: [{ paragraphs: [[styled(label.toUpperCase(), STYLES.label)]] }, { paragraphs: [value] }] }));
}

const detailsTable = (rows: TableRow[]): Block => ({
  kind: 'table',
  variant: 'plain',
  columns: [
    { header: '', weight: 22 },
    { header: '', weight: 78 },
  ],
  rows,
});

/** The divider before the exhibits: each exhibit with its file, whether it is included, and its page. */
export function exhibitsIndexBlocks(ctx: BuildContext): Block[] {
  const blocks: Block[] = [
    { kind: 'page-break' },
    heading(1, 'Exhibits', anchors.exhibits),
    paragraph(
      [
        styled(
          'Each file attached to a source in this dossier, in the order first cited. Each exhibit begins with a separator sheet giving its number, its source and the SHA-256 fingerprint of the file.',
          STYLES.smallMuted,
        ),
      ],
      { spaceAfter: 10 },
    ),
  ];
  for (const slot of ctx.model.exhibits) {
    const loaded = ctx.exhibits.get(slot)!;
    const content = loaded.content;
    const note =
      content.kind === 'placeholder'
        ? ' (not included: see its placeholder page)'
        : content.kind === 'media'
          ? ` (${content.what}: listed, as it cannot be printed)`
          : content.kind === 'rendered'
            ? ` (captured web page, rendered as ${content.rendering.number})`
            : '';
    blocks.push({
      kind: 'toc-entry',
      spans: [
        styled(`${slot.number}  `, STYLES.toc1),
        styled(slot.citedBy[0].source.record.title, STYLES.toc2),
        styled(`\n${slot.attachment.fileName}${note}`, STYLES.toc3),
      ],
      indent: 0,
      target: slot.anchor,
      page: pageRef(slot.anchor),
      spaceBefore: 6,
    });
  }
  return blocks;
}

export function separatorBlocks(ctx: BuildContext, loaded: LoadedExhibit): Block[] {
  const { slot, content } = loaded;
  const cited = slot.citedBy.map((c) => `${c.source.label} in “${c.caseModel.record.title}”`);
  const citedText = [...new Set(cited)].join('; ');
  const first = anchors.exhibitPage(slot.number, 1);
  const pages = contentSummary(content, first);
  return [
    { kind: 'page-break' },
    { kind: 'space', height: 120 },
    paragraph([styled('EXHIBIT', STYLES.kicker)], { anchor: slot.anchor, spaceAfter: 2, keepWithNext: true }),
    // An exhibit without pages of its own is found at its separator sheet.
    ...(content.kind === 'media' || content.kind === 'rendered' ? [{ kind: 'anchor' as const, id: first }] : []),
    paragraph([styled(slot.number, NUMBER)], { spaceAfter: 4 }),
    { kind: 'rule', color: COLOURS.heading, weight: 1.4, spaceBefore: 4, spaceAfter: 14 },
    paragraph([styled(slot.citedBy[0].source.record.title, SOURCE_TITLE)], { spaceAfter: 6 }),
    paragraph([styled(`Cited as ${citedText}.`, STYLES.smallMuted)], { spaceAfter: 18 }),
    {
      kind: 'panel',
      fill: COLOURS.tableStripe,
      rule: COLOURS.rule,
      blocks: [detailsTable(detailRows(ctx, loaded, [['Content', pages]]))],
    },
    paragraph(
      [
        styled(
          'The SHA-256 fingerprint identifies the file exactly: any copy with the same fingerprint is the same file, byte for byte. The integrity appendix lists every exhibit’s fingerprint.',
          STYLES.smallMuted,
        ),
      ],
      { spaceBefore: 10 },
    ),
    ...(loaded.redacted
      ? [
          paragraph([styled(`Redacted copy: ${loaded.redacted}. The fingerprint is that of the original file, which this copy no longer matches.`, STYLES.smallMuted)], {
            spaceBefore: 6,
          }),
        ]
      : []),
  ];
}

/** The separator sheet's "Content" line: what the exhibit is and where its pages start. */
function contentSummary(content: ExhibitContent, first: string): Span[] {
  const startsOn: Span = { text: '', style: STYLES.small, ref: pageRef(first, (p) => `starting on dossier p. ${p}`) };
  switch (content.kind) {
    case 'placeholder':
      return [styled('Not included: see the next page for why. ', STYLES.small)];
    case 'pdf':
      return [styled(`${content.pages.length} page${content.pages.length === 1 ? '' : 's'}, `, STYLES.small), startsOn];
    case 'image':
      if (content.format === 'pdf') {
        const count = `${content.pages.length} page${content.pages.length === 1 ? '' : 's'}`;
        return [styled(`PDF document, damaged: ${count} as pictures of its pages (its text cannot be selected), `, STYLES.small), startsOn];
      }
      return [styled(content.pages.length > 1 ? `Image, ${content.pages.length} pages, ` : 'Image, ', STYLES.small), startsOn];
    case 'text':
      return [styled(content.webPage ? 'Web page (its text), ' : 'Plain text, ', STYLES.small), startsOn];
    case 'email':
      return [styled(`Email message${content.attachments.length ? ` with ${content.attachments.length} attached file${content.attachments.length === 1 ? '' : 's'}` : ''}, `, STYLES.small), startsOn];
    case 'media':
      return [
        styled(
          `${content.what === 'audio' ? 'Audio' : 'Video'} recording. It cannot be printed: it is listed here so that it keeps its exhibit number, and the SHA-256 fingerprint above identifies the file exactly.`,
          STYLES.small,
        ),
      ];
    case 'rendered': {
      const anchor = content.rendering.anchor;
      const link = withColour(STYLES.small, COLOURS.link);
      return [
        styled('Web page as captured (HTML). Its rendering, as the page looked when it was captured, is ', STYLES.small),
        { text: `${content.rendering.number}, `, style: link, link: { kind: 'dest', anchor } },
        { text: '', style: link, link: { kind: 'dest', anchor }, ref: pageRef(anchor, (p) => `dossier p. ${p}`) },
        styled('.', STYLES.small),
      ];
    }
  }
}

export function placeholderBlocks(ctx: BuildContext, loaded: LoadedExhibit): Block[] {
  const content = loaded.content;
  if (content.kind !== 'placeholder') return [];
  const remedy = content.remedy;
  return [
    { kind: 'page-break' },
    { kind: 'anchor', id: anchors.exhibitPage(loaded.slot.number, 1) },
    paragraph([styled(`EXHIBIT ${loaded.slot.number} · PLACEHOLDER`, STYLES.kicker)], { spaceAfter: 4, keepWithNext: true }),
    heading(2, 'This exhibit could not be included'),
    {
      kind: 'panel',
      fill: COLOURS.warningFill,
      rule: COLOURS.warningRule,
      blocks: [
        paragraph([styled(content.reason, STYLES.body)], { spaceAfter: remedy ? 6 : 0 }),
        ...(remedy ? [paragraph([styled('What to do: ', STYLES.bodyBold), styled(remedy, STYLES.body)], { spaceAfter: 0 })] : []),
      ],
    },
    paragraph([styled(`Problem code: ${content.code}`, STYLES.smallMuted)], { spaceBefore: 8, spaceAfter: 14 }),
    heading(4, 'The file as recorded'),
    detailsTable(detailRows(ctx, loaded)),
    paragraph([styled('This page takes the exhibit’s place so that exhibit numbers and page numbers stay the same when the file is later included.', STYLES.smallMuted)], {
      spaceBefore: 10,
    }),
  ];
}

export function textExhibitBlocks(loaded: LoadedExhibit, content: Extract<ExhibitContent, { kind: 'text' }>): Block[] {
  const { encoding } = content;
  const what = content.webPage
    ? 'web page as captured: its text, without markup'
    : `plain text${encoding && encoding !== 'utf-8' ? ` (${ENCODING_NAMES[encoding]})` : ''}, reproduced as stored`;
  return [...exhibitTextHeader(loaded, what), ...storedText(content.text)];
}

/** An email: its headers as received, its text, and the files attached to it, listed. */
export function emailExhibitBlocks(loaded: LoadedExhibit, email: Extract<ExhibitContent, { kind: 'email' }>): Block[] {
  const blocks: Block[] = [
    ...exhibitTextHeader(loaded, 'email message as received: its headers and text'),
    detailsTable(email.headers.map(([label, value]) => ({ cells: [{ paragraphs: [[styled(label.toUpperCase(), STYLES.label)]] }, { paragraphs: [[styled(value, STYLES.small)]] }] }))),
    { kind: 'rule', spaceBefore: 8, spaceAfter: 10 },
    ...storedText(email.text || '(The message has no text.)'),
  ];
  if (email.attachments.length) {
    blocks.push(heading(4, 'Files attached to the message'), paragraph([styled('Listed, not reproduced: attach any that matter to the source as files of their own, to bundle them as exhibits.', STYLES.smallMuted)], { spaceAfter: 4 }));
    for (const a of email.attachments) blocks.push(paragraph([styled(`${a.name} `, STYLES.small), styled(`(${a.type}, ${formatBytes(a.size)})`, STYLES.smallMuted)], { spaceAfter: 2 }));
  }
  return blocks;
}

/** The first lines of an exhibit set in type: its number, file name and what the text is. */
function exhibitTextHeader(loaded: LoadedExhibit, what: string): Block[] {
  return [
    { kind: 'page-break' },
    { kind: 'anchor', id: anchors.exhibitPage(loaded.slot.number, 1) },
    paragraph([styled(`${loaded.slot.number} · ${loaded.slot.attachment.fileName} · ${what}`, STYLES.label)], { spaceAfter: 2 }),
    { kind: 'rule', spaceBefore: 2, spaceAfter: 10 },
  ];
}

/** Text as stored: blank lines separate paragraphs; lines within a paragraph keep their breaks, as in the file. */
function storedText(text: string): Block[] {
  const style: TextStyle = { face: 'serif', size: 9.5, leading: 13.5, color: COLOURS.text };
  const blocks: Block[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) blocks.push(paragraph([styled(run.join('\n'), style)], { spaceAfter: 0 }));
    run = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      flush();
      blocks.push({ kind: 'space', height: 7 });
    } else run.push(line);
  }
  flush();
  return blocks;
}

/**
 * An image on its own page, upright as its orientation says: portrait or landscape to suit it, scaled to fit,
 * never enlarged past 2×. `storedWidth` and `storedHeight` are the image's own, before any turn.
 */
export function imagePage(
  loaded: LoadedExhibit,
  imageName: string,
  storedWidth: number,
  storedHeight: number,
  orientation: Orientation,
  fonts: FontSet,
  paper: PaperSize,
  of?: { index: number; count: number },
): DisplayPage {
  const [width, height] = turnsSideways(orientation) ? [storedHeight, storedWidth] : [storedWidth, storedHeight];
  const landscape = width > height * 1.15;
  const sheet = PAPER[paper];
  const pageWidth = landscape ? sheet.height : sheet.width;
  const pageHeight = landscape ? sheet.width : sheet.height;
  const margin = { left: MARGINS.left, right: pageWidth - MARGINS.right, top: MARGINS.top, bottom: pageHeight - MARGINS.bottom };
  const pageOf = of ? ` · page ${of.index} of ${of.count}` : '';
  const caption = truncate(`${loaded.slot.number} · ${loaded.slot.attachment.fileName}${pageOf}`, STYLES.label, margin.right - margin.left, fonts);
  const captionY = pageHeight - margin.top - 9;
  const boxTop = margin.top + 22;
  const boxWidth = margin.right - margin.left;
  const boxHeight = margin.bottom - boxTop;
  const scale = Math.min(boxWidth / width, boxHeight / height, 2);
  const w = width * scale;
  const h = height * scale;
  const x = margin.left + (boxWidth - w) / 2;
  const y = pageHeight - boxTop - (boxHeight - h) / 2 - h;
  return {
    width: pageWidth,
    height: pageHeight,
    items: [
      { kind: 'text', x: margin.left, y: captionY, text: caption, style: STYLES.label },
      { kind: 'image', name: imageName, x, y, w, h, orientation },
      { kind: 'rect', x: x - 0.5, y: y - 0.5, w: w + 1, h: h + 1, stroke: COLOURS.rule, lineWidth: 0.5 },
    ],
    links: [],
  };
}
