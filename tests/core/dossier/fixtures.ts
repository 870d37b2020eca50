/*
 * Fixtures for the dossier engine.
 *
 * articleCases(): the four real cases, with only what the sample article states (every quotation is checked to
 * occur in it). stressCase() and exhibitCase() are plainly fictional — example.org addresses, invented people —
 * and exist to exercise Unicode, extreme lengths and every kind of bad exhibit.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { ARTICLE_FILE_NAME, ARTICLE_TEXT } from '../../../src/core/sample/article';
import { CaseFile, CURRENT_SCHEMA_VERSION, LibraryFile, type Attachment, type CaptureInfo } from '../../../src/shared/domain';

const T = '2025-11-20T10:00:00.000Z';
export const BUILD_DATE = '2025-11-24';
const FIXTURES = new URL('../../fixtures/dossier/', import.meta.url);

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Paragraph number (the Nth non-empty line) of the article containing `snippet`; throws if the article lacks it. */
export function articleParagraph(snippet: string): string {
  const lines = ARTICLE_TEXT.split('\n').filter((l) => l.trim());
  const i = lines.findIndex((l) => l.includes(snippet));
  if (i < 0) throw new Error(`Not in the article: ${snippet}`);
  return String(i + 1);
}

export class AttachmentStore {
  readonly files = new Map<string, Uint8Array>();
  add(bytes: Uint8Array): string {
    const hash = sha256(bytes);
    this.files.set(hash, bytes);
    return hash;
  }
  read = async (_caseId: string, hash: string) => this.files.get(hash);
}

function attachment(id: string, fileName: string, mediaType: string, bytes: Uint8Array, store?: AttachmentStore): Attachment {
  const hash = store ? store.add(bytes) : sha256(bytes);
  return { id, fileName, mediaType, size: bytes.length, sha256: hash, addedAt: T };
}

export function library(): LibraryFile {
  return LibraryFile.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: 'lib-fixture',
    name: 'Fixture library',
    createdAt: T,
    settings: { userName: 'Zoë Łukasz-Şükrü' },
    tags: [
      { path: 'theme/misogyny', description: 'Misogyny within policing, as described in the sources.' },
      { path: 'theme/homophobia' },
      { path: 'institution/met' },
    ],
  });
}

const base = (id: string) => ({ id, createdAt: T, updatedAt: T });

function articleSource(store: AttachmentStore, id: string) {
  const bytes = new TextEncoder().encode(ARTICLE_TEXT);
  return {
    ...base(id),
    kind: 'news-article',
    title: 'The Met is in special measures. But more failings are coming to light',
    publisher: 'The Canary',
    tags: ['institution/met'],
    attachments: [attachment(`att-${id}`, ARTICLE_FILE_NAME, 'text/plain', bytes, store)],
  };
}

function quote(id: string, sourceId: string, text: string) {
  return { id, sourceId, quote: text, pinpoint: { kind: 'paragraph', value: articleParagraph(text) } };
}

/** Everard, Child Q, Baker and Port: facts and quotations only from the sample article. */
export function articleCases(store: AttachmentStore): CaseFile[] {
  const para = (snippet: string) => ({ kind: 'paragraph', value: articleParagraph(snippet) });
  const cases = [
    {
      case: { ...base('everard'), slug: 'everard', title: 'Sarah Everard', incidentDate: { value: '2021-03' }, tags: ['theme/misogyny', 'institution/met'],
        summary: 'In March 2021 Sarah Everard was raped and murdered by serving police officer **Wayne Couzens**; her vigil was then policed violently.\n\nThe article says the case “shone a light on the institutionalised misogyny at large within the force”.' },
      sources: [articleSource(store, 'src-everard')],
      events: [
        { ...base('ev-everard-1'), date: { value: '2021-03' }, title: 'Rape and murder of Sarah Everard by serving officer Wayne Couzens', claimStatus: 'established', tags: ['theme/misogyny'],
          sources: [{ sourceId: 'src-everard', pinpoint: para('Sarah Everard') }] },
        { ...base('ev-everard-2'), date: { value: '2021-03', certainty: 'approximate' }, title: 'Violent policing of her vigil', claimStatus: 'alleged',
          sources: [{ sourceId: 'src-everard', pinpoint: para('violent policing of her vigil') }] },
      ],
      notes: [
        { ...base('note-everard'), title: 'What the article says', tags: ['theme/misogyny'],
          body: '## Misogyny\n\nThe article links the case to *institutionalised misogyny*.\n\n> This horrific case shone a light on the institutionalised misogyny at large within the force.',
          quotations: [quote('q-everard', 'src-everard', 'This horrific case shone a light on the institutionalised misogyny at large within the force.')] },
      ],
    },
    {
      case: { ...base('child-q'), slug: 'child-q', title: 'Child Q', tags: ['institution/met'],
        summary: 'The article names Child Q among children strip-searched by the Met, cases which “raised concerns about the adultification of Black children”.' },
      sources: [articleSource(store, 'src-childq')],
      events: [],
      notes: [
        { ...base('note-childq'), title: 'Strip searches of children', body: '',
          quotations: [quote('q-childq', 'src-childq', 'In particular, cases such as these raised concerns about the adultification of Black children.')] },
      ],
    },
    {
      case: { ...base('baker'), slug: 'baker', title: 'Jermaine Baker', tags: ['institution/met'],
        summary: 'A public inquiry concluded that a Met officer “lawfully killed” Jermaine Baker, an unarmed man, while noting “a barrage of damning failures”.' },
      sources: [articleSource(store, 'src-baker')],
      events: [
        { ...base('ev-baker-1'), date: { value: '2022-07-05', certainty: 'inferred' }, title: 'Inquiry concludes that a Met officer “lawfully killed” Jermaine Baker', claimStatus: 'found',
          sources: [{ sourceId: 'src-baker', pinpoint: para('lawfully killed') }] },
      ],
      notes: [],
    },
    {
      case: { ...base('port'), slug: 'port', title: 'Stephen Port', incidentDate: { value: '2021' }, tags: ['theme/homophobia', 'institution/met'],
        summary: 'The 2021 inquests into the murders of four young gay and bisexual men by Stephen Port identified several “missed opportunities” to prevent the deaths.' },
      sources: [articleSource(store, 'src-port')],
      events: [
        { ...base('ev-port-1'), date: { value: '2021' }, title: 'Inquests identify “missed opportunities” to prevent the deaths', claimStatus: 'found', tags: ['theme/homophobia'],
          sources: [{ sourceId: 'src-port', pinpoint: para('missed opportunities') }] },
      ],
      notes: [],
    },
  ];
  return cases.map((c) => CaseFile.parse({ schemaVersion: CURRENT_SCHEMA_VERSION, ...c }));
}

const WORDS = 'the inquiry heard evidence that officers had failed to record the complaint and that the review was delayed for months while the family waited'.split(' ');

export function longText(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(WORDS[(i * 7) % WORDS.length]);
    if (i % 90 === 89) out.push('.\n\n');
    else if (i % 17 === 16) out.push(',');
  }
  return out.join(' ').replace(/ ([,.])/g, '$1');
}

export const UNICODE_LINE = 'Łukasz Wróblewski, Şükrü Yılmaz and Zoë Brontë met “Αθηνά Παπαδοπούλου” and ‘Дмитрий Ковалёв’ — naïve café façade.';
export const LONG_TITLE = `A fictional report whose title is deliberately very long ${'to test wrapping of titles in headings, contents entries, running headers and bookmarks '.repeat(6)}`.slice(0, 500);
export const LONG_URL = `https://example.org/archive/${'very-long-path-segment/'.repeat(16)}report.pdf?query=${'x'.repeat(40)}`.slice(0, 400);

/** A fictional case exercising Unicode, a 500-character title, a 400-character URL, a 20,000-word note and an empty note. */
export function stressCase(): CaseFile {
  return CaseFile.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    case: { ...base('stress'), slug: 'stress', title: `Fixture case: ${UNICODE_LINE}`, location: 'Καλαμάτα / Москва / Kraków', tags: ['theme/misogyny'],
      summary: `${UNICODE_LINE}\n\n- first point with **bold** and *italic*\n- second point with a [link](https://example.org/link)\n  1. nested ordered\n  2. nested again\n\n> A block quote in the summary.` },
    sources: [
      { ...base('src-long'), kind: 'official-report', title: LONG_TITLE, url: LONG_URL, archiveUrl: 'https://web.archive.org/web/2022/https://example.org/report',
        authors: [{ given: 'Łukasz', family: 'Wróblewski' }, { given: 'Zoë', family: 'Brontë' }, { literal: 'Ελληνική Επιτροπή' }],
        publisher: 'Издательство «Пример»', publishedDate: { value: '2022-06-28' }, accessedDate: { value: '2022-07-01' }, reliability: 'B', tags: ['institution/met'],
        description: 'A fictional source used only to test layout.' },
      { ...base('src-plain'), kind: 'web-page', title: 'Plain web page', url: 'https://example.org/page' },
    ],
    events: [
      ...Array.from({ length: 40 }, (_, i) => ({
        ...base(`ev-stress-${i}`),
        date: { value: `2022-${String((i % 12) + 1).padStart(2, '0')}`, certainty: i % 3 === 0 ? 'approximate' : i % 3 === 1 ? 'inferred' : 'exact' },
        title: i === 0 ? LONG_TITLE : `Event ${i}: ${UNICODE_LINE}`,
        description: i === 1 ? longText(1200) : i % 4 === 0 ? `Details with *emphasis* and ${LONG_URL}` : undefined,
        claimStatus: (['alleged', 'admitted', 'disputed', 'found', 'established'] as const)[i % 5],
        sources: i % 2 ? [{ sourceId: 'src-long', pinpoint: { kind: 'page', value: '14' } }, { sourceId: 'src-plain' }] : [{ sourceId: 'src-long' }],
      })),
      { ...base('ev-stress-orphan'), date: { value: '2023' }, title: 'Cites a deleted source', sources: [{ sourceId: 'src-gone' }] },
    ],
    notes: [
      { ...base('note-empty'), title: 'An empty note', body: '' },
      { ...base('note-long'), title: 'A 20,000-word note', tags: ['theme/misogyny'], body: `# Heading in a note\n\n${longText(20_000)}` },
      { ...base('note-unicode'), title: `Unicode: ${UNICODE_LINE}`, body: `${UNICODE_LINE}\n\n1. one\n2. two\n\n\`code\` and ${LONG_URL}`,
        quotations: [{ id: 'q-stress', sourceId: 'src-long', quote: `“${UNICODE_LINE}”`, pinpoint: { kind: 'page', value: '2' } }] },
    ],
  });
}

/** A case with nothing in it but its title. */
export function emptyCase(): CaseFile {
  return CaseFile.parse({ schemaVersion: CURRENT_SCHEMA_VERSION, case: { ...base('empty-case'), slug: 'empty-case', title: 'A case with no sources, events or notes' } });
}

/** A two-page PDF as scanners make them: a landscape US Letter page and a portrait page stored rotated by 90°. */
export async function rotatedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const wide = doc.addPage([792, 612]);
  wide.drawText('Landscape letter page', { x: 72, y: 500, size: 18, font });
  const turned = doc.addPage([842, 595]);
  turned.setRotation(degrees(90));
  turned.drawText('Rotated page', { x: 72, y: 300, size: 18, font });
  return doc.save();
}

export async function samplePdf(pages: number, label: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`${label} page ${i}`, { x: 72, y: 700, size: 18, font });
  }
  return doc.save();
}

/** A minimal RGB PNG, encoded by hand so tests need no image library. */
export function samplePng(width = 120, height = 80): Uint8Array {
  return encodePng({ width, height, colorType: 2, bitDepth: 8, sample: (x, y, c) => [(x * 255) / width, (y * 255) / height, 160][c] });
}

export interface PngSpec {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha. */
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  /** Channel `c` of pixel (x, y): a palette index, or a sample of up to 2^bitDepth - 1. */
  sample: (x: number, y: number, c: number) => number;
  /** RGB triples, for palette images. */
  palette?: [number, number, number][];
  /** A tRNS chunk making the first palette entry (or black) transparent. */
  trns?: boolean;
  /** Rows filtered in turn with each of PNG's five filters (None, Sub, Up, Average, Paeth) instead of None only. */
  filters?: boolean;
  /** The image data split over this many IDAT chunks. */
  chunks?: number;
  /** Compressed image data to write instead of the pixels' (`sample` is then not called), for large or inconsistent files. */
  imageData?: Uint8Array;
}

const PNG_CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

/** A PNG written from a description, so tests can have every colour type, bit depth and row filter. */
export function encodePng(spec: PngSpec): Uint8Array {
  const { width, height, colorType, bitDepth } = spec;
  const channels = PNG_CHANNELS[colorType];
  const bits = channels * bitDepth;
  const rowBytes = Math.ceil((width * bits) / 8);
  const bpp = Math.max(1, bits / 8);
  const raw = Buffer.alloc(spec.imageData ? 0 : (rowBytes + 1) * height);
  let previous = Buffer.alloc(rowBytes);
  for (let y = 0; y < (spec.imageData ? 0 : height); y++) {
    const row = Buffer.alloc(rowBytes);
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const v = Math.round(spec.sample(x, y, c));
        const bit = (x * channels + c) * bitDepth;
        if (bitDepth === 16) row.writeUInt16BE(v, bit / 8);
        else if (bitDepth === 8) row[bit / 8] = v;
        else row[bit >> 3] |= v << (8 - bitDepth - (bit & 7));
      }
    }
    const filter = spec.filters ? y % 5 : 0;
    const out = raw.subarray(y * (rowBytes + 1), (y + 1) * (rowBytes + 1));
    out[0] = filter;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? row[i - bpp] : 0;
      const b = previous[i];
      const c = i >= bpp ? previous[i - bpp] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter];
      out[i + 1] = (row[i] - predicted) & 0xff;
    }
    previous = row;
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  const data = spec.imageData ? Buffer.from(spec.imageData) : deflateSync(raw);
  const parts = spec.chunks ?? 1;
  const step = Math.ceil(data.length / parts);
  const idat = Array.from({ length: parts }, (_, i) => chunk('IDAT', data.subarray(i * step, (i + 1) * step)));
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    ...(spec.palette ? [chunk('PLTE', Buffer.from(spec.palette.flat()))] : []),
    ...(spec.trns ? [chunk('tRNS', colorType === 3 ? Buffer.from([0]) : Buffer.alloc(colorType === 0 ? 2 : 6))] : []),
    ...idat,
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface ExhibitFixture {
  caseFile: CaseFile;
  store: AttachmentStore;
}

/** A fictional case whose sources carry one exhibit of each kind, good and bad. */
export async function exhibitCase(store: AttachmentStore): Promise<CaseFile> {
  const valid = await samplePdf(3, 'Valid exhibit');
  const damaged = (await samplePdf(4, 'Damaged exhibit')).slice(0, 900);
  const encrypted = readFileSync(new URL('encrypted.pdf', FIXTURES));
  const jpeg = readFileSync(new URL('photo.jpg', FIXTURES));
  const png = samplePng();
  const missing = new TextEncoder().encode('never stored');
  const rotated = await rotatedPdf();
  const src = (id: string, title: string, attachments: Attachment[]) => ({ ...base(id), kind: 'official-report', title, attachments });
  return CaseFile.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    case: { ...base('exhibits'), slug: 'exhibits', title: 'Fixture case with exhibits of every kind' },
    sources: [
      src('src-valid', 'A valid three-page PDF', [
        {
          ...attachment('att-valid', 'valid.pdf', 'application/pdf', valid, store),
          capture: {
            capturedAt: '2025-11-19T09:30:00.000Z',
            requestedUrl: 'https://example.org/report.pdf',
            finalUrl: 'https://example.org/reports/final.pdf',
            status: 200,
            archiveLookupUrl: 'https://web.archive.org/web/*/https://example.org/report.pdf',
          },
        },
      ]),
      src('src-png', 'A PNG photograph', [attachment('att-png', 'diagram.png', 'image/png', png, store)]),
      src('src-jpeg', 'A JPEG photograph', [attachment('att-jpeg', 'photo.jpg', 'image/jpeg', jpeg, store)]),
      src('src-damaged', 'A truncated PDF', [attachment('att-damaged', 'truncated.pdf', 'application/pdf', damaged, store)]),
      src('src-encrypted', 'A password-protected PDF', [attachment('att-encrypted', 'locked.pdf', 'application/pdf', encrypted, store)]),
      src('src-mismatch', 'A PNG saved as a PDF', [attachment('att-mismatch', 'scan.pdf', 'application/pdf', samplePng(30, 30), store)]),
      src('src-missing', 'A file that is not on disk', [attachment('att-missing', 'lost.pdf', 'application/pdf', missing)]),
      src('src-docx', 'A Word document', [
        attachment('att-docx', 'statement.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('PK\x03\x04 not really a docx'), store),
      ]),
      src('src-rotated', 'A scan with a landscape and a rotated page', [attachment('att-rotated', 'scan-rotated.pdf', 'application/pdf', rotated, store)]),
    ],
    events: [
      { ...base('ev-exhibit'), date: { value: '2022-06-28' }, title: 'Report page cited', sources: [{ sourceId: 'src-valid', pinpoint: { kind: 'page', value: '2' } }] },
    ],
  });
}

export interface AttachedFile {
  id: string;
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  capture?: CaptureInfo;
}

/** A case with one source holding `files`, and a reader that finds each file by its hash. */
export function caseWithAttachments(sourceTitle: string, files: AttachedFile[]): { caseFile: CaseFile; readAttachment: (caseId: string, sha: string) => Promise<Uint8Array | undefined> } {
  const byHash = new Map(files.map((f) => [sha256(f.bytes), f.bytes]));
  const caseFile = CaseFile.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    case: { ...base('one-exhibit'), slug: 'one-exhibit', title: 'A case with one exhibit' },
    sources: [
      {
        ...base('src-one'),
        kind: 'other',
        title: sourceTitle,
        attachments: files.map((f) => ({ ...attachment(f.id, f.fileName, f.mediaType, f.bytes), ...(f.capture ? { capture: f.capture } : {}) })),
      },
    ],
  });
  return { caseFile, readAttachment: async (_caseId, sha) => byHash.get(sha) };
}

/** A case with one source whose one attachment is the PDF `bytes`, for tests about a single exhibit. */
export const oneExhibitCase = (bytes: Uint8Array, sourceTitle: string, fileName = 'exhibit.pdf') =>
  caseWithAttachments(sourceTitle, [{ id: 'att-one', fileName, mediaType: 'application/pdf', bytes }]);

const MUTATION_TOKENS = ['R', '0 R', '/', '(', ')', '<', '>', '<<', '>>', '[', ']', ' ', '\n\n', '99999999', '-1', '%', 'null', 'obj', 'endobj', 'stream'];

/** A small deterministic generator (a linear congruential one), so that every run tries the same files. */
export function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
}

/** `file` with one to four changes: a byte overwritten, or a token written over the bytes at a place or inserted there. */
export function mutate(file: Uint8Array, next: () => number): Uint8Array {
  let s = Buffer.from(file).toString('latin1');
  const count = 1 + Math.floor(next() * 4);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * s.length);
    const kind = next();
    const text = kind < 0.5 ? String.fromCharCode(Math.floor(next() * 256)) : MUTATION_TOKENS[Math.floor(next() * MUTATION_TOKENS.length)];
    s = s.slice(0, at) + text + s.slice(kind < 0.8 ? at + text.length : at);
  }
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
