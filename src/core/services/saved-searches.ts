/* Saved searches: named queries kept in library.json and shown in the sidebar. Changes are undoable. */
import { SavedSearch } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';

export function listSavedSearches(lib: CaseLibrary): SavedSearch[] {
  return lib.read.library.savedSearches;
}

/** Saves a new search, or changes the name or query of the one with `id`. */
export function saveSearch(lib: CaseLibrary, input: { id?: string; name: string; query: string }): Promise<SavedSearch> {
  const existing = input.id ? lib.read.library.savedSearches.find((s) => s.id === input.id) : undefined;
  if (input.id && !existing) return Promise.reject(new ApiError('NOT_FOUND', `There is no saved search ${input.id}.`));
  return lib.mutate(existing ? `Change saved search “${existing.name}”` : `Save search “${input.name}”`, (draft) => {
    const library = draft.library();
    const search = SavedSearch.parse({ id: existing?.id ?? lib.newId('search'), name: input.name, query: input.query });
    const index = library.savedSearches.findIndex((s) => s.id === search.id);
    if (index >= 0) library.savedSearches[index] = search;
    else library.savedSearches.push(search);
    return search;
  });
}

export function deleteSavedSearch(lib: CaseLibrary, id: string): Promise<void> {
  const existing = lib.read.library.savedSearches.find((s) => s.id === id);
  if (!existing) return Promise.reject(new ApiError('NOT_FOUND', `There is no saved search ${id}.`));
  return lib.mutate(`Delete saved search “${existing.name}”`, (draft) => {
    const library = draft.library();
    library.savedSearches = library.savedSearches.filter((s) => s.id !== id);
  });
}
