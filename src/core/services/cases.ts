/* Cases: listing, reading, creating, changing, and the trash for whole cases. */
import type { z } from 'zod';
import { CaseWrite, type CaseFields, type CasePatch } from '../../shared/api/inputs';
import type { CaseSummary } from '../../shared/api/types';
import { CURRENT_SCHEMA_VERSION, type CaseFile, type CaseRecord } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { digestOf, type CaseDigest } from '../storage/catalogue';
import { applyPatch, ensureTagsDefined } from './shared';

const live = <T extends { deletedAt?: string }>(records: T[]) => records.filter((r) => !r.deletedAt);

export function summarise(file: CaseFile): CaseSummary {
  return summaryOf(digestOf(file));
}

function summaryOf(digest: CaseDigest): CaseSummary {
  const { id, slug, title, status, incidentDate, location, tags, updatedAt } = digest.case;
  return { id, slug, title, status, incidentDate, location, tags, updatedAt, counts: digest.counts };
}

/** From the store's digests: listing cases never has to read a case file. */
export function listCases(lib: CaseLibrary): CaseSummary[] {
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
  return lib.read
    .caseDigests()
    .filter((d) => !d.case.deletedAt)
    .map(summaryOf)
    .sort((a, b) => collator.compare(a.title, b.title));
}

/** A case as people work with it: records in the trash are left out. */
export function getCase(lib: CaseLibrary, key: string): CaseFile {
  const file = lib.requireCase(key);
  return { ...file, sources: live(file.sources), notes: live(file.notes), events: live(file.events) };
}

type Slugify = (typeof import('@sindresorhus/slugify'))['default'];

/** A short slug for the command line: transliterated ("Łukasz" → "lukasz"), at most 40 characters. */
function slugFor(slugify: Slugify, title: string): string {
  const slug = slugify(title, { lowercase: true }).slice(0, 40).replace(/-+$/, '');
  return slug || 'case';
}

function uniqueSlug(lib: CaseLibrary, wanted: string, exceptId?: string): string {
  const taken = new Set(lib.read.caseDigests().filter((d) => d.case.id !== exceptId).map((d) => d.case.slug));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted.slice(0, 44)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function createCase(lib: CaseLibrary, fields: CaseFields): Promise<CaseRecord> {
  if (fields.slug && lib.findCase(fields.slug)) {
    throw new ApiError('CONFLICT', `The slug "${fields.slug}" is already used by another case. Choose another.`);
  }
  // Loaded by the first new case, not when a library opens: its transliteration tables are large.
  const { default: slugify } = await import('@sindresorhus/slugify');
  return lib.mutate(
    (c: CaseRecord) => `Create case “${c.title}”`,
    (draft) => {
      const id = lib.newId('case');
      const record = CaseWrite.parse({ ...fields, id, slug: fields.slug ?? uniqueSlug(lib, slugFor(slugify, fields.title)), createdAt: draft.now, updatedAt: draft.now });
      const file: CaseFile = { schemaVersion: CURRENT_SCHEMA_VERSION, case: record, sources: [], notes: [], events: [] };
      draft.addCase(file);
      ensureTagsDefined(draft, record.tags);
      return record;
    },
  );
}

export function updateCase(lib: CaseLibrary, key: string, patch: z.output<typeof CasePatch>): Promise<CaseRecord> {
  const { case: current } = lib.requireCase(key);
  if (typeof patch.slug === 'string' && patch.slug !== current.slug && lib.findCase(patch.slug)) {
    return Promise.reject(new ApiError('CONFLICT', `The slug "${patch.slug}" is already used by another case. Choose another.`));
  }
  if (patch.slug === null) return Promise.reject(new ApiError('INVALID_INPUT', 'slug: A case always has a slug; give a new one instead of clearing it.'));
  return lib.mutate(`Edit case “${current.title}”`, (draft) => {
    const file = draft.case(current.id);
    file.case = draft.parsed(CaseWrite.parse(applyPatch(file.case, patch, draft.now)));
    ensureTagsDefined(draft, file.case.tags);
    return file.case;
  });
}

export function deleteCase(lib: CaseLibrary, key: string): Promise<void> {
  const { case: current } = lib.requireCase(key);
  return lib.mutate(`Delete case “${current.title}”`, (draft) => {
    draft.case(current.id).case.deletedAt = draft.now;
  });
}

export function restoreCase(lib: CaseLibrary, key: string): Promise<CaseRecord> {
  const { case: current } = lib.requireCase(key, { includeDeleted: true });
  if (!current.deletedAt) return Promise.reject(new ApiError('CONFLICT', `The case “${current.title}” is not in the trash.`));
  return lib.mutate(`Restore case “${current.title}”`, (draft) => {
    const file = draft.case(current.id);
    delete file.case.deletedAt;
    file.case.updatedAt = draft.now;
    return file.case;
  });
}
