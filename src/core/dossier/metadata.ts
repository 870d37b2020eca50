/*
 * Document-level settings: the information dictionary (and for PDF/A its XMP twin), viewer preferences, page
 * labels and the file identifier.
 * Every date comes from the build date and the identifier from a digest of the input, so a rebuild of the same
 * library with the same options is byte-identical.
 */
import { PDFHexString, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { BuildContext } from './context';
import { applyPdfA, type DocumentInfo } from './pdfa';

/** `pdfaClaim`: say in the XMP packet that the file is PDF/A-1b (only when no exhibit breaks its rules). */
export function applyMetadata(doc: PDFDocument, ctx: BuildContext, digest: string, outline: PDFRef | undefined, pdfa: { pdfaClaim: boolean }): void {
  const { options } = ctx;
  const caseTitles = ctx.model.cases.map((c) => c.record.title);
  const tags = [...new Set(ctx.model.cases.flatMap((c) => c.record.tags))];
  const info: DocumentInfo = {
    title: options.title,
    author: ctx.compiledBy,
    subject: `Case dossier: ${caseTitles.join('; ')}`,
    // pdf-lib joins keywords with spaces, which would run "case dossier" into the next one: join with semicolons.
    keywords: ['case dossier', ...ctx.model.cases.map((c) => c.record.slug), ...tags, ...(options.marking ? [options.marking] : [])].join('; '),
    creator: 'Casefolio',
    producer: 'Casefolio dossier engine (pdf-lib 1.17.1)',
    date: new Date(`${options.buildDate}T00:00:00Z`),
  };
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.author) doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setKeywords([info.keywords]);
  doc.setCreator(info.creator);
  doc.setProducer(info.producer);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  doc.setLanguage('en-GB');
  if (options.pdfa) applyPdfA(doc, info, { claim: pdfa.pdfaClaim });

  const catalog = doc.catalog;
  if (outline) {
    catalog.set(PDFName.of('Outlines'), outline);
    catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  // Page labels 1, 2, 3… so the viewer's page box matches "Page X of Y" and the contents.
  catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: [0, { S: 'D' }] }));
  const id = PDFHexString.of(digest.slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
}
