/*
 * Markdown to safe HTML in Node, exactly as the window does it (shared/markdown-policy.ts): markdown-it with raw
 * HTML off, then DOMPurify, here over a jsdom window since Node has no DOM of its own. Links open in a new tab
 * and tell the target nothing about where they came from.
 */
import { createRequire } from 'node:module';
import createDOMPurify from 'dompurify';
import type { JSDOM as JSDOMClass } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { MARKDOWN_OPTIONS, SANITISE_OPTIONS } from '../../shared/markdown-policy';

const md = new MarkdownIt(MARKDOWN_OPTIONS);
// jsdom takes a good part of a second to load: only a command that renders Markdown pays for it, when it first does.
const requireFromHere = createRequire(import.meta.url);
let purifier: ReturnType<typeof createDOMPurify> | undefined;

function purify(): ReturnType<typeof createDOMPurify> {
  if (!purifier) {
    const { JSDOM } = requireFromHere('jsdom') as { JSDOM: typeof JSDOMClass };
    purifier = createDOMPurify(new JSDOM('').window as unknown as Parameters<typeof createDOMPurify>[0]);
    purifier.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  return purifier;
}

export function renderMarkdown(source: string): string {
  return purify().sanitize(md.render(source), SANITISE_OPTIONS) as string;
}
