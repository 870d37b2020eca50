/*
 * The search box's language, parsed into clauses and filters. Forgiving by design: whatever is typed
 * parses, and what cannot be understood comes back as a warning in words, never as an error.
 *
 *   murder inquest        both words, each matching as typed, as a prefix (murder → murdered) and with a
 *                         typo or two (inqeust → inquest; one edit from 4 letters, two from 8)
 *   "special measures"    the words next to each other, exactly; "inquest" alone: that word exactly
 *   polic*                an explicit prefix
 *   taser OR restraint    either word (OR in capitals, between two clauses)
 *   -inquest  -tag:x      leave out what matches
 *   case:everard          in one case (slug or id; or cases whose slug starts with, or title contains, it)
 *   tag:theme             tagged theme or anything beneath it (theme/misogyny, …)
 *   kind:note,event       record kinds: case source note event attachment, or a source kind (court-judgment …)
 *   status:open           a case status (open closed archived) or an event's claim status (alleged … established)
 *   date:2021  date:2020..2022  date:2021-06..  date:..2019  date:>=2021-03  date:<2020   after:2020  before:2019-06
 *   reliability:A  reliability:A,B  reliability:A..C
 *   person:"Child Q"      where someone in the people register is: the cases they have a role in, the events
 *                         and sources linked to them, and every record or attachment page naming them
 * Several values after one filter (a,b) mean any of them; two filters mean both.
 */
import { ClaimStatus, CaseStatus, ReliabilityGrade, SOURCE_KINDS } from '../../shared/domain';
import { parsePartialDate, type PartialDate } from '../../shared/partial-date';
import { STOP_WORDS, terms as termsOf } from './text';

export type TermMatch = { type: 'term'; term: string; prefix: boolean; fuzzy: boolean; raw: string };
export type PhraseMatch = { type: 'phrase'; terms: string[]; raw: string };
export type TextMatch = TermMatch | PhraseMatch;

/** A document must match one of the alternatives (or, when negated, none of them). */
export interface TextClause {
  negated: boolean;
  alternatives: TextMatch[];
}

export const RECORD_KIND_NAMES = ['case', 'source', 'note', 'event', 'attachment'] as const;
export type SearchKindName = (typeof RECORD_KIND_NAMES)[number];

export type Filter =
  | { field: 'case'; values: string[]; negated: boolean }
  | { field: 'tag'; values: string[]; negated: boolean }
  | { field: 'kind'; values: string[]; negated: boolean }
  | { field: 'status'; values: string[]; negated: boolean }
  /** Inclusive bounds as yyyymmdd numbers; a record matches when its date span overlaps them. */
  | { field: 'date'; from: number; to: number; negated: boolean }
  | { field: 'reliability'; values: ReliabilityGrade[]; negated: boolean }
  /** People by id, name, alias or cipher; `places` is filled in before the filter runs (the search index's document keys). */
  | { field: 'person'; values: string[]; negated: boolean; places?: ReadonlySet<string> };

export interface ParsedQuery {
  clauses: TextClause[];
  filters: Filter[];
  warnings: string[];
}

const FIELD_ALIASES: Record<string, Filter['field'] | 'after' | 'before'> = {
  case: 'case',
  tag: 'tag',
  tags: 'tag',
  kind: 'kind',
  type: 'kind',
  status: 'status',
  date: 'date',
  after: 'after',
  before: 'before',
  reliability: 'reliability',
  rel: 'reliability',
  person: 'person',
  who: 'person',
};

export const STATUS_NAMES: readonly string[] = [...CaseStatus.options, ...ClaimStatus.options];
export const KIND_NAMES: readonly string[] = [...RECORD_KIND_NAMES, ...SOURCE_KINDS];
const GRADES = ReliabilityGrade.options;

export const MIN_PREFIX_LENGTH = 3;
export const MIN_FUZZY_LENGTH = 4;
const OPEN_QUOTES = '"“”„«»';

interface Token {
  negated: boolean;
  field?: string;
  value: string;
  quoted: boolean;
  /** A bare OR between two clauses. */
  or?: boolean;
}

/** Splits the query into whitespace-separated tokens, keeping quoted text (with “curly” quotes too) whole. */
function lex(input: string): Token[] {
  const tokens: Token[] = [];
  const text = input.replace(/\s+/g, ' ');
  let i = 0;
  const readQuoted = (): string => {
    i++; // the opening quote
    const start = i;
    while (i < text.length && !OPEN_QUOTES.includes(text[i])) i++;
    const value = text.slice(start, i);
    i++; // the closing quote, if any
    return value;
  };
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    let negated = false;
    if (text[i] === '-' && i + 1 < text.length && text[i + 1] !== ' ') {
      negated = true;
      i++;
    }
    if (OPEN_QUOTES.includes(text[i])) {
      tokens.push({ negated, value: readQuoted(), quoted: true });
      continue;
    }
    const start = i;
    while (i < text.length && text[i] !== ' ' && !(text[i] === ':' && i > start)) i++;
    const word = text.slice(start, i);
    if (text[i] === ':' && /^[A-Za-z]+$/.test(word) && FIELD_ALIASES[word.toLowerCase()]) {
      i++;
      if (OPEN_QUOTES.includes(text[i] ?? '')) tokens.push({ negated, field: word.toLowerCase(), value: readQuoted(), quoted: true });
      else {
        const valueStart = i;
        while (i < text.length && text[i] !== ' ') i++;
        tokens.push({ negated, field: word.toLowerCase(), value: text.slice(valueStart, i), quoted: false });
      }
      continue;
    }
    // Not a filter: the colon (as in "10:30") belongs to the word.
    while (i < text.length && text[i] !== ' ') i++;
    const value = text.slice(start, i);
    if (value === 'OR' && !negated) tokens.push({ negated: false, value, quoted: false, or: true });
    else tokens.push({ negated, value, quoted: false });
  }
  return tokens;
}

function textMatch(token: Token): TextMatch | undefined {
  const raw = token.value;
  if (token.quoted) {
    const words = termsOf(raw);
    if (words.length === 0) return undefined;
    if (words.length === 1) return { type: 'term', term: words[0], prefix: false, fuzzy: false, raw };
    return { type: 'phrase', terms: words, raw };
  }
  const explicitPrefix = raw.endsWith('*');
  const words = termsOf(explicitPrefix ? raw.slice(0, -1) : raw);
  if (words.length === 0) return undefined;
  if (words.length > 1) return { type: 'phrase', terms: words, raw };
  const [term] = words;
  const numeric = /^\d+$/.test(term);
  return {
    type: 'term',
    term,
    prefix: explicitPrefix || (term.length >= MIN_PREFIX_LENGTH && !numeric),
    fuzzy: !explicitPrefix && !numeric && term.length >= MIN_FUZZY_LENGTH,
    raw,
  };
}

function splitValues(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

const DATE_MIN = 0;
const DATE_MAX = 99_999_999;

/** The first and last day a partial date can mean, as yyyymmdd numbers ("2021-03" → 20210301, 20210331). */
export function dateSpan(date: PartialDate | undefined): [number, number] | undefined {
  if (!date) return undefined;
  const [y, m, d] = date.value.split('-').map(Number);
  if (d) return [y * 10_000 + m * 100 + d, y * 10_000 + m * 100 + d];
  if (m) return [y * 10_000 + m * 100 + 1, y * 10_000 + m * 100 + 31];
  return [y * 10_000 + 101, y * 10_000 + 1231];
}

function parseDateBound(text: string): [number, number] | undefined {
  return dateSpan(parsePartialDate(text));
}

/** Reads date:VALUE (and after:/before:) into inclusive bounds, or a warning. */
function dateFilter(kind: 'date' | 'after' | 'before', value: string): { from: number; to: number } | string {
  const bad = `“${value}” is not a date or date range. Try date:2021, date:2020..2022, date:2021-06.. or date:<2020.`;
  if (kind === 'after') {
    const span = parseDateBound(value);
    return span ? { from: span[1] + 1, to: DATE_MAX } : bad;
  }
  if (kind === 'before') {
    const span = parseDateBound(value);
    return span ? { from: DATE_MIN, to: span[0] - 1 } : bad;
  }
  const comparison = /^(>=|<=|>|<)(.+)$/.exec(value);
  if (comparison) {
    const span = parseDateBound(comparison[2]);
    if (!span) return bad;
    switch (comparison[1]) {
      case '>':
        return { from: span[1] + 1, to: DATE_MAX };
      case '>=':
        return { from: span[0], to: DATE_MAX };
      case '<':
        return { from: DATE_MIN, to: span[0] - 1 };
      default:
        return { from: DATE_MIN, to: span[1] };
    }
  }
  const range = value.split('..');
  if (range.length === 2) {
    const from = range[0].trim() ? parseDateBound(range[0]) : ([DATE_MIN, DATE_MIN] as [number, number]);
    const to = range[1].trim() ? parseDateBound(range[1]) : ([DATE_MAX, DATE_MAX] as [number, number]);
    if (!from || !to) return bad;
    if (from[0] > to[1]) return `The date range “${value}” ends before it starts.`;
    return { from: from[0], to: to[1] };
  }
  const span = parseDateBound(value);
  return span ? { from: span[0], to: span[1] } : bad;
}

function reliabilityFilter(value: string): ReliabilityGrade[] | string {
  const grades = new Set<ReliabilityGrade>();
  for (const part of splitValues(value.toUpperCase())) {
    const range = /^([A-F])(?:\.\.|-)([A-F])$/.exec(part);
    if (range) {
      const [lo, hi] = [GRADES.indexOf(range[1] as ReliabilityGrade), GRADES.indexOf(range[2] as ReliabilityGrade)].sort();
      for (let g = lo; g <= hi; g++) grades.add(GRADES[g]);
    } else if ((GRADES as readonly string[]).includes(part)) grades.add(part as ReliabilityGrade);
    else return `“${value}” is not a reliability grade. Use A to F, e.g. reliability:A, reliability:A,B or reliability:A..C.`;
  }
  return [...grades];
}

function choiceFilter(field: 'kind' | 'status', value: string, allowed: readonly string[]): string[] | string {
  const values = splitValues(value.toLowerCase());
  const unknown = values.filter((v) => !allowed.includes(v));
  if (unknown.length > 0 || values.length === 0) {
    return `${field}: “${unknown[0] ?? value}” is not one of ${allowed.join(', ')}.`;
  }
  return values;
}

export function parseQuery(input: string): ParsedQuery {
  const clauses: TextClause[] = [];
  const filters: Filter[] = [];
  const warnings: string[] = [];
  const ignoredStopWords: string[] = [];
  let joinNext = false;
  for (const token of lex(input)) {
    if (token.or) {
      joinNext = clauses.length > 0;
      continue;
    }
    if (token.field !== undefined) {
      joinNext = false;
      const field = FIELD_ALIASES[token.field];
      const { value, negated } = token;
      if (!value.trim()) {
        warnings.push(`${token.field}: needs a value, e.g. ${token.field}:${field === 'date' ? '2021' : 'something'}.`);
        continue;
      }
      if (field === 'date' || field === 'after' || field === 'before') {
        const span = dateFilter(field, value.trim());
        if (typeof span === 'string') warnings.push(span);
        else filters.push({ field: 'date', ...span, negated });
      } else if (field === 'reliability') {
        const grades = reliabilityFilter(value);
        if (typeof grades === 'string') warnings.push(grades);
        else filters.push({ field, values: grades, negated });
      } else if (field === 'kind' || field === 'status') {
        const values = choiceFilter(field, value, field === 'kind' ? KIND_NAMES : STATUS_NAMES);
        if (typeof values === 'string') warnings.push(values);
        else filters.push({ field, values, negated });
      } else {
        const values = field === 'tag' ? splitValues(value).map((v) => v.replace(/^\/+|\/+$/g, '')) : splitValues(value);
        filters.push({ field, values, negated });
      }
      continue;
    }
    const match = textMatch(token);
    if (!match) continue;
    if (match.type === 'term' && STOP_WORDS.has(match.term)) {
      ignoredStopWords.push(match.term);
      continue;
    }
    if (match.type === 'phrase' && match.terms.every((t) => STOP_WORDS.has(t))) {
      ignoredStopWords.push(match.raw);
      continue;
    }
    const previous = clauses[clauses.length - 1];
    if (joinNext && previous && !previous.negated && !token.negated) previous.alternatives.push(match);
    else clauses.push({ negated: token.negated, alternatives: [match] });
    joinNext = false;
  }
  if (ignoredStopWords.length > 0 && clauses.every((c) => c.negated) && filters.length === 0) {
    warnings.push(`“${ignoredStopWords.join(' ')}” ${ignoredStopWords.length === 1 ? 'is' : 'are'} too common to search for on ${ignoredStopWords.length === 1 ? 'its' : 'their'} own.`);
  }
  return { clauses, filters, warnings };
}
