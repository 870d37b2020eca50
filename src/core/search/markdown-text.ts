/*
 * Markdown fields (case summaries, note bodies, descriptions) are indexed and shown in search results as
 * the text a reader sees: "## Findings … *twelve* officers … [the report](https://…)" becomes
 * "Findings … twelve officers … the report". Raw HTML stays as the text it is (markdown-it, html off).
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

type Token = ReturnType<typeof md.parse>[number];

function inlineText(tokens: Token[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'code_inline' || t.type === 'html_inline') out += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += ' ';
    else if (t.type === 'image') out += inlineText(t.children ?? []);
  }
  return out;
}

/** Markdown as plain text: one line per block (paragraph, heading, list item, code block), markup removed. */
export function markdownToText(source: string): string {
  if (!/[*_`#>[\]!|~<\-+=]|^\s*\d+\./m.test(source)) return source; // nothing Markdown could mean: as it is
  const lines: string[] = [];
  for (const t of md.parse(source, {})) {
    if (t.type === 'inline') lines.push(inlineText(t.children ?? []));
    else if (t.type === 'fence' || t.type === 'code_block') lines.push(t.content.trimEnd());
  }
  return lines.filter((l) => l.trim()).join('\n');
}
