/*
 * Document-level settings: the information dictionary, viewer preferences, page labels and the file identifier.
 * Every date comes from the build date and the identifier from a digest of the input, so a rebuild of the same
 * library with the same options is byte-identical.
 */
import { PDFHexString, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { BuildContext } from './context';

export function applyMetadata(doc: PDFDocument, ctx: BuildContext, digest: string, outline: PDFRef | undefined): void {
  const { options } = ctx;
  const caseTitles = ctx.model.cases.map((c) => c.record.title);
  doc.setTitle(options.title, { showInWindowTitleBar: true });
  if (ctx.compiledBy) doc.setAuthor(ctx.compiledBy);
  doc.setSubject(`Case dossier: ${caseTitles.join('; ')}`);
  const tags = [...new Set(ctx.model.cases.flatMap((c) => c.record.tags))];
  // pdf-lib joins keywords with spaces, which would run "case dossier" into the next one: join with semicolons.
  doc.setKeywords([['case dossier', ...ctx.model.cases.map((c) => c.record.slug), ...tags, ...(options.marking ? [options.marking] : [])].join('; ')]);
  doc.setCreator('Casefolio');
  doc.setProducer('Casefolio dossier engine (pdf-lib 1.17.1)');
  const date = new Date(`${options.buildDate}T00:00:00Z`);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('en-GB');

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
