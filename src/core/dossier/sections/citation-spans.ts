/*
 * A citation as citation-js formats it in HTML, turned into the layout engine's spans.
 *
 * citeproc's HTML is a small vocabulary: <i> and <b>, <span style="font-style|font-weight: …"> (a style flips
 * italics back to roman inside italics), <sup>/<sub>, small capitals, the csl-entry, csl-left-margin and
 * csl-right-inline <div>s, and character references (&#38; &#60; …), read by htmlparser2. Each tag becomes a change
 * of face or nothing, each reference its character, so no markup ever reaches the PDF; a "<" or "&" a user typed in a title
 * arrives escaped and prints as itself. The left margin holds a numbered style's own number ("1."), which is
 * dropped: the dossier numbers sources S1, S2… in the case's order. Every web address becomes a link.
 */
import { Parser } from 'htmlparser2';
import type { Span } from '../typesetting/text';
import { COLOURS, emphasise, withColour, withFace, type FaceName, type TextStyle } from '../typesetting/theme';

interface Frame {
  tag: string;
  italic?: boolean;
  bold?: boolean;
  /** Content not printed (a numbered style's own number). */
  hidden?: boolean;
  href?: string;
}

interface Segment {
  text: string;
  italic: boolean;
  bold: boolean;
  href?: string;
}

function frameFor(tag: string, attribs: Record<string, string>): Frame {
  const frame: Frame = { tag };
  if (tag === 'i' || tag === 'em') frame.italic = true;
  if (tag === 'b' || tag === 'strong') frame.bold = true;
  const css = (attribs.style ?? '').toLowerCase().replace(/\s+/g, '');
  if (/font-style:(italic|oblique)/.test(css)) frame.italic = true;
  if (css.includes('font-style:normal')) frame.italic = false;
  if (/font-weight:(bold|[6-9]00)/.test(css)) frame.bold = true;
  if (css.includes('font-weight:normal')) frame.bold = false;
  if (tag === 'div' && /\bcsl-left-margin\b/.test(attribs.class ?? '')) frame.hidden = true;
  const href = tag === 'a' ? attribs.href : undefined;
  if (href && /^https?:\/\//i.test(href)) frame.href = href;
  return frame;
}

/** The text of the HTML with, for each run, whether it is italic or bold and where it links to. */
function segments(html: string): Segment[] {
  const out: Segment[] = [];
  const stack: Frame[] = [];
  const current = <K extends 'italic' | 'bold' | 'href'>(key: K): Frame[K] | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i][key] !== undefined) return stack[i][key];
    return undefined;
  };
  // htmlparser2 decodes character references in text and attributes, and reports every element closed.
  const parser = new Parser(
    {
      onopentag(tag, attribs) {
        if (tag === 'br') out.push({ text: ' ', italic: false, bold: false });
        stack.push(frameFor(tag, attribs));
      },
      ontext(text) {
        if (stack.some((f) => f.hidden)) return;
        const segment = { text, italic: current('italic') ?? false, bold: current('bold') ?? false, href: current('href') };
        // Text arrives in pieces (a character reference ends one): join runs set alike, so an address stays whole.
        const last = out[out.length - 1];
        if (last && last.italic === segment.italic && last.bold === segment.bold && last.href === segment.href) last.text += text;
        else out.push(segment);
      },
      onclosetag(tag) {
        const at = stack.map((f) => f.tag).lastIndexOf(tag);
        if (at >= 0) stack.length = at;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

const URL_PATTERN = /https?:\/\/[^\s<>"]+/gi;
/** Punctuation a style puts after an address ("… /page." or "(… /page)") that is not part of it. */
const TRAILING = /[.,;:!?'"’”)\]]+$/;

/** Splits text into plain and address parts; an address the source records is matched exactly, others are trimmed of trailing punctuation. */
function linkAddresses(text: string, knownUrls: string[]): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  let from = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    const start = m.index;
    if (start < from) continue;
    const known = knownUrls.filter((u) => m[0].startsWith(u)).sort((a, b) => b.length - a.length)[0];
    let url = known ?? m[0].replace(TRAILING, '');
    // A closing parenthesis belongs to the address when the address opened one: Wikipedia's "…_(disambiguation)".
    if (!known && m[0].length > url.length && m[0][url.length] === ')' && (url.match(/\(/g) ?? []).length > (url.match(/\)/g) ?? []).length) url += ')';
    if (start > from) parts.push({ text: text.slice(from, start) });
    parts.push({ text: url, href: url });
    from = start + url.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}

/**
 * Spans for a citation in citation-js's HTML: set in `base`, italics and bold in the matching faces of its
 * family, web addresses (those in `knownUrls` matched exactly) as links in the link colour.
 */
export function citationSpans(html: string, base: TextStyle, knownUrls: string[] = []): Span[] {
  const styles = new Map<string, TextStyle>();
  const styleFor = (face: FaceName, link: boolean): TextStyle => {
    const key = `${face}/${link}`;
    let style = styles.get(key);
    if (!style) {
      style = withFace(link ? withColour(base, COLOURS.link) : base, face);
      styles.set(key, style);
    }
    return style;
  };
  const known = knownUrls.filter(Boolean);
  const spans: Span[] = [];
  for (const segment of segments(html)) {
    const face = emphasise(base.face, segment.bold, segment.italic);
    const pieces = segment.href ? [{ text: segment.text, href: segment.href }] : linkAddresses(segment.text, known);
    for (const piece of pieces) {
      const last = spans[spans.length - 1];
      const style = styleFor(face, piece.href !== undefined);
      if (!piece.href && last && !last.link && last.style === style) last.text += piece.text;
      else spans.push(piece.href ? { text: piece.text, style, link: { kind: 'uri', uri: piece.href } } : { text: piece.text, style });
    }
  }
  return spans;
}
