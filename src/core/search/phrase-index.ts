/*
 * Where words stand: each document's words in order, so a quoted phrase is answered from the index without
 * reading any record's text (a phrase with a common word, "independent of", once sent thousands of records
 * through markdown-it on one keystroke).
 *
 *   vocabulary  every word ever indexed, stop words included, each with a number that never changes
 *               (append-only; a rebuild starts it afresh), so a compaction renumbers no word
 *   streams     per document, its words' numbers in order as variable-length integers (7 bits a byte,
 *               common words first in the vocabulary so most take one byte); a field ends with FIELD_END,
 *               so no phrase runs from one field into the next
 *
 * It answers what reading the text answered before it (the phrase's terms in a row in one field's text as
 * scanTerms tokenises it, or, for a document of plain words, a regex over the raw text): in a document of plain
 * words, a word too long to be a term (scanTerms skips it) still stood between its neighbours for the regex,
 * so it is kept as WORD_GAP; in a document whose words need folding the tokens were the judge and skipped it
 * too, so WORD_GAP is left out. tests/core/search/phrase-index.test.ts checks both against the text.
 */
import { Column } from './columns';
import { MAX_TERM_LENGTH, STOP_WORDS } from './text';

/** Bumped whenever what the streams hold or how they are coded changes: a saved index of another version is rebuilt. */
export const PHRASE_FORMAT = 1;

const FIELD_END = 0;
const WORD_GAP = 1;
const FIRST_WORD = 2;

/** Every word ever indexed and its number; the lookup map is built on first need (opening does not pay for it). */
export class Vocabulary {
  private ids: Map<string, number> | undefined;

  constructor(readonly words: string[] = [...STOP_WORDS]) {}

  private map(): Map<string, number> {
    if (!this.ids) {
      this.ids = new Map();
      for (let i = 0; i < this.words.length; i++) this.ids.set(this.words[i], i + FIRST_WORD);
    }
    return this.ids;
  }

  /** The word's number, or undefined when no document ever held it. */
  find(word: string): number | undefined {
    return this.map().get(word);
  }

  idOf(word: string): number {
    const ids = this.map();
    let id = ids.get(word);
    if (id === undefined) {
      id = this.words.length + FIRST_WORD;
      this.words.push(word);
      ids.set(word, id);
    }
    return id;
  }
}

/** The streams of the base segment's documents: document d's bytes are bytes[start[d]..start[d+1]). */
export interface BaseStreams {
  start: Uint32Array;
  bytes: Uint8Array;
}

export function emptyStreams(): BaseStreams {
  return { start: new Uint32Array(1), bytes: new Uint8Array(0) };
}

/**
 * Collects one document's words while it is weighed (weighDocument scans its text once for both), then codes
 * them. Reused for every document: it allocates only when a document is longer than any before it.
 */
export class StreamWriter {
  private ids = new Uint32Array(4096);
  private length = 0;
  private lastEnd = 0;
  private out = new Uint8Array(8192);

  constructor(private readonly vocabulary: Vocabulary) {}

  startField(): void {
    this.lastEnd = 0;
  }

  /** A term at [start, end) of the field's text; a skipped word in the gap before it is marked. */
  word(term: string, text: string, start: number, end: number): void {
    // A skipped word is longer than any term, so only a gap that long can hold one.
    if (start - this.lastEnd > MAX_TERM_LENGTH && hasAsciiWordChar(text, this.lastEnd, start)) this.push(WORD_GAP);
    this.push(this.vocabulary.idOf(term));
    this.lastEnd = end;
  }

  endField(text: string): void {
    if (hasAsciiWordChar(text, this.lastEnd, text.length)) this.push(WORD_GAP);
    this.push(FIELD_END);
  }

  /** The coded stream of the words written since the last call, as a copy of its own (a document added later). */
  finish(folds: boolean): Uint8Array {
    return this.encode(folds).slice();
  }

  /**
   * The same, as a view of the writer's buffer, valid until its next call (a whole build copies it into one array:
   * a hundred thousand small buffers would each be memory outside the heap for V8 to collect).
   */
  encode(folds: boolean): Uint8Array {
    let n = 0;
    if (this.out.length < this.length * 5) this.out = new Uint8Array(this.length * 5);
    const out = this.out;
    for (let i = 0; i < this.length; i++) {
      let id = this.ids[i];
      if (folds && id === WORD_GAP) continue;
      while (id >= 0x80) {
        out[n++] = (id & 0x7f) | 0x80;
        id >>>= 7;
      }
      out[n++] = id;
    }
    this.length = 0;
    return out.subarray(0, n);
  }

  private push(id: number): void {
    if (this.length === this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }
}

/**
 * Whether [from, to) of `text` holds an ASCII letter or digit: a word scanTerms skipped (too long to be a term),
 * which the plain-text regex of a phrase would not step over.
 */
function hasAsciiWordChar(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  }
  return false;
}

/** The documents' word streams: the base segment's in two typed arrays, later documents' one array each. */
export class PhraseStreams {
  private readonly delta = new Map<number, Uint8Array>();

  constructor(
    private base: BaseStreams,
    readonly vocabulary: Vocabulary,
  ) {}

  get segment(): BaseStreams {
    return this.base;
  }

  add(doc: number, stream: Uint8Array): void {
    this.delta.set(doc, stream);
  }

  /**
   * The phrase's words coded as in the streams, or undefined when some word was never indexed (no document holds
   * it). The code is prefix-free, so the phrase is in a document exactly where these bytes start a word there.
   */
  wordsOf(phrase: readonly string[]): Uint8Array | undefined {
    const bytes: number[] = [];
    for (const word of phrase) {
      let id = this.vocabulary.find(word);
      if (id === undefined) return undefined;
      while (id >= 0x80) {
        bytes.push((id & 0x7f) | 0x80);
        id >>>= 7;
      }
      bytes.push(id);
    }
    return Uint8Array.from(bytes);
  }

  /** Whether the document's words hold `words` (from wordsOf) in a row within one field. */
  holds(doc: number, words: Uint8Array): boolean {
    const delta = this.delta.get(doc);
    const bytes = delta ?? this.base.bytes;
    const from = delta ? 0 : this.base.start[doc];
    const to = delta ? delta.length : this.base.start[doc + 1];
    const first = words[0];
    const last = to - words.length;
    for (let p = from; p <= last; p++) {
      if (bytes[p] !== first) continue;
      // A word starts here only if the byte before ends one (its high bit is clear).
      if (p > from && bytes[p - 1] & 0x80) continue;
      let k = 1;
      while (k < words.length && bytes[p + k] === words[k]) k++;
      if (k === words.length) return true;
    }
    return false;
  }

  /** Folds the later documents into new base arrays, keeping the documents `remap` keeps, renumbered. */
  compact(remap: Int32Array): void {
    const total = remap.length;
    const streamOf = (d: number): Uint8Array => this.delta.get(d) ?? this.base.bytes.subarray(this.base.start[d], this.base.start[d + 1]);
    let kept = 0;
    let size = 0;
    for (let d = 0; d < total; d++) {
      if (remap[d] < 0) continue;
      kept++;
      size += streamOf(d).length;
    }
    const start = new Uint32Array(kept + 1);
    const bytes = new Uint8Array(size);
    let at = 0;
    for (let d = 0; d < total; d++) {
      if (remap[d] < 0) continue;
      const stream = streamOf(d);
      bytes.set(stream, at);
      at += stream.length;
      start[remap[d] + 1] = at;
    }
    this.base = { start, bytes };
    this.delta.clear();
  }
}

/** Gathers the base streams of a whole build, in one growing array. */
export class StreamsBuilder {
  private readonly starts = new Column<Uint32Array>(Uint32Array, 1 << 16);
  private readonly bytes = new Column<Uint8Array>(Uint8Array, 1 << 20);

  constructor() {
    this.starts.push(0);
  }

  push(stream: Uint8Array): void {
    this.bytes.append(stream);
    this.starts.push(this.bytes.length);
  }

  finish(): BaseStreams {
    // Copied out of the growing arrays, which may be half as large again as what they hold.
    return { start: this.starts.view().slice(), bytes: this.bytes.view().slice() };
  }
}

/** For weighDocument's callers: the writer's calls per field, given the document's fields in order. */
export type FieldWords = Pick<StreamWriter, 'startField' | 'word' | 'endField'>;
