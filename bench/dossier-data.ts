/*
 * Synthetic, plainly fictional case files for the dossier benchmark: enough text for about 300 pages, and PDF
 * exhibits of a given size. Deterministic, so runs compare like with like.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts, popGraphicsState, pushGraphicsState, concatTransformationMatrix, drawObject } from 'pdf-lib';
import { CaseFile, CURRENT_SCHEMA_VERSION, LibraryFile } from '../src/shared/domain';
import { encodePng } from '../tests/core/dossier/fixtures';
import { Random } from './lib/random';
import { TextSource } from './lib/text';

const T = '2025-11-20T10:00:00.000Z';
const base = (id: string) => ({ id, createdAt: T, updatedAt: T });
/** One vocabulary for every run: ~40,000 words with Zipf frequencies (bench/lib/text.ts), built on first use. */
let vocabulary: TextSource | undefined;
const text = () => (vocabulary ??= new TextSource(new Random(20251124)));

/**
 * Paragraphs of about `words` words, the same text for the same seed: sentences of varied length drawn from the
 * realistic vocabulary (common and domain words, the sample article's words, a long tail, names, places, years,
 * curly apostrophes), so line breaking and width caching see what a real case note gives them.
 */
export function prose(words: number, seed: number): string {
  const random = new Random(0x5eed + seed);
  const paragraphs: string[] = [];
  let current: string[] = [];
  let count = 0;
  while (count < words) {
    const sentence = text().sentence(random);
    current.push(sentence);
    count += sentence.split(/[ \u00a0]/).length;
    if (current.length >= 4 && random.chance(0.3)) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  return paragraphs.join('\n\n');
}

export const library = (): LibraryFile =>
  LibraryFile.parse({ schemaVersion: CURRENT_SCHEMA_VERSION, id: 'bench-lib', name: 'Benchmark library', createdAt: T, settings: { userName: 'Benchmark' } });

/** Cases with notes and chronologies: `cases` × (`notes` × `noteWords` words + `events` events). */
export function textCases(cases = 5, notes = 6, noteWords = 4_000, events = 80): CaseFile[] {
  return Array.from({ length: cases }, (_, c) =>
    CaseFile.parse({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      case: { ...base(`bench-case-${c}`), slug: `bench-case-${c}`, title: `Benchmark case ${c + 1}`, summary: prose(300, c), tags: ['bench/text'] },
      sources: Array.from({ length: 10 }, (_, s) => ({
        ...base(`bench-src-${c}-${s}`),
        kind: 'official-report',
        title: `Fictional report ${s + 1} on case ${c + 1}`,
        url: `https://example.org/reports/${c}/${s}`,
        publisher: 'Example Publisher',
        publishedDate: { value: '2022-06-28' },
      })),
      events: Array.from({ length: events }, (_, e) => ({
        ...base(`bench-ev-${c}-${e}`),
        date: { value: `20${10 + (e % 12)}-${String((e % 12) + 1).padStart(2, '0')}` },
        title: `Event ${e + 1}: ${prose(12, e)}`,
        description: e % 3 === 0 ? prose(40, e) : undefined,
        claimStatus: 'alleged',
        sources: [{ sourceId: `bench-src-${c}-${e % 10}`, pinpoint: { kind: 'page', value: String(e + 1) } }],
      })),
      notes: Array.from({ length: notes }, (_, n) => ({
        ...base(`bench-note-${c}-${n}`),
        title: `Note ${n + 1}`,
        body: `## Background\n\n${prose(noteWords / 2, n)}\n\n> ${prose(60, n + 1)}\n\n- ${prose(20, 1)}\n- ${prose(20, 2)}\n\n## Analysis\n\n${prose(noteWords / 2, n + 2)}`,
        quotations: [{ id: `bench-q-${c}-${n}`, sourceId: `bench-src-${c}-0`, quote: prose(50, n), pinpoint: { kind: 'page', value: '3' } }],
      })),
    }),
  );
}

export async function exhibitPdf(pages: number, label: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const line = 'The quick brown fox jumps over the lazy dog while the inquiry hears evidence about the operation.';
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595.28, 841.89]);
    for (let l = 0; l < 45; l++) page.drawText(`${label} ${p + 1}.${l + 1} ${line}`, { x: 56, y: 780 - l * 16, size: 10, font });
  }
  return doc.save();
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const fileKind = (bytes: Uint8Array, i: number) =>
  bytes[0] === 0x89 && bytes[1] === 0x50 ? { fileName: `scan-${i + 1}.png`, mediaType: 'image/png' } : { fileName: `exhibit-${i + 1}.pdf`, mediaType: 'application/pdf' };

/** One case whose sources each carry one exhibit, a PDF or a PNG. */
export function exhibitCase(files: Uint8Array[], withAttachments: boolean): CaseFile {
  return CaseFile.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    case: { ...base('bench-exhibits'), slug: 'bench-exhibits', title: 'Benchmark exhibits' },
    sources: files.map((bytes, i) => ({
      ...base(`bench-exsrc-${i}`),
      title: `Exhibit source ${i + 1}`,
      attachments: withAttachments ? [{ id: `bench-att-${i}`, ...fileKind(bytes, i), size: bytes.length, sha256: sha256(bytes), addedAt: T }] : [],
    })),
  });
}

/** A PDF standing in for a scanned document: `pages` pages sharing one incompressible 200×200 RGB image (~120 KB). */
export async function scannedPdf(pages: number, seed: number, side = 200): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const pixels = Buffer.alloc(side * side * 3);
  let x = 0x9e3779b9 ^ (seed + 1);
  for (let i = 0; i < pixels.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    pixels[i] = x & 0xff;
  }
  const image = doc.context.register(
    doc.context.stream(deflateSync(pixels), { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceRGB', BitsPerComponent: 8, Filter: 'FlateDecode' }),
  );
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595.28, 841.89]);
    const name = page.node.newXObject('Scan', image);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(480, 0, 0, 680, 57, 80), drawObject(name), popGraphicsState());
  }
  return doc.save();
}

/**
 * A PNG standing in for a colour scan at 600 dpi (A4: 4960 × 7016 pixels, 35 megapixels): a paper-coloured
 * gradient with scanner noise, each row filtered with "Up", as a PNG writer would choose for it.
 */
export function scanPng(width = 4960, height = 7016): Uint8Array {
  const rowBytes = width * 3;
  const raw = Buffer.alloc((rowBytes + 1) * height);
  let x = 0x9e3779b9;
  let previous = Buffer.alloc(rowBytes);
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(rowBytes);
    for (let i = 0; i < rowBytes; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      row[i] = 225 + ((i + y) % 24) + ((x >>> 24) & 7);
    }
    const at = y * (rowBytes + 1);
    raw[at] = 2;
    for (let i = 0; i < rowBytes; i++) raw[at + 1 + i] = (row[i] - previous[i]) & 0xff;
    previous = row;
  }
  return encodePng({ width, height, colorType: 2, bitDepth: 8, sample: () => 0, imageData: deflateSync(raw) });
}
