/*
 * A library with one anonymised person, "Amara Okafor" (alias "Amy Okafor", cipher "Person A"), named in a case's
 * summary, a note, a quotation, an event, a source's title and address, a text attachment and a PDF exhibit made
 * here (the name in capitals, and broken across two lines), and a scan that names her in its picture only.
 */
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { tempLibrary } from '../../../helpers/temp-library';

export const NAME = 'Amara Okafor';
export const ALIAS = 'Amy Okafor';
export const CIPHER = 'Person A';
/** Any of her names, however written: what no redacted output may contain. */
export const ANY_NAME = /amara|okafor|amy/i;

export const EXHIBIT_LINES = [
  'Witness statement taken at the school on 3 May 2020.',
  'The officer spoke to AMARA OKAFOR in the medical room.',
  'Later that afternoon the teacher saw Amara',
  'Okafor in the corridor with two officers.',
  'Nothing in this paragraph names anyone at all.',
];

export async function statementPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  EXHIBIT_LINES.forEach((line, i) => page.drawText(line, { x: 72, y: 760 - i * 18, size: 12, font }));
  const second = doc.addPage([595, 842]);
  second.drawText('A second page about the school’s safeguarding policy.'.replace('’', "'"), { x: 72, y: 760, size: 12, font });
  return doc.save();
}

/** A scanned letter: a picture of text that names her, and no text layer. */
export async function scannedPdf(): Promise<Uint8Array> {
  const canvas = createCanvas(800, 300);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 800, 300);
  ctx.fillStyle = '#000000';
  ctx.font = '36px sans-serif';
  ctx.fillText(`Dear ${NAME},`, 40, 120);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const image = await doc.embedPng(canvas.toBuffer('image/png'));
  const page = doc.addPage([400, 150]);
  page.drawImage(image, { x: 0, y: 0, width: 400, height: 150 });
  page.drawRectangle({ x: 0, y: 0, width: 1, height: 1, color: rgb(1, 1, 1) });
  return doc.save();
}

/** A picture: no text to search, so listed for review by hand. */
export async function photoPng(): Promise<Uint8Array> {
  const canvas = createCanvas(200, 100);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#dddddd';
  ctx.fillRect(0, 0, 200, 100);
  return canvas.toBuffer('image/png');
}

export const EMAIL = [
  'From: Head Teacher <head@school.example>',
  `To: ${NAME} <amara.okafor@home.example>`,
  'Date: Mon, 4 May 2020 09:00:00 +0100',
  `Subject: About ${ALIAS}`,
  'Content-Type: text/plain; charset=utf-8',
  '',
  `We are sorry for what happened to ${NAME} yesterday.`,
  '',
].join('\r\n');

export async function redactionLibrary(options: { scan?: boolean } = {}) {
  const { api, lib, dir, session } = await tempLibrary();
  const c = await api['cases:create']({ fields: { title: `${NAME}: strip search`, summary: `${NAME}, 15, was strip-searched at school.` } });
  const caseId = c.id;
  const source = await api['sources:create']({
    caseId,
    fields: { title: `Interview with ${NAME}'s mother`, url: 'https://example.org/news/amara-okafor-interview' },
  });
  await api['notes:create']({
    caseId,
    fields: { title: 'Call with the family', body: `Spoke with ${ALIAS.toLowerCase()} on the phone.`, quotations: [{ sourceId: source.id, quote: `I saw ${NAME} crying` }] },
  });
  await api['events:create']({ caseId, fields: { date: { value: '2020-05-03' }, title: `${ALIAS} taken to the medical room`, sources: [{ sourceId: source.id }] } });
  const attach = (fileName: string, mediaType: string, bytes: Uint8Array) =>
    api['attachments:add']({ caseId, sourceId: source.id, fileName, mediaType, contentBase64: Buffer.from(bytes).toString('base64') });
  await attach('call-with-amara-okafor.txt', 'text/plain', Buffer.from(`${ALIAS} said she was frightened.\n`, 'utf8'));
  await attach('statement.pdf', 'application/pdf', await statementPdf());
  if (options.scan) {
    await attach('letter-scan.pdf', 'application/pdf', await scannedPdf());
    await attach('photo.png', 'image/png', await photoPng());
    await attach('reply.eml', 'message/rfc822', Buffer.from(EMAIL, 'utf8'));
  }
  const person = await api['people:create']({
    fields: { name: NAME, aliases: [ALIAS], anonymity: { cipher: CIPHER, reason: 'child' }, cases: [{ caseId, role: 'victim' }] },
  });
  return { api, lib, dir, session, caseId, slug: c.slug, personId: person.id };
}
