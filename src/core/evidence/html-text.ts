/*
 * Plain text from stored files that are not PDFs: HTML reduced to what a reader sees (scripts, styles and
 * markup dropped, block elements on their own lines, entities decoded), plain text decoded as written.
 * This feeds search, not display: it only has to be faithful about words, never to execute or render.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’',
  ldquo: '“', rdquo: '”', hellip: '…', copy: '©', reg: '®', trade: '™', pound: '£', euro: '€', sect: '§', para: '¶',
  middot: '·', bull: '•', laquo: '«', raquo: '»', deg: '°', times: '×', shy: '',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const BLOCK = /^(?:p|div|br|hr|li|ul|ol|tr|td|th|table|section|article|header|footer|nav|aside|main|h[1-6]|blockquote|pre|figure|figcaption|dd|dt|dl|title|address)$/i;

export function htmlToText(html: string): string {
  const withoutHidden = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|noscript|template|svg|head)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, (match, tag: string) =>
      // The title is the one part of <head> a reader sees.
      tag.toLowerCase() === 'head' ? ` ${/<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(match)?.[1] ?? ''}\n` : ' ',
    );
  const text = withoutHidden.replace(/<\/?([a-z][a-z0-9-]*)\b[^>]*>/gi, (_match, tag: string) => (BLOCK.test(tag) ? '\n' : ' ')).replace(/<[^>]*>/g, ' ');
  return decodeEntities(text)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
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
  return new TextDecoder(declaredCharset(bytes, isHtml)).decode(bytes);
}
