/* Saved searches: a name for a list filter (see shared/record-query.ts), kept in library.json. */
import type { SavedSearch } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';

export function listSavedSearches(lib: CaseLibrary): SavedSearch[] {
  return lib.store.library.savedSearches;
}

export function saveSearch(lib: CaseLibrary, name: string, query: string): Promise<SavedSearch> {
  return lib.mutate(`Save search “${name}”`, (draft) => {
    const library = draft.library();
    const existing = library.savedSearches.find((s) => s.name.toLocaleLowerCase('en-GB') === name.toLocaleLowerCase('en-GB'));
    if (existing) {
      existing.query = query;
      return existing;
    }
    const search = { id: lib.newId('search'), name, query };
    library.savedSearches.push(search);
    return search;
  });
}

export function deleteSavedSearch(lib: CaseLibrary, id: string): Promise<void> {
  const search = lib.store.library.savedSearches.find((s) => s.id === id);
  if (!search) return Promise.reject(new ApiError('NOT_FOUND', 'That saved search no longer exists.'));
  return lib.mutate(`Delete saved search “${search.name}”`, (draft) => {
    const library = draft.library();
    library.savedSearches = library.savedSearches.filter((s) => s.id !== id);
  });
}
