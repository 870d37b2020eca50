/*
 * The page labels a PDF prints (§12.4.2): "iv" for the fourth page of a preface, "A-3" for an annex. A pinpoint
 * such as "p. iv" or "p. 14" is a printed page, so the dossier finds the exhibit page by its label, as a reader
 * would, rather than by counting pages. Read from the catalog's /PageLabels number tree.
 */
import type { SourcePdf } from './document';
import { RawPdfError, arrayElements, readScalar, readTextString, type DictEntries } from './lexer';

interface LabelRange {
  first: number;
  style?: string;
  prefix: string;
  start: number;
}

const MAX_DEPTH = 32;

/** Each page's printed label, or undefined when the file has no page labels (or they cannot be read). */
export function pageLabels(source: SourcePdf, pageCount: number): string[] | undefined {
  try {
    const catalog = source.dict(source.root);
    const tree = catalog.entries.get('PageLabels');
    if (!tree) return undefined;
    const ranges: LabelRange[] = [];
    collect(source, catalog.bytes, tree, ranges, 0);
    ranges.sort((a, b) => a.first - b.first);
    if (!ranges.length || ranges[0].first !== 0) return undefined;
    const labels: string[] = [];
    let r = 0;
    for (let page = 0; page < pageCount; page++) {
      while (r + 1 < ranges.length && ranges[r + 1].first <= page) r++;
      const range = ranges[r];
      labels.push(range.prefix + (range.style ? numeral(range.start + page - range.first, range.style) : ''));
    }
    return labels;
  } catch (error) {
    if (error instanceof RawPdfError) return undefined;
    throw error;
  }
}

/** The entries of a number-tree node, given directly or by reference, and of its kids. */
function collect(source: SourcePdf, bytes: Uint8Array, where: { start: number; end: number }, into: LabelRange[], depth: number): void {
  if (depth > MAX_DEPTH) throw new RawPdfError('page labels nested too deeply');
  const node = dictIn(source, bytes, where);
  const nums = node.entries.get('Nums');
  if (nums) {
    const array = resolveIn(source, node.bytes, nums);
    const elements = arrayElements(array.bytes, array.start, array.end);
    for (let i = 0; i + 1 < elements.length; i += 2) {
      const key = readScalar(array.bytes, elements[i].start, elements[i].end);
      if (key.kind !== 'number') throw new RawPdfError('a page-label key that is not a number');
      into.push(labelRange(source, key.value, dictIn(source, array.bytes, elements[i + 1])));
    }
  }
  const kids = node.entries.get('Kids');
  if (kids) {
    const array = resolveIn(source, node.bytes, kids);
    for (const kid of arrayElements(array.bytes, array.start, array.end)) collect(source, array.bytes, kid, into, depth + 1);
  }
}

function labelRange(source: SourcePdf, first: number, dict: { bytes: Uint8Array; entries: DictEntries }): LabelRange {
  const get = (key: string) => dict.entries.get(key);
  const style = get('S') && readScalar(dict.bytes, get('S')!.start, get('S')!.end);
  const prefix = get('P') && resolveIn(source, dict.bytes, get('P')!);
  return {
    first,
    style: style?.kind === 'name' ? style.value : undefined,
    prefix: (prefix && readTextString(prefix.bytes, prefix.start, prefix.end)) ?? '',
    start: get('St') ? source.number(dict.bytes, get('St')!) : 1,
  };
}

const resolveIn = (source: SourcePdf, bytes: Uint8Array, where: { start: number; end: number }) => source.resolve({ bytes, ...where });

function dictIn(source: SourcePdf, bytes: Uint8Array, where: { start: number; end: number }): { bytes: Uint8Array; entries: DictEntries } {
  const dict = source.resolveDict({ bytes, ...where });
  if (!dict) throw new RawPdfError('a dictionary expected');
  return dict;
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

/** 4 as "4", "IV", "iv", "D" or "d"; letters run A…Z, AA…ZZ, AAA… (§12.4.2, Table 159). */
export function numeral(n: number, style: string): string {
  if (style === 'D') return String(n);
  if (style === 'R' || style === 'r') {
    let s = '';
    let rest = n;
    for (const [value, digits] of ROMAN) {
      while (rest >= value) {
        s += digits;
        rest -= value;
      }
    }
    return style === 'R' ? s.toUpperCase() : s;
  }
  if (style === 'A' || style === 'a') {
    const letter = String.fromCharCode(0x61 + ((n - 1) % 26));
    const s = letter.repeat(Math.floor((n - 1) / 26) + 1);
    return style === 'A' ? s.toUpperCase() : s;
  }
  return '';
}
