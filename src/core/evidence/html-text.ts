/*
 * Plain text from stored files that are not PDFs: HTML reduced to what a reader sees (scripts, styles and
 * markup dropped, block elements on their own lines, entities decoded), plain text decoded as written.
 * This feeds search, not display: it only has to be faithful about words, never to execute or render.
 */
import { Parser } from 'htmlparser2';
import iconv from 'iconv-lite';

const BLOCK = new Set(['p', 'div', 'br', 'hr', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'section', 'article', 'header', 'footer', 'nav', 'aside', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'figure', 'figcaption', 'dd', 'dt', 'dl', 'title', 'address']);
/** Elements whose text a reader never sees; <head> is one, but the <title> inside it is shown. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);

export function htmlToText(html: string): string {
  const out: string[] = [];
  const hidden: string[] = [];
  let inTitle = false;
  const breakFor = (tag: string) => out.push(BLOCK.has(tag) ? '\n' : ' ');
  // htmlparser2 tokenises as a browser does (implied end tags, raw text in <script>, entities decoded).
  const parser = new Parser(
    {
      onopentag(tag) {
        if (HIDDEN.has(tag)) hidden.push(tag);
        if (tag === 'title') inTitle = true;
        breakFor(tag);
      },
      ontext(text) {
        if (hidden.length === 0 || (inTitle && hidden.every((t) => t === 'head'))) out.push(text);
      },
      onclosetag(tag) {
        if (HIDDEN.has(tag)) hidden.splice(hidden.lastIndexOf(tag), 1);
        if (tag === 'title') inTitle = false;
        breakFor(tag);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out
    .join('')
    .replace(/\u00ad/g, '') // soft hyphens would split words for search
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
}

/** The text of a document's <title> (not an SVG's), entities decoded; undefined when it has none. */
export function documentTitle(html: string): string | undefined {
  let title: string | undefined;
  let inSvg = 0;
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(tag) {
        if (tag === 'svg') inSvg++;
        if (tag === 'title' && !inSvg && title === undefined) {
          inTitle = true;
          title = '';
        }
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(tag) {
        if (tag === 'svg') inSvg--;
        if (tag === 'title') inTitle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return title;
}

/** The charset a document declares: a byte-order mark, else a <meta> in its first 2 KB; UTF-8 when neither. */
export function declaredCharset(bytes: Uint8Array, isHtml: boolean): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (isHtml) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
    const label = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(head)?.[1];
    if (label) {
      try {
        return new TextDecoder(label).encoding;
      } catch {
        // An unknown label: fall through to UTF-8, which is what browsers assume for modern pages.
      }
    }
  }
  return 'utf-8';
}

export function decodeText(bytes: Uint8Array, isHtml: boolean): string {
  if (!isHtml) {
    const plain = decodePlainText(bytes);
    if (plain) return plain.text;
  }
  return new TextDecoder(declaredCharset(bytes, isHtml)).decode(bytes);
}

/** Whether a media type is a web page's. */
export const isHtml = (mediaType: string): boolean => mediaType === 'text/html' || mediaType === 'application/xhtml+xml';

export type PlainTextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes below 0x20 that text files hold: tab, line feed, form feed, carriage return, escape. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]);

/**
 * A plain-text file decoded as it was written, or undefined when it is not text. A byte-order mark says which
 * Unicode form it is (Windows Notepad's "Unicode" is UTF-16LE); without one, UTF-8 when the bytes are valid
 * UTF-8, else Windows-1252, the encoding of older Windows text files ("café", "€", curly quotes). Either way the
 * result must look like text: no NUL, and almost no other control characters.
 */
export function decodePlainText(bytes: Uint8Array): { text: string; encoding: PlainTextEncoding } | undefined {
  const decoded = decodeAs(bytes);
  if (!decoded) return undefined;
  let controls = 0;
  for (let i = 0; i < decoded.text.length; i++) {
    const c = decoded.text.charCodeAt(i);
    if (c === 0 || (c < 0x20 && !TEXT_CONTROLS.has(c))) controls++;
  }
  return controls > decoded.text.length / 100 ? undefined : decoded;
}

function decodeAs(bytes: Uint8Array): { text: string; encoding: PlainTextEncoding } | undefined {
  const strict = (encoding: PlainTextEncoding) => {
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      return undefined;
    }
  };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be');
  if (bytes.includes(0)) return undefined;
  // Not TextDecoder: Node 20's decodes windows-1252 as ISO-8859-1, turning “quotes”, dashes and € into control codes.
  return strict('utf-8') ?? { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252'), encoding: 'windows-1252' };
}
