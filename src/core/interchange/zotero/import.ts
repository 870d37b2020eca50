/*
 * Importing a whole Zotero library: its collections become cases (or tags on the sources of one case), its
 * items sources with their fields, child notes notes, stored and linked files attachments (copied into the
 * case and hashed like any other), Zotero tags tags. An item in two collections becomes a source in each
 * of the two cases. A second import of the same library adds only what is new: a source remembers its
 * Zotero key (extra "zotero:key") and a note's id is made from its Zotero key.
 *
 * Each case is written in one change (one undo, one journal entry); files are stored before the change that
 * names them, as for any attachment. Progress is reported per item.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CallProgress, ZoteroImportReport } from '../../../shared/api/types';
import { NoteRecord, SourceRecord } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import type { CaseLibrary } from '../../case-library';
import { noteHtmlToMarkdown } from './note-markdown';
import { attachStoredFile, MAX_ATTACHMENT_BYTES, storeFile, type StoredFile } from '../../services/attachments';
import { createCase } from '../../services/cases';
import { ensureTagsDefined } from '../../services/shared';
import { zoteroItemToSource, tagFromZotero } from './map-item';
import { readZoteroLibrary, type ZoteroAttachment, type ZoteroCollection, type ZoteroItem, type ZoteroNote } from './read-db';

export interface ZoteroImportOptions {
  /** Each collection a case (default), or one case with each collection a tag ("collection/Parent/Child"). */
  collectionsAs?: 'cases' | 'tags';
  /** With collectionsAs "tags": the case to import into (default: a case named “Zotero library”). */
  caseKey?: string;
  /** Zotero's "Linked Attachment Base Directory", for linked files stored relative to it ("attachments:…"). */
  linkedFilesBase?: string;
  progress?: (progress: CallProgress) => void;
}

interface Group {
  title: string;
  caseKey?: string;
  items: { item: ZoteroItem; tags: string[] }[];
  notes: ZoteroNote[];
}

const UNFILED = 'Zotero: items in no collection';

function collectionPaths(collections: ZoteroCollection[]): Map<number, string[]> {
  const byId = new Map(collections.map((c) => [c.id, c]));
  const paths = new Map<number, string[]>();
  const pathOf = (c: ZoteroCollection, seen = new Set<number>()): string[] => {
    const known = paths.get(c.id);
    if (known) return known;
    const parent = c.parentId !== undefined && !seen.has(c.parentId) ? byId.get(c.parentId) : undefined;
    const result = [...(parent ? pathOf(parent, new Set([...seen, c.id])) : []), c.name.trim() || c.key];
    paths.set(c.id, result);
    return result;
  };
  for (const c of collections) pathOf(c);
  return paths;
}

function groupsOf(data: Awaited<ReturnType<typeof readZoteroLibrary>>, options: ZoteroImportOptions): Group[] {
  const paths = collectionPaths(data.collections);
  if (options.collectionsAs === 'tags') {
    const tagFor = (id: number) => tagFromZotero(['collection', ...(paths.get(id) ?? []).map((p) => p.replace(/\//g, '-'))].join('/'));
    return [
      {
        title: 'Zotero library',
        caseKey: options.caseKey,
        items: data.items.map((item) => ({ item, tags: item.collectionIds.map(tagFor).filter((t): t is string => Boolean(t)) })),
        notes: data.standaloneNotes,
      },
    ];
  }
  const groups = new Map<string, Group>();
  const group = (title: string) => groups.get(title) ?? groups.set(title, { title, items: [], notes: [] }).get(title)!;
  for (const c of data.collections) group(paths.get(c.id)!.join(' / ').slice(0, 500));
  for (const item of data.items) {
    const titles = item.collectionIds.map((id) => paths.get(id)?.join(' / ').slice(0, 500)).filter((t): t is string => Boolean(t));
    for (const title of titles.length ? [...new Set(titles)] : [UNFILED]) group(title).items.push({ item, tags: [] });
  }
  for (const note of data.standaloneNotes) {
    const titles = note.collectionIds.map((id) => paths.get(id)?.join(' / ').slice(0, 500)).filter((t): t is string => Boolean(t));
    for (const title of titles.length ? [...new Set(titles)] : [UNFILED]) group(title).notes.push(note);
  }
  return [...groups.values()].filter((g) => g.items.length || g.notes.length);
}

/** Where an attachment's file is on disk, or why it cannot be read. Paths come from the database: each is checked. */
function attachmentFile(dir: string, att: ZoteroAttachment, linkedFilesBase: string | undefined): { file: string } | { reason: string } {
  const stored = /^storage:(.+)$/.exec(att.path ?? '');
  if (att.linkMode === 0 || att.linkMode === 1) {
    const name = stored?.[1];
    if (!name || !/^[A-Z0-9]{8}$/.test(att.key) || /[\\/]|^\.\.?$/.test(name)) return { reason: 'its stored path is not a file name in Zotero’s storage folder' };
    return { file: path.join(dir, 'storage', att.key, name) };
  }
  if (att.linkMode === 2) {
    const relative = /^attachments:(.+)$/.exec(att.path ?? '')?.[1];
    if (relative) {
      if (!linkedFilesBase) return { reason: 'it is linked relative to Zotero’s linked-files folder; name that folder to import it' };
      const base = path.resolve(linkedFilesBase);
      const file = path.resolve(base, relative);
      if (!file.startsWith(base + path.sep)) return { reason: 'its linked path leads outside the linked-files folder' };
      return { file };
    }
    if (att.path && path.isAbsolute(att.path)) return { file: att.path };
    return { reason: 'its linked path is not absolute' };
  }
  return { reason: 'it is a link to a web page, not a file' };
}

async function readAttachmentFile(file: string): Promise<Uint8Array | string> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return 'the file is missing';
  if (info.size > MAX_ATTACHMENT_BYTES) return `the file is larger than ${MAX_ATTACHMENT_BYTES / 2 ** 20} MiB`;
  return readFile(file);
}

function noteTitle(note: ZoteroNote, body: string): string {
  const first = (note.title?.trim() || body.split('\n').find((l) => l.trim()) || 'Note').trim();
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

async function findOrCreateCase(lib: CaseLibrary, group: Group): Promise<{ caseId: string; created: boolean }> {
  if (group.caseKey) return { caseId: lib.requireCase(group.caseKey).case.id, created: false };
  const existing = lib.read.caseDigests().find((d) => !d.case.deletedAt && d.case.title === group.title);
  if (existing) return { caseId: existing.case.id, created: false };
  const record = await createCase(lib, { title: group.title, summary: `Imported from Zotero${group.title === UNFILED || group.title === 'Zotero library' ? '' : ` (the collection “${group.title}”)`}.` });
  return { caseId: record.id, created: true };
}

export async function importZoteroLibrary(lib: CaseLibrary, dir: string, options: ZoteroImportOptions = {}): Promise<ZoteroImportReport> {
  const data = await readZoteroLibrary(dir);
  if (data.items.length === 0 && data.standaloneNotes.length === 0) throw new ApiError('NOT_FOUND', 'The Zotero library has no items to import.');
  const dataDir = dir.endsWith('.sqlite') ? path.dirname(dir) : dir;
  const groups = groupsOf(data, options);
  const report: ZoteroImportReport = { items: data.items.length, collections: data.collections.length, cases: [], sourcesAdded: 0, sourcesSkipped: 0, notesAdded: 0, attachmentsAdded: 0, missingFiles: [], warnings: [] };
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  let done = 0;
  options.progress?.({ phase: 'items', done, total });
  for (const group of groups) {
    const { caseId, created } = await findOrCreateCase(lib, group);
    const file = lib.requireCase(caseId);
    const known = new Set(file.sources.map((s) => s.extra?.['zotero:key']).filter(Boolean));
    const knownNotes = new Set(file.notes.map((n) => n.id));
    const noteId = (note: ZoteroNote) => `zn-${note.key}-${caseId.slice(-8)}`.replace(/[^A-Za-z0-9_-]/g, '');
    const sources: { record: SourceRecord; files: StoredFile[] }[] = [];
    const notes: NoteRecord[] = [];
    const now = new Date().toISOString();
    const addNote = (note: ZoteroNote, about?: string) => {
      const id = noteId(note);
      if (knownNotes.has(id)) return;
      knownNotes.add(id);
      const text = noteHtmlToMarkdown(note.html);
      const body = about ? `On “${about}”.\n\n${text}` : text;
      notes.push(NoteRecord.parse({ id, title: noteTitle(note, text), body: body.slice(0, 1_000_000), createdAt: now, updatedAt: now }));
    };
    for (const { item, tags } of group.items) {
      done++;
      if (known.has(item.key)) {
        report.sourcesSkipped++;
        options.progress?.({ phase: 'items', done, total });
        continue;
      }
      known.add(item.key);
      const mapped = zoteroItemToSource(item, tags);
      for (const w of mapped.warnings) report.warnings.push(`“${mapped.fields.title.slice(0, 80)}” (${item.key}): ${w}`);
      const record = SourceRecord.parse({ ...mapped.fields, id: lib.newId('src'), createdAt: now, updatedAt: now });
      const files: StoredFile[] = [];
      for (const att of item.attachments) {
        if (att.linkMode === 3) continue; // a web link: nothing to copy
        const where = attachmentFile(dataDir, att, options.linkedFilesBase);
        const bytes = 'file' in where ? await readAttachmentFile(where.file) : where.reason;
        if (typeof bytes === 'string') {
          report.missingFiles.push({ item: record.title, key: att.key, file: att.path ?? att.title ?? att.key, reason: bytes });
          continue;
        }
        if (att.storageHash && /^[0-9a-f]{32}$/.test(att.storageHash) && createHash('md5').update(bytes).digest('hex') !== att.storageHash) {
          report.warnings.push(`“${record.title.slice(0, 80)}”: the file ${att.path} differs from the one Zotero last synced; it was imported as it is on disk`);
        }
        files.push(await storeFile(lib, caseId, { fileName: path.basename(att.path?.replace(/^(storage|attachments):/, '') ?? att.title ?? 'attachment'), bytes, mediaType: att.contentType }));
      }
      sources.push({ record, files });
      for (const note of item.notes) addNote(note, record.title);
      options.progress?.({ phase: 'items', done, total });
    }
    for (const note of group.notes) addNote(note);
    if (sources.length || notes.length) {
      await lib.mutate(`Import ${sources.length} source${sources.length === 1 ? '' : 's'} from Zotero`, (draft) => {
        const target = draft.case(caseId);
        for (const { record, files } of sources) {
          target.sources.push(record);
          ensureTagsDefined(draft, record.tags);
          for (const stored of files) attachStoredFile(lib, draft, stored, record.id);
        }
        target.notes.push(...notes);
      });
    }
    report.sourcesAdded += sources.length;
    report.notesAdded += notes.length;
    report.attachmentsAdded += sources.reduce((n, s) => n + s.files.length, 0);
    report.cases.push({ caseId, title: lib.requireCase(caseId).case.title, created, sources: sources.length, notes: notes.length });
  }
  return report;
}
