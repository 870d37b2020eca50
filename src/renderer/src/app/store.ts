/*
 * The window's state: what the library holds (fetched through api.ts) and what the person is looking at.
 * A small external store read with useSyncExternalStore, so a component re-renders only when the slice
 * it selects changes. Data is re-fetched after every change the window makes: the core is the source of
 * truth, and a case file is small enough to reload whole.
 */
import { useSyncExternalStore } from 'react';
import type { CaseSummary, LibraryInfo, TagUsage, TrashItem } from '../../../shared/api/types';
import type { CaseFile, RecordKind, SavedSearch } from '../../../shared/domain';
import type { Person } from '../../../shared/people';
import { api } from '../api';
import { EMPTY_FILTER, type RecordFilter } from '../features/records/record-filter';

export type ListView = 'sources' | 'notes' | 'chronology' | 'trash' | 'people';
/** The views that list a case's records (the trash and the people register are the library's). */
export type RecordView = Exclude<ListView, 'trash' | 'people'>;
export type ListKind = Exclude<RecordKind, 'case'>;

export const VIEW_KIND: Record<RecordView, ListKind> = { sources: 'source', notes: 'note', chronology: 'event' };

export function isRecordView(view: ListView): view is RecordView {
  return view !== 'trash' && view !== 'people';
}

export interface AppState {
  library?: LibraryInfo;
  cases: CaseSummary[];
  tags: TagUsage[];
  savedSearches: SavedSearch[];
  /** The people register (live people), for the people page and for highlighting their names. */
  people: Person[];
  /** What the trash holds, while the trash is shown: reloaded with everything else after each change. */
  trash?: TrashItem[];
  /** The person shown on the people page; 'new' while one is being added. */
  personId?: string;
  caseId?: string;
  caseFile?: CaseFile;
  view: ListView;
  filter: RecordFilter;
  /** Selected record ids in the current list, in the order they were selected. */
  selection: string[];
  /** The record shown in the editor; undefined shows the case itself. */
  focused?: string;
  /** A new record being written in the editor, not yet saved. */
  draft?: ListKind | 'case';
  loadError?: string;
  loading: boolean;
}

type Listener = () => void;

let state: AppState = { cases: [], tags: [], savedSearches: [], people: [], view: 'sources', filter: EMPTY_FILTER, selection: [], loading: true };
const listeners = new Set<Listener>();

export function getState(): AppState {
  return state;
}

export function setState(patch: Partial<AppState> | ((s: AppState) => Partial<AppState>)): void {
  const next = typeof patch === 'function' ? patch(state) : patch;
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppState<T>(select: (s: AppState) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}

/** Every name and alias in the people register, for marking them in the editors; one array per load of the register. */
const namesOfPeople = new WeakMap<Person[], string[]>();
export function usePeopleNames(): string[] {
  const people = useAppState((s) => s.people);
  let names = namesOfPeople.get(people);
  if (!names) {
    names = people.flatMap((p) => [p.name, ...p.aliases]);
    namesOfPeople.set(people, names);
  }
  return names;
}

/** Loads everything the left pane shows, and the open case. */
export async function refresh(): Promise<void> {
  try {
    const [library, cases, tags, savedSearches, people, trash] = await Promise.all([
      api['library:info']({}),
      api['cases:list']({}),
      api['tags:list']({}),
      api['searches:list']({}),
      api['people:list']({}),
      state.view === 'trash' ? readTrash() : undefined,
    ]);
    const caseId = state.caseId && cases.some((c) => c.id === state.caseId) ? state.caseId : cases[0]?.id;
    // At start-up the case list is shown before the first case's records arrive (a large case takes a moment).
    if (!state.library) setState({ library, cases, tags, savedSearches, caseId, loading: false });
    const caseFile = caseId ? await api['cases:get']({ caseId }) : undefined;
    setState((s) => {
      const live = caseFile ? liveIds(caseFile, s.view) : new Set<string>();
      const selection = s.selection.filter((id) => live.has(id));
      return {
        library,
        cases,
        tags,
        savedSearches,
        people,
        // Shown with the change's own notice: an erased or restored item is off the list by the time it says so.
        ...(trash?.isLatest() && s.view === 'trash' ? { trash: trash.items } : {}),
        personId: s.personId === 'new' || people.some((p) => p.id === s.personId) ? s.personId : undefined,
        caseId,
        caseFile,
        selection,
        focused: s.focused && live.has(s.focused) ? s.focused : undefined,
        loading: false,
        loadError: undefined,
      };
    });
  } catch (error) {
    setState({ loading: false, loadError: error instanceof Error ? error.message : String(error) });
  }
}

function liveIds(file: CaseFile, view: ListView): Set<string> {
  if (view === 'sources') return new Set(file.sources.map((r) => r.id));
  if (view === 'notes') return new Set(file.notes.map((r) => r.id));
  if (view === 'chronology') return new Set(file.events.map((r) => r.id));
  return new Set();
}

export async function openCase(caseId: string): Promise<void> {
  if (caseId === state.caseId && state.caseFile) {
    setState({ focused: undefined, selection: [], draft: undefined, view: isRecordView(state.view) ? state.view : 'sources' });
    return;
  }
  const caseFile = await api['cases:get']({ caseId });
  setState((s) => ({ caseId, caseFile, selection: [], focused: undefined, draft: undefined, view: isRecordView(s.view) ? s.view : 'sources' }));
}

export function setView(view: ListView): void {
  setState({ view, selection: [], focused: undefined, draft: undefined, ...(view === 'trash' ? {} : { trash: undefined }) });
}

let trashReads = 0;

/** Reads the trash. isLatest() is false once another read has started since: that one's items are the newer. */
async function readTrash(): Promise<{ items: TrashItem[]; isLatest: () => boolean }> {
  const read = ++trashReads;
  const items = await api['trash:list']({});
  return { items, isLatest: () => read === trashReads };
}

/** Reads the trash afresh, for the trash page as it opens. */
export async function loadTrash(): Promise<void> {
  const trash = await readTrash();
  if (trash.isLatest() && state.view === 'trash') setState({ trash: trash.items });
}

export function setFilter(filter: RecordFilter): void {
  setState({ filter });
}

export function select(ids: string[], focused: string | undefined = ids[ids.length - 1]): void {
  setState({ selection: ids, focused, draft: undefined });
}

/** Opens a record wherever it is: its case, its list, selected and in the editor. */
export async function jumpTo(ref: { caseId: string; kind: RecordKind; id: string }): Promise<void> {
  if (ref.caseId !== state.caseId || !state.caseFile) {
    const caseFile = await api['cases:get']({ caseId: ref.caseId });
    setState({ caseId: ref.caseId, caseFile });
  }
  if (ref.kind === 'case') {
    setState((s) => ({ view: isRecordView(s.view) ? s.view : 'sources', selection: [], focused: undefined }));
    return;
  }
  const view: ListView = ref.kind === 'source' ? 'sources' : ref.kind === 'note' ? 'notes' : 'chronology';
  setState({ view, selection: [ref.id], focused: ref.id, filter: EMPTY_FILTER });
}
