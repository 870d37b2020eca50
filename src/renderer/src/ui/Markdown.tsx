/*
 * Markdown from people's notes, rendered safely: markdown-it with raw HTML off, then DOMPurify over its
 * output (the policy in shared/markdown-policy.ts, which the static site shares), and links marked to open outside the app (the main process sends http(s) and mailto links to
 * the system browser and refuses everything else).
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';
import { MARKDOWN_OPTIONS, SANITISE_OPTIONS } from '../../../shared/markdown-policy';

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

export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // Sanitised by DOMPurify above; markdown-it never passes raw HTML through (html: false).
  return <div className={`markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
