/* Plain text into HTML, for pages Casefolio writes as files (the package index, the static site). */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A relative link to a file beside the page: each path segment percent-encoded, so no name becomes markup or a scheme. */
export const relativeHref = (filePath: string) => filePath.split('/').map(encodeURIComponent).join('/');

/** A link to a web address, only for http(s); anything else is shown as text. */
export const webLink = (url: string, text = url) => (/^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer" target="_blank">${escapeHtml(text)}</a>` : escapeHtml(text));
