/*
 * How Markdown from people's notes becomes HTML, wherever it is shown: the window (renderer/ui/Markdown.tsx)
 * and the static site (core/site) use these same settings, so what one refuses the other refuses too.
 * markdown-it with raw HTML off, then DOMPurify with this policy over its output.
 */
export const MARKDOWN_OPTIONS = { html: false, linkify: true, typographer: true, breaks: false } as const;

/** DOMPurify's configuration: only http(s), mailto and in-page links; no styles, images, frames or forms. */
export const SANITISE_OPTIONS = {
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  FORBID_TAGS: ['style', 'img', 'iframe', 'form', 'input'],
  FORBID_ATTR: ['style'],
};
