/*
 * Copying a value's bytes with its references renumbered for the dossier: the copier's inner loop, run for every
 * page's resources and every object an exhibit brings in.
 */
import { RawPdfError, decodeName, regularEnd, scanValue, skipSpace, type OnRef } from './lexer';

/** What `rename` gives for a reference: "7 0 R", or "null" for an object deliberately left behind. */
export type Rename = (num: number, gen: number) => string;

interface Renumbering {
  rename: Rename;
  /** Each reference's place as two numbers in one flat array (objects made for each were most of what the
   *  copier allocated: a page's font dictionary can hold dozens of references), and its new spelling. */
  places: number[];
  names: string[];
  size: number;
}

/** The renumbering under way; one module-level callback reads it instead of a closure made for each call. */
let current: Renumbering | undefined;

const collect: OnRef = (refStart, refEnd, num, gen) => {
  const r = current!;
  const name = r.rename(num, gen);
  r.places.push(refStart, refEnd);
  r.names.push(name);
  r.size += name.length - (refEnd - refStart);
};

/** Starts collecting references; `rename` may read objects, and so in principle renumber again: hence `outer`. */
function begin(rename: Rename, size: number): { state: Renumbering; outer: Renumbering | undefined } {
  const outer = current;
  current = { rename, places: [], names: [], size };
  return { state: current, outer };
}

/** The bytes `start`–`end` with the collected references replaced. */
function spliced(b: Uint8Array, start: number, end: number, { places, names, size }: Renumbering): Uint8Array {
  if (!names.length) return b.slice(start, end);
  const out = new Uint8Array(size);
  let o = 0;
  let from = start;
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
    for (let i = from; i < places[2 * k]; i++) out[o++] = b[i];
    for (let i = 0; i < name.length; i++) out[o++] = name.charCodeAt(i);
    from = places[2 * k + 1];
  }
  for (let i = from; i < end; i++) out[o++] = b[i];
  return out;
}

/** Where a place of the input (not inside a reference) lands in the spliced output. */
function outputPlace({ places, names }: Renumbering, start: number, place: number): number {
  let shift = -start;
  for (let k = 0; k < names.length && places[2 * k] < place; k++) shift += names[k].length - (places[2 * k + 1] - places[2 * k]);
  return place + shift;
}

/**
 * The bytes `start`–`end` (whole values) with every reference replaced by what `rename` returns for it.
 * Everything else is copied as it is.
 */
export function renumber(b: Uint8Array, start: number, end: number, rename: Rename): Uint8Array {
  const { state, outer } = begin(rename, end - start);
  try {
    let at = start;
    while ((at = skipSpace(b, at)) < end) at = scanValue(b, at, collect);
  } finally {
    current = outer;
  }
  return spliced(b, start, end, state);
}

export interface RenumberedDict {
  bytes: Uint8Array;
  /** Where the dictionary ended in the input. */
  end: number;
  /**
   * The entry `key` when its value is a direct dictionary: where its "<<" and its closing ">>" are in `bytes`.
   * 'not a dictionary' when the entry is there as something else (a reference, say): its value's references are
   * then left as they were, so `bytes` must not be used; the caller copies the dictionary another way, and no
   * object was queued for copying for nothing.
   */
  nested: { start: number; close: number } | 'not a dictionary' | undefined;
}

/**
 * The dictionary at `at` renumbered, in the same pass that finds its entry `key`: a page's /Resources, whose /Font
 * the dossier adds its stamp fonts to.
 */
export function renumberDict(b: Uint8Array, at: number, rename: Rename, key: string): RenumberedDict {
  const start = skipSpace(b, at);
  if (b[start] !== 0x3c || b[start + 1] !== 0x3c) throw new RawPdfError(`a dictionary expected at byte ${start}`);
  let found: [number, number] | undefined;
  let other = false;
  let end: number;
  const { state, outer } = begin(rename, 0);
  try {
    for (at = start + 2; ; ) {
      at = skipSpace(b, at);
      if (b[at] === 0x3e && b[at + 1] === 0x3e) {
        end = at + 2;
        break;
      }
      if (b[at] !== 0x2f) throw new RawPdfError(`a name expected as a dictionary key at byte ${at}`);
      const keyEnd = regularEnd(b, at + 1);
      const valueStart = skipSpace(b, keyEnd);
      const isKey = keyEnd - at - 1 >= key.length && decodeName(b, at + 1, keyEnd) === key;
      const isDict = b[valueStart] === 0x3c && b[valueStart + 1] === 0x3c;
      at = scanValue(b, valueStart, isKey && !isDict ? undefined : collect);
      if (isKey && isDict) found = [valueStart, at - 2];
      else if (isKey) other = true;
    }
  } finally {
    current = outer;
  }
  state.size += end - start;
  const bytes = spliced(b, start, end, state);
  const nested = other ? 'not a dictionary' : found ? { start: outputPlace(state, start, found[0]), close: outputPlace(state, start, found[1]) } : undefined;
  return { bytes, end, nested };
}
