/* Mentions found for you: a person's names and aliases found in every kind of text a case holds, attachment text included. */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { tempLibrary } from '../../helpers/temp-library';

const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

async function pdfWithLines(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 760 - i * 18, size: 12, font }));
  return doc.save({ useObjectStreams: false });
}

async function libraryWithMentions() {
  const t = await tempLibrary();
  const { api } = t;
  const c = await api['cases:create']({ fields: { title: 'A school search', summary: 'The review concerns **Jane Doe**, a pupil.' } });
  const other = await api['cases:create']({ fields: { title: 'Another case', summary: 'Nobody named here. Janet Doerr is someone else.' } });
  const s = await api['sources:create']({ caseId: c.id, fields: { title: 'Statement of JANE DOE', description: 'Taken from J.D. at home.' } });
  const note = await api['notes:create']({
    caseId: c.id,
    fields: { title: 'Reading notes', body: 'Jane\nDoe was 15.', quotations: [{ sourceId: s.id, quote: 'I asked for Jané Doe’s mother.' }] },
  });
  const event = await api['events:create']({ caseId: c.id, fields: { date: { value: '2020-12' }, title: 'Search of J.D.', description: 'No appropriate adult.' } });
  const text = await api['attachments:add']({ caseId: c.id, sourceId: s.id, fileName: 'notes.txt', contentBase64: base64('Line one.\nThe officers spoke to Jane Doe alone.\n') });
  const pdf = await api['attachments:add']({
    caseId: c.id,
    sourceId: s.id,
    fileName: 'review.pdf',
    contentBase64: base64(await pdfWithLines(['Page text about JANE', 'DOE and her school.', 'Later Ja-', 'ne Doe said so.'])),
  });
  const trashed = await api['notes:create']({ caseId: c.id, fields: { title: 'Jane Doe, old note' } });
  await api['notes:delete']({ caseId: c.id, noteId: trashed.id });
  const person = await api['people:create']({ fields: { name: 'Jane Doe', aliases: ['J.D.'], anonymity: { cipher: 'Child Q', reason: 'child' }, cases: [{ caseId: c.id, role: 'victim' }] } });
  return { ...t, c, other, s, note, event, text, pdf, person };
}

describe('mentions of a person', () => {
  it('are found in a summary, a source title and description, a note body and quotation, an event, and attachment text', async () => {
    const { api, c, s, note, event, text, pdf, person } = await libraryWithMentions();
    const details = await api['people:get']({ personId: person.id });
    const where = details.mentions.map((m) => [m.kind, m.recordId, m.field, m.name, m.excerpt.slice(m.highlight.start, m.highlight.end), m.attachmentId ?? null]);
    expect(where).toEqual([
      ['case', c.id, 'summary', 'Jane Doe', 'Jane Doe', null],
      ['source', s.id, 'title', 'Jane Doe', 'JANE DOE', null],
      ['source', s.id, 'description', 'J.D.', 'J.D.', null],
      ['note', note.id, 'body', 'Jane Doe', 'Jane Doe', null],
      ['note', note.id, 'quotation', 'Jane Doe', 'Jané Doe', null],
      ['event', event.id, 'title', 'J.D.', 'J.D.', null],
      ['source', s.id, 'text', 'Jane Doe', 'Jane Doe', text.id],
      ['source', s.id, 'text', 'Jane Doe', 'JANE DOE', pdf.id],
      ['source', s.id, 'text', 'Jane Doe', 'Ja- ne Doe', pdf.id],
    ]);
    expect(details.mentions.find((m) => m.field === 'quotation')?.quotationId).toBe(note.quotations[0].id);
    expect(details.mentions.find((m) => m.attachmentId === pdf.id)).toMatchObject({ fileName: 'review.pdf', page: 0, caseTitle: 'A school search' });
    expect(details.unreadAttachments).toBe(0);
    expect(details.mentionsTruncated).toBe(false);
    expect(details.caseTitles).toEqual({ [c.id]: 'A school search' });
  });

  it('says how many attachments have no text yet, rather than passing over them in silence', async () => {
    const { api, person, dir } = await libraryWithMentions();
    // The text cache is derived data anyone may delete; until it is rebuilt the attachments cannot be searched.
    await rm(path.join(dir, '.cache', 'text'), { recursive: true, force: true });
    const details = await api['people:get']({ personId: person.id });
    expect(details.unreadAttachments).toBe(2);
    expect(details.mentions.some((m) => m.field === 'text')).toBe(false);
  });

  it('follow the register: a new alias is found at once, and a name in the trash or inside another word is not', async () => {
    const { api, person, event, c } = await libraryWithMentions();
    await api['events:update']({ caseId: c.id, eventId: event.id, patch: { description: 'Pupil Q was taken out of the exam.' } });
    await api['people:update']({ personId: person.id, patch: { aliases: ['J.D.', 'Pupil Q'] } });
    const details = await api['people:get']({ personId: person.id });
    const excerpts = details.mentions.map((m) => m.excerpt);
    expect(excerpts.some((e) => e.includes('Pupil Q was taken'))).toBe(true);
    expect(excerpts.some((e) => e.includes('old note'))).toBe(false);
    expect(excerpts.some((e) => e.includes('Janet Doerr'))).toBe(false);
  });
});
