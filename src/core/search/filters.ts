/*
 * The filters of a query (case, tag subtree, kind, status, date span, reliability, person) compiled to one test per
 * document over the index's typed columns, and, for a query without words, the documents to start from.
 */
import { ClaimStatus, ReliabilityGrade, SOURCE_KINDS } from '../../shared/domain';
import type { DocKind } from './documents';
import type { Filter } from './query';
import type { Scratch } from './scratch';
import type { SearchContext } from './search-options';
import { CASE_STATUS_CODES, KIND_CODES, type SearchIndex } from './search-index';

export interface CompiledFilter {
  test(doc: number): boolean;
  /** Documents to start from when the query has no words; undefined means every document. */
  seed?: () => Iterable<number>;
}

const KIND_NAMES_BY_CODE: Record<number, DocKind> = Object.fromEntries(Object.entries(KIND_CODES).map(([name, code]) => [code, name as DocKind]));

/** How a person's places name a search document: "note:<id>", or "attachment:<source id>:<attachment id>:<page>". */
export function personDocumentKey(kind: DocKind, recordId: string, attachmentId: string | undefined, page: number): string {
  return kind === 'attachment' ? `attachment:${recordId}:${attachmentId}:${page}` : `${kind}:${recordId}`;
}

/** Fills in where each person named by a person: filter is; a name no one in the register has becomes a warning. */
export async function resolvePersonFilters(filters: Filter[], ctx: SearchContext, warnings: string[]): Promise<Filter[]> {
  return Promise.all(
    filters.map(async (filter) => {
      if (filter.field !== 'person') return filter;
      const places = new Set<string>();
      for (const value of filter.values) {
        const found = await ctx.personPlaces(value);
        if ('warning' in found) warnings.push(found.warning);
        else for (const place of found) places.add(place);
      }
      return { ...filter, places };
    }),
  );
}

export function compileFilters(index: SearchIndex, filters: Filter[], ctx: SearchContext, warnings: string[], scratch: Scratch): CompiledFilter {
  let maskUsed = false;
  const tests: ((doc: number) => boolean)[] = [];
  let seed: (() => Iterable<number>) | undefined;
  const { docs, cases } = index;
  for (const filter of filters) {
    let test: (doc: number) => boolean;
    switch (filter.field) {
      case 'case': {
        const slots = new Set<number>();
        for (const value of filter.values) {
          const ids = ctx.resolveCase(value);
          if (ids.length === 0) warnings.push(`case: no case matches “${value}”.`);
          for (const id of ids) {
            const slot = index.caseSlot(id);
            if (slot !== undefined) slots.add(slot);
          }
        }
        const inCase = new Uint8Array(Math.max(1, cases.ids.length));
        for (const slot of slots) inCase[slot] = 1;
        const slotOf = docs.caseSlot.values;
        test = (doc) => inCase[slotOf[doc]] === 1;
        if (!filter.negated && !seed) seed = () => [...slots].flatMap((slot) => index.documentsOfCase(slot));
        break;
      }
      case 'tag': {
        // One tag filter may use the shared mask; any further one gets its own.
        const mask = maskUsed ? new Uint8Array(index.slotCount) : scratch.mask;
        if (mask === scratch.mask) scratch.maskClear = () => scratch.mask.fill(0);
        maskUsed = true;
        const tagged: number[] = [];
        for (const value of filter.values) {
          index.forEachTagged(value, (doc) => {
            if (mask[doc]) return;
            mask[doc] = 1;
            tagged.push(doc);
          });
        }
        test = (doc) => mask[doc] === 1;
        if (!filter.negated) seed = () => tagged;
        break;
      }
      case 'kind': {
        const kinds = new Uint8Array(8);
        const subs = new Uint8Array(32);
        for (const v of filter.values) {
          if (v in KIND_CODES) kinds[KIND_CODES[v as DocKind]] = 1;
          else subs[SOURCE_KINDS.indexOf(v as (typeof SOURCE_KINDS)[number]) + 1] = 1;
        }
        const kind = docs.kind.values;
        const sub = docs.sub.values;
        test = (doc) => kinds[kind[doc]] === 1 || ((kind[doc] === 1 || kind[doc] === 4) && subs[sub[doc]] === 1);
        break;
      }
      case 'status': {
        const caseStatuses = new Uint8Array(8);
        const claims = new Uint8Array(8);
        for (const v of filter.values) {
          if (v in CASE_STATUS_CODES) caseStatuses[CASE_STATUS_CODES[v]] = 1;
          else claims[ClaimStatus.options.indexOf(v as ClaimStatus) + 1] = 1;
        }
        const status = cases.status.values;
        const slotOf = docs.caseSlot.values;
        const kind = docs.kind.values;
        const sub = docs.sub.values;
        test = (doc) => caseStatuses[status[slotOf[doc]]] === 1 || (kind[doc] === 3 && claims[sub[doc]] === 1);
        break;
      }
      case 'date': {
        const { from, to } = filter;
        const dateFrom = docs.dateFrom.values;
        const dateTo = docs.dateTo.values;
        test = (doc) => dateFrom[doc] !== 0 && dateFrom[doc] <= to && dateTo[doc] >= from;
        break;
      }
      case 'person': {
        const places = filter.places ?? new Set<string>();
        const { kind, page, attachmentId } = docs;
        const recordId = docs.recordId;
        test = (doc) => places.has(personDocumentKey(KIND_NAMES_BY_CODE[kind.values[doc]], recordId[doc], attachmentId[doc], page.values[doc]));
        break;
      }
      case 'reliability': {
        const grades = new Uint8Array(8);
        for (const g of filter.values) grades[ReliabilityGrade.options.indexOf(g) + 1] = 1;
        const reliability = docs.reliability.values;
        test = (doc) => grades[reliability[doc]] === 1;
        break;
      }
    }
    tests.push(filter.negated ? (doc) => !test(doc) : test);
  }
  const test =
    tests.length === 0
      ? () => true
      : tests.length === 1
        ? tests[0]
        : (doc: number) => {
            for (const t of tests) if (!t(doc)) return false;
            return true;
          };
  return { test, seed };
}
