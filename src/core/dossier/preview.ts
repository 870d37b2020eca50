/*
 * dossier:preview and dossier:read — what the export dialog shows before and after an export. The preview
 * builds the dossier in memory exactly as an export would and keeps its first pages and its contents, as a small
 * PDF of their own (links removed, so no other page is dragged along). Reading back a finished dossier is allowed
 * only for a file this window chose to write, and only if it is a PDF.
 */
import { open, stat } from 'node:fs/promises';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { ParsedInput } from '../../shared/api/contract';
import type { DossierPreview } from '../../shared/api/types';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import type { Shell } from '../shell';
import { compileDossier } from './export';

/** The most pages a preview holds, the contents included. */
const MAX_PREVIEW_PAGES = 40;
const MAX_READ_BYTES = 100 * 1024 * 1024;

export async function previewDossier(lib: CaseLibrary, input: ParsedInput<'dossier:preview'>): Promise<DossierPreview> {
  const { pages: wanted, ...settings } = input;
  const result = await compileDossier(lib, settings);
  const totalPages = result.pageMap.reduce((max, e) => Math.max(max, e.endPage), 0);
  const contentsEnd = result.pageMap.find((e) => e.kind === 'contents')?.endPage ?? 0;
  const count = Math.min(totalPages, MAX_PREVIEW_PAGES, Math.max(wanted, contentsEnd));
  const pages = Array.from({ length: count }, (_, i) => i + 1);

  const whole = await PDFDocument.load(result.bytes, { updateMetadata: false });
  const preview = await PDFDocument.create({ updateMetadata: false });
  for (const index of pages.map((p) => p - 1)) whole.getPage(index).node.delete(PDFName.of('Annots'));
  for (const page of await preview.copyPages(whole, pages.map((p) => p - 1))) preview.addPage(page);
  preview.setTitle(`Preview: ${whole.getTitle() ?? 'dossier'}`);
  const bytes = await preview.save();
  return { pdfBase64: Buffer.from(bytes).toString('base64'), pages, totalPages, warnings: result.warnings, pageMap: result.pageMap };
}

export async function readExportedDossier(shell: Shell, file: string): Promise<{ pdfBase64: string }> {
  if (!/\.pdf$/i.test(file) || !shell.mayWriteDossier(file)) throw new ApiError('FORBIDDEN', 'Casefolio shows only dossiers this window has exported.');
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new ApiError('NOT_FOUND', 'That dossier is no longer where it was saved. Export it again.');
  }
  if (size > MAX_READ_BYTES) throw new ApiError('UNSUPPORTED', `This dossier is ${Math.round(size / 1048576)} MB, too large for the built-in viewer (100 MB). Open it in a PDF reader instead.`);
  const handle = await open(file, 'r');
  try {
    const bytes = await handle.readFile();
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ApiError('UNSUPPORTED', 'That file is not a PDF.');
    return { pdfBase64: bytes.toString('base64') };
  } finally {
    await handle.close();
  }
}
