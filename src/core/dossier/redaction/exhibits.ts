/*
 * What a redacted dossier does to each exhibit, by kind: a PDF's pages that name someone rebuilt (pdf-exhibit.ts);
 * a text, a web page's text or an email has its names replaced like the dossier's own text; a picture, which has
 * no text to search, goes in as it is and is listed for review by hand, as is a scanned page of a PDF.
 */
import type { PdfWorker } from '../../evidence/pdf-worker-host';
import type { ExhibitContent, ExhibitRedactor } from '../exhibits/exhibit-content';
import { claimedKind, describeExhibit, detectKind } from '../exhibits/exhibits';
import type { Problem } from '../exhibits/exhibit-problem';
import type { ExhibitSlot } from '../model';
import type { ExhibitBookmark } from '../raw-pdf/outline';
import type { DossierWarning } from '../types';
import type { RedactionLog } from './log';
import { redactPdf } from './pdf-exhibit';
import type { TextRedactor, RedactorHooks } from './redact-text';
import type { RedactionRule } from './rules';

const place = (slot: ExhibitSlot) => `exhibit ${slot.number} (“${slot.attachment.fileName}”)`;

const slotRef = (slot: ExhibitSlot) => ({
  exhibit: slot.number,
  caseId: slot.citedBy[0].caseModel.record.id,
  sourceId: slot.citedBy[0].source.record.id,
  attachmentId: slot.attachment.id,
});

export function exhibitRedactor(rules: readonly RedactionRule[], text: TextRedactor, log: RedactionLog, warnings: DossierWarning[], hooks: RedactorHooks, worker: PdfWorker): ExhibitRedactor {
  const reviewByHand = (slot: ExhibitSlot, what: string, pages?: number[]) => {
    for (const page of pages ?? [undefined]) log.reviewByHand(page === undefined ? `${place(slot)}: ${what}` : `${place(slot)} › page ${page}: ${what}`);
    const which = pages ? `${pages.length === 1 ? 'page' : 'pages'} ${pages.join(', ')} (scanned, with no text to search)` : what;
    warnings.push({
      code: 'EXHIBIT_REVIEW_BY_HAND',
      message: `${describeExhibit(slot)}: ${which} cannot be checked for the names this redacted dossier leaves out. Look at ${pages && pages.length > 1 ? 'them' : 'it'} before publishing; the redaction log lists ${pages && pages.length > 1 ? 'them' : 'it'} under “to review by hand”.`,
      ...slotRef(slot),
    });
  };
  /** What was changed in each exhibit, by exhibit number, for its separator sheet. */
  const changes = new Map<string, string>();
  /** Redacts a text of the exhibit, noting that names were replaced when any were. */
  const redactIn = (slot: ExhibitSlot, value: string, where: string) => {
    const out = text.text(value, `${place(slot)} › ${where}`);
    if (out !== value && !changes.has(slot.number)) changes.set(slot.number, 'names replaced by ciphers');
    return out;
  };
  return {
    changed: (slot) => changes.get(slot.number),
    async file(slot, bytes): Promise<Uint8Array | Problem> {
      if (detectKind(bytes) !== 'pdf' || claimedKind(slot.attachment.mediaType, slot.attachment.fileName) !== 'pdf') return bytes;
      const redacted = await redactPdf(bytes, rules, hooks.keep, worker);
      if (!redacted.ok) {
        return {
          code: 'EXHIBIT_NOT_REDACTABLE',
          reason: `The PDF was left out of this redacted dossier: its text could not be read to find the names to leave out (${redacted.reason}).`,
          remedy: 'Attach a copy of it printed to PDF from a reader that opens it, or redact it by hand and attach the redacted copy.',
        };
      }
      for (const page of redacted.rebuilt) for (const m of page.matches) log.replaced(m, `${place(slot)} › page ${page.page}`, 'page-rebuilt');
      const pages = redacted.rebuilt.map((r) => r.page);
      if (pages.length) changes.set(slot.number, `${pages.length === 1 ? 'page' : 'pages'} ${pages.join(', ')} rebuilt as ${pages.length === 1 ? 'a picture' : 'pictures'} with names covered`);
      if (redacted.reviewByHand.length) reviewByHand(slot, 'scanned page', redacted.reviewByHand);
      return redacted.bytes;
    },
    content(slot, content): ExhibitContent {
      switch (content.kind) {
        case 'text':
          return { ...content, text: redactIn(slot, content.text, 'text') };
        case 'email':
          return {
            ...content,
            headers: content.headers.map(([label, value]): [string, string] => [label, redactIn(slot, value, label)]),
            text: redactIn(slot, content.text, 'message'),
            attachments: content.attachments.map((a) => ({ ...a, name: redactIn(slot, a.name, 'attached file name') })),
          };
        case 'pdf': {
          // Its own bookmarks go into the dossier's outline: their titles are redacted like any text.
          const redactBookmarks = (marks: ExhibitBookmark[]): ExhibitBookmark[] =>
            marks.map((b) => ({ ...b, title: redactIn(slot, b.title, 'bookmark'), children: redactBookmarks(b.children) }));
          return content.bookmarks ? { ...content, bookmarks: redactBookmarks(content.bookmarks) } : content;
        }
        case 'image':
          reviewByHand(slot, content.format === 'pdf' ? 'pages shown as pictures' : 'picture');
          return content;
        default:
          return content;
      }
    },
  };
}
