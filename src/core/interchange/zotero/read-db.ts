/*
 * Reads a Zotero data folder's zotero.sqlite (Zotero 5, 6 and 7: userdata schema 100 onwards) with sql.js,
 * SQLite compiled to WebAssembly, so nothing is built or downloaded at install time on any platform. The file
 * is read into memory and opened there: Zotero's own file is never opened for writing, and a Zotero that is
 * running keeps its lock. Changes Zotero has not yet checkpointed (zotero.sqlite-wal) are not seen: close
 * Zotero first for an up-to-the-minute import.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { ApiError } from '../../../shared/errors';

export interface ZoteroCreator {
  type: string;
  firstName?: string;
  lastName?: string;
  /** 1: a single-field name (an organisation) held in lastName. */
  singleField: boolean;
}

export interface ZoteroAttachment {
  key: string;
  /** 0 stored file, 1 stored snapshot of a web page, 2 linked file, 3 linked web address (no file). */
  linkMode: number;
  contentType?: string;
  /** "storage:report.pdf", "attachments:Cases/report.pdf" (relative to the linked-files folder) or an absolute path. */
  path?: string;
  title?: string;
  /** The MD5 Zotero recorded for a stored file, when it has synced it. */
  storageHash?: string;
}

export interface ZoteroNote {
  key: string;
  title?: string;
  html: string;
}

export interface ZoteroItem {
  id: number;
  libraryId: number;
  key: string;
  type: string;
  fields: Map<string, string>;
  creators: ZoteroCreator[];
  tags: string[];
  collectionIds: number[];
  notes: ZoteroNote[];
  attachments: ZoteroAttachment[];
}

export interface ZoteroCollection {
  id: number;
  key: string;
  name: string;
  parentId?: number;
}

export interface ZoteroLibraryData {
  collections: ZoteroCollection[];
  /** Regular items (not notes, attachments or annotations), not in Zotero's trash, in the order Zotero added them. */
  items: ZoteroItem[];
  /** Notes with no parent item, with the collections they are in. */
  standaloneNotes: (ZoteroNote & { collectionIds: number[] })[];
}

const MAX_DATABASE_BYTES = 2 * 1024 ** 3;
const require = createRequire(import.meta.url);
let engine: Promise<SqlJsStatic> | undefined;

function sqlJs(): Promise<SqlJsStatic> {
  engine ??= (async () => {
    const init = require('sql.js') as (config: { locateFile: (file: string) => string }) => Promise<SqlJsStatic>;
    const dist = path.dirname(require.resolve('sql.js/dist/sql-wasm.wasm'));
    return init({ locateFile: (file) => path.join(dist, file) });
  })();
  return engine;
}

function rows<T extends Record<string, SqlValue>>(db: Database, sql: string): T[] {
  const statement = db.prepare(sql);
  const out: T[] = [];
  try {
    while (statement.step()) out.push(statement.getAsObject() as T);
  } finally {
    statement.free();
  }
  return out;
}

// eslint-disable-next-line no-control-regex -- control characters are not allowed in stored text
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const text = (v: SqlValue): string | undefined => (v === null || v === undefined ? undefined : String(v).replace(CONTROL, ''));

function tableExists(db: Database, name: string): boolean {
  return rows(db, `SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name = '${name.replace(/'/g, "''")}'`).length > 0;
}

/** Opens `<dir>/zotero.sqlite` (or the file named) and reads the whole library. */
export async function readZoteroLibrary(dirOrFile: string): Promise<ZoteroLibraryData> {
  const file = dirOrFile.endsWith('.sqlite') ? dirOrFile : path.join(dirOrFile, 'zotero.sqlite');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new ApiError('NOT_FOUND', `There is no Zotero database at ${file}. Point at Zotero's data folder (the one holding zotero.sqlite and storage/; Zotero shows it under Settings › Advanced › Files and Folders).`);
  if (info.size > MAX_DATABASE_BYTES) throw new ApiError('TOO_LARGE', `${file} is larger than 2 GiB.`);
  const bytes = await readFile(file);
  if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') throw new ApiError('UNSUPPORTED', `${file} is not an SQLite database, so it is not Zotero's.`);
  const SQL = await sqlJs();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    throw new ApiError('UNSUPPORTED', `${file} could not be opened as a database (${error instanceof Error ? error.message : String(error)}).`);
  }
  try {
    for (const table of ['items', 'itemData', 'itemDataValues', 'itemTypes', 'fields', 'creators', 'itemCreators', 'creatorTypes', 'collections', 'collectionItems']) {
      if (!tableExists(db, table)) throw new ApiError('UNSUPPORTED', `${file} has no “${table}” table: it is not a Zotero 5 or later database.`);
    }
    return readAll(db);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('UNSUPPORTED', `${file} could not be read as a Zotero database (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    db.close();
  }
}

function readAll(db: Database): ZoteroLibraryData {
  // Zotero 5+ keeps custom types and fields beside the built-in ones in the *Combined tables.
  const typesTable = tableExists(db, 'itemTypesCombined') ? 'itemTypesCombined' : 'itemTypes';
  const fieldsTable = tableExists(db, 'fieldsCombined') ? 'fieldsCombined' : 'fields';
  const deleted = tableExists(db, 'deletedItems') ? 'AND i.itemID NOT IN (SELECT itemID FROM deletedItems)' : '';
  const typed = rows<{ itemID: number; libraryID: number; key: string; typeName: string }>(
    db,
    `SELECT i.itemID, i.libraryID, i.key, t.typeName FROM items i JOIN ${typesTable} t ON t.itemTypeID = i.itemTypeID WHERE 1 ${deleted} ORDER BY i.itemID`,
  );
  const items = new Map<number, ZoteroItem>();
  for (const r of typed) {
    if (['note', 'attachment', 'annotation'].includes(r.typeName)) continue;
    items.set(r.itemID, { id: r.itemID, libraryId: r.libraryID, key: r.key, type: r.typeName, fields: new Map(), creators: [], tags: [], collectionIds: [], notes: [], attachments: [] });
  }
  for (const r of rows<{ itemID: number; fieldName: string; value: SqlValue }>(db, `SELECT d.itemID, f.fieldName, v.value FROM itemData d JOIN ${fieldsTable} f ON f.fieldID = d.fieldID JOIN itemDataValues v ON v.valueID = d.valueID`)) {
    const value = text(r.value);
    if (value !== undefined && value !== '') items.get(r.itemID)?.fields.set(r.fieldName, value);
  }
  for (const r of rows<{ itemID: number; creatorType: string; firstName: SqlValue; lastName: SqlValue; fieldMode: SqlValue }>(
    db,
    'SELECT ic.itemID, ct.creatorType, c.firstName, c.lastName, c.fieldMode FROM itemCreators ic JOIN creators c ON c.creatorID = ic.creatorID JOIN creatorTypes ct ON ct.creatorTypeID = ic.creatorTypeID ORDER BY ic.itemID, ic.orderIndex',
  )) {
    items.get(r.itemID)?.creators.push({ type: r.creatorType, firstName: text(r.firstName), lastName: text(r.lastName), singleField: Number(r.fieldMode) === 1 });
  }
  if (tableExists(db, 'itemTags') && tableExists(db, 'tags')) {
    for (const r of rows<{ itemID: number; name: string }>(db, 'SELECT it.itemID, t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID ORDER BY it.itemID, t.name')) items.get(r.itemID)?.tags.push(String(r.name));
  }
  for (const r of rows<{ collectionID: number; itemID: number }>(db, 'SELECT collectionID, itemID FROM collectionItems ORDER BY collectionID, orderIndex')) items.get(r.itemID)?.collectionIds.push(r.collectionID);

  const live = new Set(typed.map((r) => r.itemID));
  const keyOf = new Map(typed.map((r) => [r.itemID, r.key]));
  const standaloneNotes: ZoteroLibraryData['standaloneNotes'] = [];
  if (tableExists(db, 'itemNotes')) {
    const noteCollections = new Map<number, number[]>();
    for (const r of rows<{ collectionID: number; itemID: number }>(db, 'SELECT collectionID, itemID FROM collectionItems')) noteCollections.set(r.itemID, [...(noteCollections.get(r.itemID) ?? []), r.collectionID]);
    for (const r of rows<{ itemID: number; parentItemID: SqlValue; note: SqlValue; title: SqlValue }>(db, 'SELECT n.itemID, n.parentItemID, n.note, n.title FROM itemNotes n ORDER BY n.itemID')) {
      if (!live.has(r.itemID) || items.has(r.itemID)) continue; // in the trash, or an attachment's own note
      const note = { key: keyOf.get(r.itemID)!, title: text(r.title), html: text(r.note) ?? '' };
      if (r.parentItemID === null) standaloneNotes.push({ ...note, collectionIds: noteCollections.get(r.itemID) ?? [] });
      else items.get(Number(r.parentItemID))?.notes.push(note);
    }
  }
  if (tableExists(db, 'itemAttachments')) {
    const titles = new Map(rows<{ itemID: number; value: SqlValue }>(db, `SELECT d.itemID, v.value FROM itemData d JOIN ${fieldsTable} f ON f.fieldID = d.fieldID AND f.fieldName = 'title' JOIN itemDataValues v ON v.valueID = d.valueID`).map((r) => [r.itemID, text(r.value)]));
    for (const r of rows<{ itemID: number; parentItemID: SqlValue; linkMode: SqlValue; contentType: SqlValue; path: SqlValue; storageHash: SqlValue }>(
      db,
      'SELECT itemID, parentItemID, linkMode, contentType, path, storageHash FROM itemAttachments ORDER BY itemID',
    )) {
      if (!live.has(r.itemID) || r.parentItemID === null) continue;
      items.get(Number(r.parentItemID))?.attachments.push({
        key: keyOf.get(r.itemID)!,
        linkMode: Number(r.linkMode),
        contentType: text(r.contentType),
        path: text(r.path),
        title: titles.get(r.itemID),
        storageHash: text(r.storageHash),
      });
    }
  }
  const collections = rows<{ collectionID: number; key: string; collectionName: string; parentCollectionID: SqlValue }>(db, 'SELECT collectionID, key, collectionName, parentCollectionID FROM collections ORDER BY collectionID').map((r) => ({
    id: r.collectionID,
    key: r.key,
    name: r.collectionName,
    parentId: r.parentCollectionID === null ? undefined : Number(r.parentCollectionID),
  }));
  return { collections, items: [...items.values()], standaloneNotes };
}
