/*
 * Search for one open library: loads the persisted index (or builds it), keeps it in step with every
 * saved change, and saves it again when it has changed.
 *
 * Staleness is decided per case, by content: the index records the SHA-256 of each case file it indexed
 * (the store computes it as it reads or writes the file). On open, a case whose file now has another
 * fingerprint (edited by another program, restored from a backup, copied in), a case the index has never
 * seen and a case that has gone are reindexed or dropped; nothing else is touched. An index that cannot be
 * used at all (missing, damaged, another format, another library) is rebuilt whole.
 *
 * Changes arrive through CaseLibrary.onChange, in order, inside the change's turn, and are queued: they
 * are applied just after the save is acknowledged, and every search waits for the queue first (read your
 * writes). Only the records whose content differs before and after are reindexed. The index on disk is rewritten (compacted) a while after
 * the last change and when the library closes; if the program dies first, the next open finds the cases
 * that changed by their fingerprints and reindexes just those. A library opened read-only is never written.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SearchResults, SearchStatusInfo } from '../../shared/api/search-types';
import type { CaseFile, SourceRecord } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary, LibraryChange } from '../case-library';
import { AttachmentTextCache, statAttachmentText, TEXT_CACHE_DIR, type TextStamp } from './attachment-text';
import { IndexBuilder, measureAverages } from './build';
import { changedEntries } from './changed-entries';
import { caseRecordEntries, type AttachmentTextLookup, type CaseRecordEntry } from './documents';
import { warmUpSearches } from './warm-up';
import { DEFAULT_SEARCH_OPTIONS, executeSearch, type SearchContext, type SearchOptions } from './execute';
import { libraryContext } from './library-context';
import { INDEX_FORMAT, readIndexFile, serialiseIndex, writeIndexFile } from './persist';
import { PHRASE_FORMAT } from './phrase-index';
import { parseQuery } from './query';
import type { SearchIndex } from './search-index';
import { TEXT_VERSION } from './text';

export type SearchStatus = SearchStatusInfo;

export interface SearchServiceOptions {
  /** Save this long after the last change (and on close). */
  saveDelayMs?: number;
  /**
   * Rewrite the saved index only when at least this share of its documents has changed since it was
   * written (default 2%). Below that, the saved index plus the case files' fingerprints already give this
   * index back: the next open reindexes just the cases that changed, in milliseconds, and a session of a
   * few edits costs no index write (and no compaction, which briefly needs the index's size again in memory).
   */
  rewriteAboveChurn?: number;
  /** Above this share of changed cases, rebuild instead of reindexing case by case. */
  rebuildThreshold?: number;
  /**
   * A window's session: once the index is loaded and every case file read, run a few searches in the
   * background (warm-up.ts) so that the first keystrokes do not pay for code that has never run.
   */
  warmUpSearch?: boolean;
}

const services = new WeakMap<CaseLibrary, SearchService>();
const YIELD_EVERY_MS = 40;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SearchService {
  private index: SearchIndex | undefined;
  private readonly texts: AttachmentTextCache;
  /** Size and mtime of each attachment text file as last indexed; absent when it had none. */
  private readonly textStamps = new Map<string, TextStamp>();
  private readonly pending = new Set<string>();
  /** Saved changes not yet in the index, in order (see applyChange). */
  private readonly queued: { change: LibraryChange; fingerprints: Map<string, string | undefined> }[] = [];
  private draining: Promise<void> | undefined;
  private readonly loading: Promise<void>;
  private state: SearchStatus;
  private dirty = false;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** True while the saved index file holds this index's base segment (it was loaded, or saved since). */
  private diskHasBase = false;
  private searching: Promise<unknown> = Promise.resolve();
  private textDirChecked = 0;
  private textDirMtime = -1;
  private readonly unsubscribe: (() => void)[] = [];
  private closed = false;
  private readonly warming: Promise<void>;

  private constructor(
    private readonly lib: CaseLibrary,
    private readonly options: Required<SearchServiceOptions>,
  ) {
    this.texts = new AttachmentTextCache(lib.dir);
    this.state = { state: 'loading', reindexedCases: 0, documents: 0, saved: false };
    this.unsubscribe.push(lib.onChange((change) => this.applyChange(change)));
    this.unsubscribe.push(lib.onClose(() => this.close()));
    this.loading = this.load();
    this.warming = options.warmUpSearch ? this.warmUp() : Promise.resolve();
  }

  /** The search service of an open library, started on first use. */
  static for(lib: CaseLibrary, options: SearchServiceOptions = {}): SearchService {
    let service = services.get(lib);
    if (!service) {
      service = new SearchService(lib, { saveDelayMs: 30_000, rebuildThreshold: 0.5, rewriteAboveChurn: 0.02, warmUpSearch: false, ...options });
      services.set(lib, service);
    }
    return service;
  }

  ready(): Promise<void> {
    return this.loading;
  }

  status(): SearchStatus {
    return { ...this.state, documents: this.index?.documentCount ?? 0, saved: !this.dirty && this.state.state === 'ready' };
  }

  /**
   * Searches run one at a time (they share working arrays, and each takes a few milliseconds), and never
   * while the index is being compacted, which renumbers its documents.
   */
  search(query: string, options: Partial<SearchOptions> = {}): Promise<SearchResults> {
    return this.exclusive(async () => {
      await this.loading;
      await this.settled(); // read-your-writes: every acknowledged save is in the index first
      const index = this.requireIndex();
      const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
      await this.refreshAttachmentTexts();
      return executeSearch(index, parseQuery(query), query, this.context(), { ...DEFAULT_SEARCH_OPTIONS, ...given });
    });
  }

  /** Resolves once the background warm-up searches are done (at once when there are none); never rejects. */
  warmedUp(): Promise<void> {
    return this.warming;
  }

  /** See warm-up.ts. Each search waits its turn like any other, so a person's search waits for one at most. */
  private async warmUp(): Promise<void> {
    try {
      await this.loading;
      await this.lib.read.warm();
      const searches = this.index && !this.closed ? warmUpSearches(this.index) : [];
      if (searches.length > 0) this.index?.prepareTypoLookup();
      for (const { query, options } of searches) {
        await yieldToEventLoop();
        if (this.closed) return;
        await this.search(query, options);
      }
    } catch {
      // Only a warm-up: whatever failed here fails again, and is reported, when a person searches.
    }
  }

  private exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.searching.then(work);
    this.searching = run.catch(() => undefined);
    return run;
  }

  /** Tells the index that an attachment's extracted text was written or removed. */
  async attachmentTextChanged(sha256: string): Promise<void> {
    await this.loading;
    await this.settled();
    this.texts.forget(sha256);
    const sources: { caseId: string; source: SourceRecord }[] = [];
    const store = this.lib.read;
    for (const caseId of store.caseIds()) {
      if (!store.caseDigest(caseId)?.attachments.includes(sha256)) continue;
      const file = store.caseFile(caseId);
      for (const source of file?.sources ?? []) if (!source.deletedAt && source.attachments.some((a) => a.sha256 === sha256)) sources.push({ caseId, source });
    }
    await this.prefetch([sha256]);
    const index = this.requireIndex();
    const lookup = this.lookup();
    for (const { caseId, source } of sources) {
      const entry = caseRecordEntries(this.lib.requireCase(caseId, { includeDeleted: true }), lookup).find((e) => e.key === `s:${source.id}`);
      if (entry) index.putRecord(caseId, entry.key, entry.documents());
    }
    if (sources.length) this.changed();
  }

  /** Rebuilds the whole index from the case files now, and saves it (when the library is writable). */
  async rebuildNow(): Promise<SearchStatus> {
    await this.loading;
    await this.settled();
    const started = performance.now();
    // While building, changes are queued (applyChange sees the state) and applied to the new index after.
    this.state = { ...this.state, state: 'loading' };
    try {
      await this.exclusive(() => this.rebuild());
      while (this.pending.size > 0) await this.reindexCases([...this.pending]);
    } finally {
      this.state = { ...this.state, state: this.index ? 'ready' : 'failed' };
    }
    this.state = { ...this.state, origin: 'built', reason: 'a rebuild was asked for', reindexedCases: 0, loadMs: Math.round(performance.now() - started) };
    await this.flush({ force: true });
    return this.status();
  }

  /**
   * Saves the index if it has changed enough to be worth rewriting (see rewriteAboveChurn), or whenever
   * it has changed with `force`. An index built this session is always written.
   */
  async flush(options: { force?: boolean } = {}): Promise<void> {
    await this.loading.catch(() => undefined);
    await this.settled();
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const index = this.index;
    const worthIt = options.force || !this.diskHasBase || (index?.churn ?? 0) >= this.options.rewriteAboveChurn;
    if (this.dirty && index && worthIt && !this.lib.read.readOnly) {
      this.saving = this.saving.then(() => this.save()).catch(() => undefined);
    }
    await this.saving;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    for (const off of this.unsubscribe.splice(0)) off();
    services.delete(this.lib);
  }

  // ---- loading ----

  private async load(): Promise<void> {
    const started = performance.now();
    try {
      const outcome = await readIndexFile(this.lib.dir, { libraryId: this.lib.read.library.id });
      if (outcome.ok) {
        this.index = outcome.index;
        this.diskHasBase = true;
        for (const [sha, stamp] of Object.entries(outcome.manifest.attachmentTexts)) this.textStamps.set(sha, stamp);
        const stale = await this.reconcile();
        this.state = { ...this.state, state: 'ready', origin: 'loaded', reindexedCases: stale };
      } else {
        await this.rebuild();
        this.state = { ...this.state, state: 'ready', origin: 'built', reason: outcome.reason };
      }
      while (this.pending.size > 0) await this.reindexCases([...this.pending]);
      this.state.loadMs = Math.round(performance.now() - started);
    } catch (error) {
      // Never rejects: a failure is reported by status() and by each search, not as an unhandled rejection.
      this.state = { ...this.state, state: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Brings a loaded index up to date with the case files; returns how many cases were reindexed. Works
   * from the store's fingerprints and digests, so only the cases that changed are read from disk.
   */
  private async reconcile(): Promise<number> {
    const index = this.requireIndex();
    const store = this.lib.read;
    const ids = store.caseIds();
    const present = new Set(ids);
    const stale = ids.filter((id) => index.fingerprint(id) !== store.caseFingerprint(id));
    const gone = index.caseIds().filter((id) => !present.has(id));
    if (ids.length > 20 && stale.length > ids.length * this.options.rebuildThreshold) {
      await this.rebuild();
      this.state.reason = `${stale.length} of ${ids.length} cases had changed since the index was saved`;
      return stale.length;
    }
    for (const id of gone) index.removeCase(id);
    // Attachments whose extracted text appeared, changed or went since the index was saved.
    const staleSet = new Set(stale);
    const unchanged = ids.filter((id) => !staleSet.has(id));
    const textChanged = await this.changedTexts(unchanged);
    if (stale.length > 0) await this.reindexCases(stale);
    let redone = 0;
    if (textChanged.size > 0) {
      await this.prefetch(textChanged);
      const lookup = this.lookup();
      for (const caseId of unchanged) {
        if (!store.caseDigest(caseId)?.attachments.some((sha) => textChanged.has(sha))) continue;
        const file = store.caseFile(caseId);
        if (!file) continue;
        for (const entry of caseRecordEntries(file, lookup)) {
          const source = file.sources.find((s) => entry.key === `s:${s.id}`);
          if (source?.attachments.some((a) => textChanged.has(a.sha256))) {
            index.putRecord(caseId, entry.key, entry.documents());
            redone++;
          }
        }
      }
    }
    if (stale.length > 0 || gone.length > 0 || redone > 0) this.changed(1_000);
    return stale.length;
  }

  /** Attachment hashes (of the given cases) whose text file is not as it was when last indexed. */
  private async changedTexts(caseIds: Iterable<string>): Promise<Set<string>> {
    const shas = new Set<string>();
    for (const id of caseIds) for (const sha of this.lib.read.caseDigest(id)?.attachments ?? []) shas.add(sha);
    const changed = new Set<string>();
    for (const sha of shas) {
      const now = await statAttachmentText(this.lib.dir, sha);
      const then = this.textStamps.get(sha);
      if (now?.size !== then?.size || now?.mtimeMs !== then?.mtimeMs) changed.add(sha);
    }
    return changed;
  }

  /** Builds the whole index from the case files, yielding to the event loop now and then. */
  private async rebuild(): Promise<void> {
    const store = this.lib.read;
    const files = store.caseFiles();
    const averages = measureAverages(files.flatMap((f) => caseRecordEntries(f, () => undefined).flatMap((e) => e.documents())));
    const builder = new IndexBuilder(averages);
    this.textStamps.clear();
    let slice = performance.now();
    for (const snapshot of files) {
      const caseId = snapshot.case.id;
      const file = store.caseFile(caseId);
      if (!file) continue;
      await this.prefetch(attachmentShas(file));
      builder.addCase(caseId, { live: !file.case.deletedAt, status: file.case.status, fingerprint: store.caseFingerprint(caseId) }, caseRecordEntries(file, this.lookup()).flatMap((e) => e.documents()));
      if (performance.now() - slice > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        slice = performance.now();
      }
    }
    this.index = builder.finish();
    this.diskHasBase = false;
    this.changed(0);
  }

  // ---- following changes ----

  /**
   * Called inside the change's turn, so it only queues: the index is updated just after the save is
   * acknowledged (the change is durable by then; the index is derived and rebuilt from the case files'
   * fingerprints if the program dies first). Every search waits for the queue first (`settled`), so a
   * search made after a save finds what it saved.
   */
  private applyChange(change: LibraryChange): void {
    if (this.state.state !== 'ready' || !this.index) {
      for (const c of change.cases) this.pending.add(c.caseId);
      return;
    }
    // The fingerprints as of this change, not of whatever later change has been saved when it is applied.
    const fingerprints = new Map(change.cases.map((c) => [c.caseId, this.lib.read.caseFingerprint(c.caseId)]));
    this.queued.push({ change, fingerprints });
    this.draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  /** Resolves once every change saved so far is in the index. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    for (let item = this.queued.shift(); item; item = this.queued.shift()) {
      const index = this.index;
      if (this.state.state !== 'ready' || !index) {
        for (const c of item.change.cases) this.pending.add(c.caseId);
        continue;
      }
      const started = performance.now();
      try {
        await this.applyReadyChange(item.change, item.fingerprints, index);
      } catch {
        // Never lost: the case is reindexed whole from its file.
        await this.reindexCases(item.change.cases.map((c) => c.caseId)).catch(() => undefined);
      }
      this.state.lastUpdateMs = Math.round((performance.now() - started) * 1000) / 1000;
    }
    this.draining = undefined; // in the same turn as finding the queue empty, so no change is left behind
  }

  private async applyReadyChange(change: LibraryChange, fingerprints: Map<string, string | undefined>, index: SearchIndex): Promise<void> {
    const work: { caseId: string; put: CaseRecordEntry[]; remove: string[]; after: CaseFile }[] = [];
    for (const { caseId, before, after } of change.cases) {
      if (!after) {
        index.removeCase(caseId);
        continue;
      }
      if (before) {
        const { put, remove } = changedEntries(before, after, this.lookup());
        work.push({ caseId, put, remove, after });
      } else work.push({ caseId, put: caseRecordEntries(after, this.lookup()), remove: [], after });
    }
    // The attachments of the sources to reindex, read off their entries: filtering all of a 5,000-record
    // case's sources for them cost more than the rest of the index's update.
    const shas = work.flatMap((w) => w.put.filter((e) => e.key.startsWith('s:')).flatMap((e) => (e.record as SourceRecord).attachments.map((a) => a.sha256)));
    await this.prefetch(shas);
    for (const { caseId, put, remove, after } of work) {
      index.setCase(caseId, { live: !after.case.deletedAt, status: after.case.status, fingerprint: fingerprints.get(caseId) });
      for (const key of remove) index.removeRecord(caseId, key);
      // Documents are made now, after the prefetch, so attachment text is in them.
      for (const entry of put) index.putRecord(caseId, entry.key, entry.documents());
    }
    this.changed();
  }

  /** Reindexes whole cases from their current files (or drops them when gone). */
  private async reindexCases(caseIds: string[]): Promise<void> {
    const index = this.requireIndex();
    for (const caseId of caseIds) {
      this.pending.delete(caseId);
      const file = this.lib.read.caseFile(caseId);
      if (!file) {
        index.removeCase(caseId);
        continue;
      }
      await this.prefetch(attachmentShas(file));
      const current = this.lib.read.caseFile(caseId);
      if (!current) continue;
      index.setCase(caseId, { live: !current.case.deletedAt, status: current.case.status, fingerprint: this.lib.read.caseFingerprint(caseId) });
      for (const key of index.recordKeys(caseId)) index.removeRecord(caseId, key);
      for (const entry of caseRecordEntries(current, this.lookup())) index.putRecord(caseId, entry.key, entry.documents());
    }
    this.changed();
  }

  private changed(delayMs = this.options.saveDelayMs): void {
    this.dirty = true;
    if (this.lib.read.readOnly) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flush(), delayMs);
    this.saveTimer.unref();
  }

  private async save(): Promise<void> {
    const index = this.index;
    if (!index || !this.dirty) return;
    // The chunks are views of the index's arrays: compacting makes new arrays and later changes only
    // append (into new arrays when they grow), so what is written is the index as it was here.
    const chunks = await this.exclusive(() => {
      if (index.churn > 0) {
        index.compact();
        this.diskHasBase = false; // until the compacted base is written
      }
      this.dirty = false;
      return serialiseIndex(index, {
        format: INDEX_FORMAT,
        phraseFormat: PHRASE_FORMAT,
        textVersion: TEXT_VERSION,
        libraryId: this.lib.read.library.id,
        writtenAt: this.lib.now().toISOString(),
        attachmentTexts: Object.fromEntries(this.textStamps),
      });
    });
    try {
      await writeIndexFile(this.lib.dir, chunks);
      this.diskHasBase = true;
    } catch {
      this.dirty = true; // derived data: try again later; search keeps working from memory
    }
  }

  // ---- attachment text ----

  private async prefetch(shas: Iterable<string>): Promise<void> {
    for (const sha of new Set(shas)) {
      if (this.texts.has(sha)) continue;
      const stamp = await statAttachmentText(this.lib.dir, sha);
      if (stamp) this.textStamps.set(sha, stamp);
      else this.textStamps.delete(sha);
      await this.texts.load(sha);
    }
  }

  private lookup(): AttachmentTextLookup {
    return (sha) => this.texts.get(sha);
  }

  /**
   * Picks up text the extractor wrote since the last look, without being told: at most once a second, one
   * stat of the text folder (every write renames a file into it, which changes its mtime).
   */
  private async refreshAttachmentTexts(): Promise<void> {
    const now = Date.now();
    if (now - this.textDirChecked < 1_000) return;
    this.textDirChecked = now;
    let mtime: number;
    try {
      mtime = (await fs.stat(path.join(this.lib.dir, TEXT_CACHE_DIR))).mtimeMs;
    } catch {
      mtime = 0;
    }
    if (mtime === this.textDirMtime) return;
    const first = this.textDirMtime === -1;
    this.textDirMtime = mtime;
    if (first) return; // just loaded: reconcile has compared every text file already
    for (const sha of await this.changedTexts(this.lib.read.caseIds())) await this.attachmentTextChanged(sha);
  }

  // ---- what the executor reads ----

  private requireIndex(): SearchIndex {
    if (!this.index) throw new ApiError('INTERNAL', `The search index is not available${this.state.error ? `: ${this.state.error}` : ''}.`);
    return this.index;
  }

  private context(): SearchContext {
    return libraryContext(this.lib, this.texts);
  }
}

function attachmentShas(file: CaseFile): string[] {
  return file.sources.filter((s) => !s.deletedAt).flatMap((s) => s.attachments.map((a) => a.sha256));
}
