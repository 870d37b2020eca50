/*
 * The pieces made faster for the 50-exhibit export: the raw reader's scalar reading (numbers read from bytes, not
 * through strings), renumbering (references rewritten, strings and comments left alone), the test for a font
 * name a copied /Font dictionary already uses, and the writer's one-pass layout (object streams and a
 * cross-reference stream built as objects are written), checked by qpdf and read back by pdf-lib.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { RawPdfError, readScalar } from '../../../src/core/dossier/raw-pdf/lexer';
import { renumber, renumberDict } from '../../../src/core/dossier/raw-pdf/renumber';
import { RawResources, RawValue } from '../../../src/core/dossier/raw-pdf/objects';
import { saveDocument } from '../../../src/core/dossier/writer';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const scalar = (text: string) => readScalar(bytes(text), 0, text.length);
const work = mkdtempSync(path.join(tmpdir(), 'raw-pdf-lexer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readScalar', () => {
  it('reads numbers exactly as Number() reads their text', () => {
    for (const text of ['0', '612', '595.28', '841.89', '-12.5', '+3', '.5', '-.002', '4.', '0.1', '123456789012345', '1234567890123456789.25']) {
      expect(scalar(text), text).toEqual({ kind: 'number', value: Number(text) });
    }
  });

  it('tells references, names and everything else apart', () => {
    expect(scalar('12 0 R')).toEqual({ kind: 'ref', num: 12, gen: 0 });
    expect(scalar('  7 3 R ')).toEqual({ kind: 'ref', num: 7, gen: 3 });
    expect(scalar('12 0 Rx')).toEqual({ kind: 'number', value: 12 });
    expect(scalar('/Font#20Name')).toEqual({ kind: 'name', value: 'Font Name' });
    for (const text of ['<< /A 1 0 R >>', '[1 0 R 2 0 R]', '(1 0 R)', '<0A0B>', 'true', 'null', '1.2.3', '-', '+.']) {
      expect(scalar(text).kind, text).toBe('other');
    }
  });

  it('refuses a value that does not start as PDF syntax allows', () => {
    expect(() => scalar(') 1')).toThrow(RawPdfError);
  });
});

describe('renumber', () => {
  it('rewrites every reference, and none inside strings or comments', () => {
    const text = '<< /Font << /F1 5 0 R /F2 5 0 R /F3 9 0 R >> /T (6 0 R) /K [5 0 R] % 9 0 R\n>>';
    const out = renumber(bytes(text), 0, text.length, (num) => (num === 9 ? 'null' : `${num + 100} 0 R`));
    expect(Buffer.from(out).toString('latin1')).toBe('<< /Font << /F1 105 0 R /F2 105 0 R /F3 null >> /T (6 0 R) /K [105 0 R] % 9 0 R\n>>');
  });

  it('copies a value without references as it is', () => {
    const text = '[0 0 595.28 841.89]';
    expect(Buffer.from(renumber(bytes(text), 0, text.length, () => 'null')).toString('latin1')).toBe(text);
  });
});

describe('RawValue.mayHaveKey', () => {
  const fonts = new RawValue(bytes('<</F1 5 0 R /CfSans 6 0 R/CfSansBold 7 0 R>>'));

  it('finds a key only as a whole name', () => {
    expect(fonts.mayHaveKey('CfSans')).toBe(true);
    expect(fonts.mayHaveKey('CfSansBold')).toBe(true);
    expect(fonts.mayHaveKey('F1')).toBe(true);
    expect(fonts.mayHaveKey('F')).toBe(false);
    expect(fonts.mayHaveKey('CfSan')).toBe(false);
    expect(fonts.mayHaveKey('Cf1Sans')).toBe(false);
  });

  it('finds a key spelt with #xx escapes', () => {
    expect(new RawValue(bytes('<</Cf#53ans 6 0 R>>')).mayHaveKey('CfSans')).toBe(true);
  });
});

describe('a page\'s resources copied as bytes, stamp fonts spliced into their /Font', () => {
  const rename = (num: number) => (num === 9 ? 'null' : `${num + 1000} 0 R`);
  const stampFonts: [string, ReturnType<typeof PDFRef.of>][] = [['CfSans', PDFRef.of(41)], ['CfSansBold', PDFRef.of(42)]];
  const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
  const resources = (source: string) => {
    const { bytes: copied, nested } = renumberDict(bytes(source), 0, rename, 'Font');
    if (nested === 'not a dictionary') throw new Error('expected a copy');
    return new RawResources(copied, nested);
  };

  it('renumbers every reference in one pass and adds the stamp fonts inside /Font, wherever it sits', () => {
    const r = resources('<< /ExtGState << /G1 7 0 R >> /Font << /F1 5 0 R /F2 9 0 R >> /XObject << /Im1 8 0 R >> >>');
    expect(text(r.data)).toBe('<< /ExtGState << /G1 1007 0 R >> /Font << /F1 1005 0 R /F2 null >> /XObject << /Im1 1008 0 R >> >>');
    expect(text(r.withFonts(stampFonts).data)).toBe(
      '<< /ExtGState << /G1 1007 0 R >> /Font << /F1 1005 0 R /F2 null  /CfSans 41 0 R /CfSansBold 42 0 R>> /XObject << /Im1 1008 0 R >> >>',
    );
  });

  it('gives resources without fonts a /Font of the stamp fonts alone', () => {
    const r = resources('<</XObject<</Im1 8 0 R>>>>');
    expect(r.fontMayHaveKey('CfSans')).toBe(false);
    expect(text(r.withFonts(stampFonts).data)).toBe('<</XObject<</Im1 1008 0 R>> /Font << /CfSans 41 0 R /CfSansBold 42 0 R >>>>');
  });

  it('knows the names the page\'s /Font already uses, also spelt with #xx escapes, and only there', () => {
    const r = resources('<< /Pattern << /CfSans 3 0 R >> /Font << /CfSansBold 5 0 R /Cf#31Sans 6 0 R >> >>');
    expect(r.fontMayHaveKey('CfSansBold')).toBe(true);
    expect(r.fontMayHaveKey('Cf1Sans')).toBe(true);
    expect(r.fontMayHaveKey('CfSans')).toBe(false);
  });

  it('finds a /Font spelt with #xx escapes, and refuses one given by reference without renaming it', () => {
    expect(renumberDict(bytes('<< /F#6fnt << /F1 5 0 R >> >>'), 0, rename, 'Font').nested).toEqual({ start: 11, close: 27 });
    const renamed: number[] = [];
    const byReference = renumberDict(bytes('<< /Font 12 0 R /XObject << /Im1 8 0 R >> >>'), 0, (num) => (renamed.push(num), 'null'), 'Font');
    expect(byReference.nested).toBe('not a dictionary');
    expect(renamed).toEqual([8]); // the font dictionary is not queued for a copy the caller will not use
  });
});

describe('the dossier writer', () => {
  it('writes object streams and a cross-reference stream that qpdf accepts and pdf-lib reads back, the same bytes each time', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i++) doc.addPage([200 + i, 300]);
    // More small objects than one object stream holds, and one large stream written as its own chunk.
    const refs = Array.from({ length: 130 }, (_, i) => doc.context.register(doc.context.obj({ Index: i, Label: PDFString.of(`object ${i}`) })));
    doc.catalog.set(PDFName.of('Test'), doc.context.obj(refs));
    doc.catalog.set(PDFName.of('Big'), doc.context.register(doc.context.stream(new Uint8Array(100_000).fill(0x41))));
    const save = async () => {
      const { chunks, size } = await saveDocument(doc);
      const joined = Buffer.concat(chunks);
      expect(joined.length).toBe(size);
      return joined;
    };
    const first = await save();
    expect((await save()).equals(first)).toBe(true);

    const file = path.join(work, 'written.pdf');
    writeFileSync(file, first);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    const back = await PDFDocument.load(first);
    expect(back.getPages().map((p) => p.getWidth())).toEqual([200, 201, 202]);
    const test = back.catalog.lookup(PDFName.of('Test'));
    expect(test?.toString()).toContain('130 0 R');
    const listed = back.context.enumerateIndirectObjects().map(([, o]) => o.toString());
    for (const i of [0, 49, 50, 129]) expect(listed.some((o) => o.includes(`/Label (object ${i})`))).toBe(true);
  });
});
