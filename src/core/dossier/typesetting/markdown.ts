/*
 * Markdown (case summaries, notes, descriptions) → blocks. Raw HTML is shown as text, never interpreted; links
 * become clickable only for http(s) and mailto addresses. Headings inside a note sit below the note's own title.
 */
import MarkdownIt from 'markdown-it';
import { paragraph, type Block, type HeadingBlock, type TableRow } from './blocks';
import type { LinkTarget, Span } from './text';
import { COLOURS, STYLES, emphasise, type TextStyle } from './theme';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export interface MarkdownOptions {
  /** Level given to a markdown "#" heading; deeper ones follow, down to level 4. */
  headingLevel: HeadingBlock['level'];
  style?: TextStyle;
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

export function markdownBlocks(source: string, options: MarkdownOptions): Block[] {
  if (!source.trim()) return [];
  const tokens = md.parse(source, {});
  const cursor = { i: 0 };
  return readBlocks(tokens, cursor, options, undefined, false);
}

/** Markdown flattened to paragraphs of spans, for table cells and other places without room for structure. */
export function markdownParagraphs(source: string, style: TextStyle): Span[][] {
  const out: Span[][] = [];
  const walk = (blocks: Block[], prefix: string) => {
    for (const b of blocks) {
      if (b.kind === 'paragraph' || b.kind === 'heading') out.push(prefix ? [{ text: prefix, style }, ...b.spans] : b.spans);
      else if (b.kind === 'list') b.items.forEach((item, n) => walk(item, b.ordered ? `${b.start + n}. ` : '• '));
      else if (b.kind === 'quote') walk(b.blocks, '');
      else if (b.kind === 'table') for (const row of b.rows) out.push(row.cells.flatMap((c, k) => [...(k ? [{ text: ' | ', style }] : []), ...c.paragraphs.flat()]));
    }
  };
  walk(markdownBlocks(source, { headingLevel: 4, style }), '');
  return out.map((spans) => spans.map((s) => ({ ...s, style: s.style === STYLES.h4 ? emphasised(style, true, false) : s.style })));
}

function readBlocks(tokens: Token[], cursor: { i: number }, options: MarkdownOptions, until: string | undefined, tight: boolean): Block[] {
  const blocks: Block[] = [];
  const style = options.style ?? STYLES.body;
  while (cursor.i < tokens.length) {
    const t = tokens[cursor.i];
    if (until && t.type === until) {
      cursor.i++;
      return blocks;
    }
    cursor.i++;
    switch (t.type) {
      case 'heading_open': {
        const depth = Number(t.tag.slice(1));
        const level = Math.min(4, options.headingLevel + depth - 1) as HeadingBlock['level'];
        const inline = tokens[cursor.i++];
        cursor.i++; // heading_close
        const headingStyle = { 1: STYLES.h1, 2: STYLES.h2, 3: STYLES.h3, 4: STYLES.h4 }[level];
        if (depth > 3) blocks.push(paragraph(inlineSpans(inline, emphasised(style, true, false)), { keepWithNext: true, spaceAfter: 3 }));
        else blocks.push({ kind: 'heading', level, spans: inlineSpans(inline, headingStyle) });
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[cursor.i++];
        cursor.i++; // paragraph_close
        blocks.push(paragraph(inlineSpans(inline, style), { spaceAfter: tight ? 2 : undefined }));
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = t.type === 'ordered_list_open';
        const start = Number(t.attrGet('start') ?? 1) || 1;
        const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
        const items: Block[][] = [];
        while (cursor.i < tokens.length && tokens[cursor.i].type !== close) {
          const item = tokens[cursor.i++];
          if (item.type !== 'list_item_open') continue;
          const isTight = tokens[cursor.i]?.type === 'paragraph_open' && tokens[cursor.i].hidden;
          items.push(readBlocks(tokens, cursor, options, 'list_item_close', isTight));
        }
        cursor.i++;
        blocks.push({ kind: 'list', ordered, start, items });
        break;
      }
      case 'blockquote_open':
        blocks.push({ kind: 'quote', blocks: readBlocks(tokens, cursor, { ...options, style: STYLES.quote }, 'blockquote_close', false) });
        break;
      case 'fence':
      case 'code_block':
        blocks.push(paragraph([{ text: t.content.replace(/\n$/, ''), style: STYLES.mono }], { indent: 8 }));
        break;
      case 'hr':
        blocks.push({ kind: 'rule', spaceBefore: 8, spaceAfter: 10 });
        break;
      case 'table_open':
        blocks.push(readTable(tokens, cursor));
        break;
      default:
        break; // closing tokens of containers handled by their openers; html is disabled
    }
  }
  return blocks;
}

function readTable(tokens: Token[], cursor: { i: number }): Block {
  const header: string[] = [];
  const rows: TableRow[] = [];
  let row: TableRow | undefined;
  let inHead = false;
  while (cursor.i < tokens.length && tokens[cursor.i].type !== 'table_close') {
    const t = tokens[cursor.i++];
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open' && !inHead) rows.push((row = { cells: [] }));
    else if (t.type === 'inline') {
      if (inHead) header.push(t.content);
      else row?.cells.push({ paragraphs: [inlineSpans(t, STYLES.table)] });
    }
  }
  cursor.i++;
  const width = Math.max(header.length, ...rows.map((r) => r.cells.length));
  for (const r of rows) while (r.cells.length < width) r.cells.push({ paragraphs: [] });
  return {
    kind: 'table',
    variant: 'grid',
    columns: Array.from({ length: width }, (_, i) => ({ header: header[i] ?? '', weight: 1 })),
    rows,
  };
}

function emphasised(base: TextStyle, bold: boolean, italic: boolean): TextStyle {
  return { ...base, face: emphasise(base.face, bold, italic) };
}

function inlineSpans(inline: Token, base: TextStyle): Span[] {
  const spans: Span[] = [];
  let bold = 0;
  let italic = 0;
  const links: (LinkTarget | undefined)[] = [];
  const styleNow = (): TextStyle => {
    const s = bold || italic ? emphasised(base, bold > 0, italic > 0) : base;
    return links.length && links[links.length - 1] ? { ...s, color: COLOURS.link } : s;
  };
  const push = (text: string, style = styleNow()) => {
    if (!text) return;
    const link = links[links.length - 1];
    spans.push(link ? { text, style, link } : { text, style });
  };
  for (const t of inline.children ?? []) {
    switch (t.type) {
      case 'text':
        push(t.content);
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 'link_open': {
        const href = String(t.attrGet('href') ?? '');
        links.push(SAFE_LINK.test(href) ? { kind: 'uri', uri: href } : undefined);
        break;
      }
      case 'link_close':
        links.pop();
        break;
      case 'code_inline':
        push(t.content, { ...STYLES.mono, size: base.size * 0.9, leading: base.leading });
        break;
      case 'image':
        push(`[image: ${t.content || 'untitled'}]`, emphasised(base, false, true));
        break;
      default:
        if (t.content) push(t.content);
    }
  }
  return spans;
}
