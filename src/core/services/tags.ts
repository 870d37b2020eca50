/*
 * The tag vocabulary and tags on records. Tags are paths ("theme/misogyny"); renaming, moving and
 * merging act on a whole subtree and reach every record in every case, including those in the trash,
 * so a restored record never comes back with a tag that no longer exists.
 */
import type { TagChange, TagUsage } from '../../shared/api/types';
import { tagWithin, TagDefinition, type CaseFile, type RecordRef } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary, Draft } from '../case-library';
import { ensureTagsDefined } from './shared';

type Tagged = { tags: string[] };

function taggedRecords(file: CaseFile): Tagged[] {
  return [file.case, ...file.sources, ...file.notes, ...file.events];
}

/** Summed from the cases' digests (kept with each save, and in the catalogue): no case file is read. */
export function listTags(lib: CaseLibrary): TagUsage[] {
  const counts = new Map<string, number>();
  for (const digest of lib.read.caseDigests()) {
    if (digest.case.deletedAt) continue;
    for (const [tag, n] of digest.tagCounts) counts.set(tag, (counts.get(tag) ?? 0) + n);
  }
  return lib.read.library.tags.map((t) => ({ ...t, count: counts.get(t.path) ?? 0 }));
}

function tagExists(lib: CaseLibrary, path: string): boolean {
  return lib.read.library.tags.some((t) => t.path === path) || lib.read.caseFiles().some((f) => taggedRecords(f).some((r) => r.tags.includes(path)));
}

export function defineTag(lib: CaseLibrary, input: { path: string; color?: string | null; description?: string | null }): Promise<TagUsage> {
  return lib.mutate(`Edit tag “${input.path}”`, (draft) => {
    ensureTagsDefined(draft, [input.path]);
    const library = draft.library();
    const index = library.tags.findIndex((t) => t.path === input.path);
    const next: Record<string, unknown> = { ...library.tags[index] };
    for (const key of ['color', 'description'] as const) {
      if (input[key] === null) delete next[key];
      else if (input[key] !== undefined) next[key] = input[key];
    }
    library.tags[index] = TagDefinition.parse(next);
    return { ...library.tags[index], count: listTags(lib).find((t) => t.path === input.path)?.count ?? 0 };
  });
}

/** Renames `from` and its subtree to `to`. With merge, `to` must exist and the two subtrees become one. */
export function renameTag(lib: CaseLibrary, from: string, to: string, options: { merge?: boolean } = {}): Promise<TagChange> {
  if (from === to) return Promise.reject(new ApiError('INVALID_INPUT', 'The new name is the same as the old one.'));
  if (tagWithin(to, from)) return Promise.reject(new ApiError('INVALID_INPUT', `“${to}” lies inside “${from}”: a tag cannot be moved into itself.`));
  if (!tagExists(lib, from)) return Promise.reject(new ApiError('NOT_FOUND', `There is no tag “${from}”.`));
  const targetExists = tagExists(lib, to);
  if (options.merge && !targetExists) return Promise.reject(new ApiError('NOT_FOUND', `There is no tag “${to}” to merge into; rename instead.`));
  if (!options.merge && targetExists) {
    return Promise.reject(new ApiError('CONFLICT', `The tag “${to}” already exists. Merge “${from}” into it instead, or choose another name.`));
  }
  const remap = (tag: string) => (tagWithin(tag, from) ? to + tag.slice(from.length) : tag);
  const label = options.merge ? `Merge tag “${from}” into “${to}”` : `Rename tag “${from}” to “${to}”`;
  return lib.mutate(label, (draft) => {
    let changed = 0;
    for (const file of lib.read.caseFiles()) {
      if (!taggedRecords(file).some((r) => r.tags.some((t) => tagWithin(t, from)))) continue;
      for (const record of taggedRecords(draft.case(file.case.id))) {
        if (!record.tags.some((t) => tagWithin(t, from))) continue;
        record.tags = [...new Set(record.tags.map(remap))];
        changed++;
      }
    }
    const library = draft.library();
    const byPath = new Map<string, TagDefinition>();
    for (const def of library.tags) {
      const path = remap(def.path);
      // On a merge the target's own colour and description win.
      if (!byPath.has(path) || def.path === path) byPath.set(path, { ...byPath.get(path), ...def, path });
    }
    library.tags = [...byPath.values()];
    ensureTagsDefined(draft, [to]);
    return { changed };
  });
}

export function moveTag(lib: CaseLibrary, path: string, newParent: string | null): Promise<TagChange> {
  const leaf = path.split('/').pop()!;
  return renameTag(lib, path, newParent ? `${newParent}/${leaf}` : leaf);
}

function targetRecord(draft: Draft, lib: CaseLibrary, ref: RecordRef): Tagged & { updatedAt: string } {
  const file = draft.case(lib.requireCase(ref.caseId).case.id);
  const collection = { case: [file.case], source: file.sources, note: file.notes, event: file.events }[ref.kind];
  const record = collection.find((r) => r.id === ref.id && !r.deletedAt);
  if (!record) throw new ApiError('NOT_FOUND', `No ${ref.kind} ${ref.id} in the case “${file.case.title}”; nothing was tagged.`);
  return record;
}

export function applyTag(lib: CaseLibrary, tag: string, targets: RecordRef[], add: boolean): Promise<TagChange> {
  const label = `${add ? 'Tag' : 'Untag'} ${targets.length} record${targets.length === 1 ? '' : 's'} “${tag}”`;
  return lib.mutate(label, (draft) => {
    let changed = 0;
    for (const ref of targets) {
      const record = targetRecord(draft, lib, ref);
      const has = record.tags.includes(tag);
      if (add && !has) record.tags = [...record.tags, tag];
      else if (!add && has) record.tags = record.tags.filter((t) => t !== tag);
      else continue;
      record.updatedAt = draft.now;
      changed++;
    }
    if (add) ensureTagsDefined(draft, [tag]);
    return { changed };
  });
}
