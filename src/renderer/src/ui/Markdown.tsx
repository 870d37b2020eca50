/*
 * Markdown from people's notes, rendered safely: markdown-it with raw HTML off, then DOMPurify over its
 * output (the policy in shared/markdown-policy.ts, which the static site shares), and links marked to open outside the app (the main process sends http(s) and mailto links to
 * the system browser and refuses everything else).
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';
import { MARKDOWN_OPTIONS, SANITISE_OPTIONS } from '../../../shared/markdown-policy';
import { findNameOccurrences } from '../../../shared/name-matcher';

const md = new MarkdownIt(MARKDOWN_OPTIONS);

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function renderMarkdown(source: string): string {
  return DOMPurify.sanitize(md.render(source), SANITISE_OPTIONS);
}

/**
 * Marks every occurrence of `names` in sanitised HTML's text with <mark class="person-mention">, node by node
 * (a name split by markup, "**Jane** Doe", is not marked). Only text nodes are split; nothing else changes.
 */
export function highlightNames(html: string, names: readonly string[]): string {
  if (names.length === 0) return html;
  const template = document.createElement('template');
  template.innerHTML = html;
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const node of texts) {
    const text = node.data;
    const found = findNameOccurrences(text, names);
    if (found.length === 0) continue;
    const parts = document.createDocumentFragment();
    let at = 0;
    for (const o of found) {
      parts.append(text.slice(at, o.start));
      const mark = document.createElement('mark');
      mark.className = 'person-mention';
      mark.title = `In the people register: ${o.name}`;
      mark.textContent = text.slice(o.start, o.end);
      parts.append(mark);
      at = o.end;
    }
    parts.append(text.slice(at));
    node.replaceWith(parts);
  }
  return template.innerHTML;
}

export function Markdown({ source, className, names }: { source: string; className?: string; /** People's names to mark in the text. */ names?: readonly string[] }) {
  const html = useMemo(() => (names?.length ? highlightNames(renderMarkdown(source), names) : renderMarkdown(source)), [source, names]);
  // Sanitised by DOMPurify above; markdown-it never passes raw HTML through (html: false).
  return <div className={`markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
