/* What an exhibit becomes in the dossier, once read and checked (exhibits.ts): shared by the readers of each kind of file. */
import type { PDFPage, PDFRef } from 'pdf-lib';
import type { EmailMessage } from '../../evidence/email';
import type { PlainTextEncoding } from '../../evidence/html-text';
import type { Orientation } from './jpeg';
import type { ExhibitSlot } from '../model';
import type { ExhibitBookmark } from '../raw-pdf/outline';
import type { DossierWarningCode } from '../types';
import type { Problem } from './exhibit-problem';

export type ExhibitContent =
  /** `labels`: the page labels the PDF prints ("iv", "A-3"), when it has them; `bookmarks`: its own outline. */
  | { kind: 'pdf'; pages: PDFPage[]; labels?: string[]; bookmarks?: ExhibitBookmark[] }
  /**
   * One page a picture (several for a multi-page TIFF), each turned as its `orientation` says (1: as stored).
   * `format: 'pdf'`: a PDF whose pages could not be copied, rendered instead; `renderedBecause` says why.
   */
  | { kind: 'image'; format: 'png' | 'jpeg' | 'tiff'; pages: ImagePage[] }
  | { kind: 'image'; format: 'pdf'; pages: ImagePage[]; renderedBecause: string }
  /**
   * Text set in type: a plain-text file (`encoding`: how it was written: UTF-8, UTF-16 with a byte-order mark,
   * or Windows-1252), or a captured web page's text without its markup (`webPage`).
   */
  | { kind: 'text'; text: string; encoding?: PlainTextEncoding; webPage?: boolean }
  /** An email (.eml): its headers as received, its text, and the files attached to it. */
  | ({ kind: 'email' } & EmailMessage)
  /** A recording: listed with its fingerprint, as a bundle lists the media that go with it, since it cannot be printed. */
  | { kind: 'media'; what: 'audio' | 'video' }
  /** A captured web page whose PDF rendering (made by the window when it was captured) is another exhibit. */
  | { kind: 'rendered'; rendering: ExhibitSlot }
  | { kind: 'placeholder'; code: DossierWarningCode; reason: string; remedy: string };

export interface ImagePage {
  image: EmbeddedImage;
  orientation: Orientation;
}

/** An image in the output document: pdf-lib's PDFImage, or data of the file's own (see png.ts, tiff.ts). */
export interface EmbeddedImage {
  ref: PDFRef;
  width: number;
  height: number;
}

/**
 * Set for a redacted dossier (core/dossier/redaction): rewrites an exhibit's file once its fingerprint has been
 * checked and before it is read (a PDF's pages that name someone rebuilt), then what was read from it (a text's
 * names replaced). A file it cannot check becomes a placeholder.
 */
export interface ExhibitRedactor {
  file(slot: ExhibitSlot, bytes: Uint8Array): Promise<Uint8Array | Problem>;
  content(slot: ExhibitSlot, content: ExhibitContent): ExhibitContent;
  /** What it changed in the exhibit, for its separator sheet; undefined when nothing. */
  changed(slot: ExhibitSlot): string | undefined;
}
