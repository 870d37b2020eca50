/*
 * A Zotero note (the HTML of Zotero's note editor) as the Markdown Casefolio notes are written in: paragraphs,
 * headings, bold and italics, lists, quotations, line breaks and links (http, https and mailto only). Any other
 * markup is dropped and its text kept; nothing of the HTML survives to be rendered.
 */
import { Parser } from 'htmlparser2';

const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'tr', 'table', 'ul', 'ol']);
const HIDDEN = new Set(['script', 'style', 'head', 'template']);

export function noteHtmlToMarkdown(html: string): string {
  const out: string[] = [];
  const hidden: string[] = [];
  const links: (string | undefined)[] = [];
  let line = '';
  const flush = (separator: string) => {
    if (line.trim()) out.push(line.trim());
    line = '';
    if (separator && out.length && out[out.length - 1] !== separator) out.push(separator);
  };
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        if (HIDDEN.has(tag)) hidden.push(tag);
        if (BLOCKS.has(tag)) flush('');
        if (/^h[1-6]$/.test(tag)) line += `${'#'.repeat(Number(tag[1]))} `;
        else if (tag === 'li') line += '- ';
        else if (tag === 'blockquote') line += '> ';
        else if (tag === 'b' || tag === 'strong') line += '**';
        else if (tag === 'i' || tag === 'em') line += '*';
        else if (tag === 'br') flush('');
        else if (tag === 'a') {
          const href = attrs.href && /^(https?:|mailto:)/i.test(attrs.href) ? attrs.href : undefined;
          links.push(href);
          if (href) line += '[';
        }
      },
      ontext(text) {
        if (hidden.length === 0) line += text.replace(/\s+/g, ' ');
      },
      onclosetag(tag) {
        if (HIDDEN.has(tag)) hidden.splice(hidden.lastIndexOf(tag), 1);
        if (tag === 'b' || tag === 'strong') line += '**';
        else if (tag === 'i' || tag === 'em') line += '*';
        else if (tag === 'a') {
          const href = links.pop();
          if (href) line += `](${href.replace(/[()\s]/g, encodeURIComponent)})`;
        }
        if (BLOCKS.has(tag)) flush(tag === 'li' ? '' : '\n');
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush('');
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
