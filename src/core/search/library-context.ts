/* What the executor reads from an open library: cases named in case: filters, records by id, attachment pages. */
import type { CaseFile, SourceRecord } from '../../shared/domain';
import type { CaseLibrary } from '../case-library';
import type { AttachmentTextCache } from './attachment-text';
import type { DocKind } from './documents';
import type { SearchContext } from './search-options';
import { foldTerm } from './text';
import { ApiError } from '../../shared/errors';
import { findPerson } from '../services/people/register';
import { personPlaces } from '../services/people/mentions';

/** Each version of a case file's live records by kind and id, built once per version (versions are never changed). */
const recordMaps = new WeakMap<CaseFile, Map<string, unknown>>();

function recordsOf(file: CaseFile): Map<string, unknown> {
  let map = recordMaps.get(file);
  if (!map) {
    const records = new Map<string, unknown>([[`case:${file.case.id}`, file.case]]);
    const add = (kind: Exclude<DocKind, 'attachment' | 'case'>, list: { id: string; deletedAt?: string }[]) => {
      for (const r of list) if (!r.deletedAt) records.set(`${kind}:${r.id}`, r);
    };
    add('source', file.sources);
    add('note', file.notes);
    add('event', file.events);
    recordMaps.set(file, records);
    map = records;
  }
  return map;
}

export function libraryContext(lib: CaseLibrary, texts: AttachmentTextCache): SearchContext {
  const store = lib.read;
  return {
    resolveCase: (value) => resolveCase(store.caseDigests(), value),
    caseFile: (caseId) => store.caseFile(caseId),
    record: (caseId, kind, id) => {
      const file = store.caseFile(caseId);
      return file ? recordsOf(file).get(`${kind}:${id}`) : undefined;
    },
    attachmentPage: async (caseId, sourceId, attachmentId, page) => {
      const file = store.caseFile(caseId);
      const source = file && (recordsOf(file).get(`source:${sourceId}`) as SourceRecord | undefined);
      const attachment = source?.attachments.find((a) => a.id === attachmentId);
      if (!attachment) return undefined;
      const text = await texts.load(attachment.sha256);
      const found = text?.pages.find((p) => p.index === page);
      return found ? { attachment, text: found.text } : undefined;
    },
    personPlaces: async (value) => {
      try {
        return await personPlaces(lib, findPerson(lib, value));
      } catch (error) {
        if (error instanceof ApiError) return { warning: `person: ${error.message}` };
        throw error;
      }
    },
  };
}

/** case:VALUE: an id, else a slug, else slugs starting with it, else titles containing its words. */
export function resolveCase(files: readonly { case: Pick<CaseFile['case'], 'id' | 'slug' | 'title' | 'deletedAt'> }[], value: string): string[] {
  const live = files.filter((f) => !f.case.deletedAt);
  const byId = live.filter((f) => f.case.id === value);
  if (byId.length) return byId.map((f) => f.case.id);
  const lower = value.toLowerCase();
  const bySlug = live.filter((f) => f.case.slug === lower);
  if (bySlug.length) return bySlug.map((f) => f.case.id);
  const byPrefix = live.filter((f) => f.case.slug.startsWith(lower));
  if (byPrefix.length) return byPrefix.map((f) => f.case.id);
  const words = lower.split(/[\s-]+/).map(foldTerm).filter(Boolean);
  return live
    .filter((f) => {
      const title = foldTerm(f.case.title);
      return words.length > 0 && words.every((w) => title.includes(w));
    })
    .map((f) => f.case.id);
}
