/*
 * A page's body written early. The layout of a dossier keeps every page until page numbers are settled, and a page
 * held as display items costs about 15 KB of heap (3,000 pages: 50 MB, and the garbage V8 lets grow beside it).
 * A page whose content is final — from a flow without page references, laid out once and reused — is written to
 * operators as soon as it is laid out and kept compressed (2–4 KB), with the text state it ends in; its
 * furniture (header, footer, Bates number, which need the page's final place) is appended when the PDF is written,
 * resuming that state, so the operators are the same as if the page had been written in one go.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DisplayItem, DisplayPage } from './blocks';
import { fontResourceName } from './font-embed';
import type { FontSet } from './fonts';
import { ContentWriter } from './render';
import type { FaceName } from './theme';

/** Our own pages name each face by its shared resource name. */
export const ownFontName = (face: FaceName): string => fontResourceName(face).asString().slice(1);

/**
 * Writes the page's items now and drops them. Level 1: the bytes are inflated again when the PDF is written (and
 * compressed there at the PDF's level), so they only need to be small while they wait, not as small as possible.
 */
export function sealPage(page: DisplayPage, fonts: FontSet): void {
  if (page.sealed) return;
  const writer = new ContentWriter(fonts, ownFontName);
  writer.write(page.items);
  const deflated = deflateRawSync(Buffer.from(writer.take(), 'latin1'), { level: 1 });
  // A short result is a view into zlib's 16 KB output block: copy it out so the block can go.
  page.sealed = { deflated: new Uint8Array(deflated), state: writer.state };
  page.items = [];
}

/** The page's whole content stream: its body (sealed or not) followed by `after` (its furniture). */
export function pageOperators(page: DisplayPage, after: readonly DisplayItem[], fonts: FontSet): string {
  const writer = new ContentWriter(fonts, ownFontName, page.sealed?.state);
  const body = page.sealed ? inflateRawSync(page.sealed.deflated).toString('latin1') : '';
  if (!page.sealed) writer.write(page.items);
  writer.write(after);
  const rest = writer.finish();
  return body && rest ? `${body}\n${rest}` : body || rest;
}
