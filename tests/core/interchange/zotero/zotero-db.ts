/*
 * Builds a zotero.sqlite for tests: the tables of Zotero's published schema (zotero/zotero resource/schema/
 * userdata.sql and system.sql, Zotero 5 onwards) that an import reads, with their columns as Zotero declares
 * them, filled from a short description of a library. Written with sql.js, as the importer reads it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SqlJsStatic } from 'sql.js';

const SCHEMA = `
CREATE TABLE itemTypes (itemTypeID INTEGER PRIMARY KEY, typeName TEXT, templateItemTypeID INT, display INT DEFAULT 1);
CREATE TABLE itemTypesCombined (itemTypeID INT NOT NULL, typeName TEXT NOT NULL, display INT DEFAULT 1 NOT NULL, custom INT NOT NULL, PRIMARY KEY (itemTypeID));
CREATE TABLE fields (fieldID INTEGER PRIMARY KEY, fieldName TEXT, fieldFormatID INT);
CREATE TABLE fieldsCombined (fieldID INT NOT NULL, fieldName TEXT NOT NULL, label TEXT, fieldFormatID INT, custom INT NOT NULL, PRIMARY KEY (fieldID));
CREATE TABLE creatorTypes (creatorTypeID INTEGER PRIMARY KEY, creatorType TEXT);
CREATE TABLE libraries (libraryID INTEGER PRIMARY KEY, type TEXT NOT NULL, editable INT NOT NULL, filesEditable INT NOT NULL, version INT NOT NULL DEFAULT 0, storageVersion INT NOT NULL DEFAULT 0, lastSync INT NOT NULL DEFAULT 0, archived INT NOT NULL DEFAULT 0);
CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT NOT NULL, dateAdded TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, dateModified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, clientDateModified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, libraryID INT NOT NULL, key TEXT NOT NULL, version INT NOT NULL DEFAULT 0, synced INT NOT NULL DEFAULT 0, UNIQUE (libraryID, key));
CREATE TABLE itemDataValues (valueID INTEGER PRIMARY KEY, value UNIQUE);
CREATE TABLE itemData (itemID INT, fieldID INT, valueID, PRIMARY KEY (itemID, fieldID));
CREATE TABLE itemNotes (itemID INTEGER PRIMARY KEY, parentItemID INT, note TEXT, title TEXT);
CREATE TABLE itemAttachments (itemID INTEGER PRIMARY KEY, parentItemID INT, linkMode INT, contentType TEXT, charsetID INT, path TEXT, syncState INT DEFAULT 0, storageModTime INT, storageHash TEXT, lastProcessedModificationTime INT);
CREATE TABLE tags (tagID INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE itemTags (itemID INT NOT NULL, tagID INT NOT NULL, type INT NOT NULL, PRIMARY KEY (itemID, tagID));
CREATE TABLE creators (creatorID INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT, fieldMode INT, UNIQUE (lastName, firstName, fieldMode));
CREATE TABLE itemCreators (itemID INT NOT NULL, creatorID INT NOT NULL, creatorTypeID INT NOT NULL DEFAULT 1, orderIndex INT NOT NULL DEFAULT 0, PRIMARY KEY (itemID, creatorID, creatorTypeID, orderIndex), UNIQUE (itemID, orderIndex));
CREATE TABLE collections (collectionID INTEGER PRIMARY KEY, collectionName TEXT NOT NULL, parentCollectionID INT DEFAULT NULL, clientDateModified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, libraryID INT NOT NULL, key TEXT NOT NULL, version INT NOT NULL DEFAULT 0, synced INT NOT NULL DEFAULT 0, UNIQUE (libraryID, key));
CREATE TABLE collectionItems (collectionID INT NOT NULL, itemID INT NOT NULL, orderIndex INT NOT NULL DEFAULT 0, PRIMARY KEY (collectionID, itemID));
CREATE TABLE deletedItems (itemID INTEGER PRIMARY KEY, dateDeleted DEFAULT CURRENT_TIMESTAMP NOT NULL);
`;

/** Zotero's own type and field ids are arbitrary to the importer, which joins on names; these are a subset. */
const TYPES = ['note', 'attachment', 'journalArticle', 'report', 'webpage', 'case', 'statute', 'book', 'bookSection', 'newspaperArticle', 'annotation'];
const FIELDS = ['title', 'publicationTitle', 'journalAbbreviation', 'volume', 'issue', 'pages', 'date', 'url', 'accessDate', 'abstractNote', 'DOI', 'ISSN', 'ISBN', 'language', 'extra', 'institution', 'reportNumber', 'reportType', 'place', 'websiteTitle', 'caseName', 'court', 'reporter', 'reporterVolume', 'firstPage', 'docketNumber', 'dateDecided', 'nameOfAct', 'libraryCatalog', 'shortTitle', 'publisher'];
const CREATOR_TYPES = ['author', 'editor', 'contributor', 'seriesEditor', 'recipient'];

export interface ItemSpec {
  key: string;
  type: string;
  fields?: Record<string, string>;
  creators?: { type?: string; first?: string; last: string; single?: boolean }[];
  tags?: string[];
  collections?: string[];
  notes?: { key: string; html: string; title?: string }[];
  attachments?: { key: string; linkMode: number; path?: string; contentType?: string; title?: string; storageHash?: string }[];
  trashed?: boolean;
}

export interface LibrarySpec {
  collections: { key: string; name: string; parent?: string }[];
  items: ItemSpec[];
  standaloneNotes?: { key: string; html: string; collections?: string[] }[];
}

const require = createRequire(import.meta.url);
let engine: Promise<SqlJsStatic> | undefined;
const sqlJs = () => (engine ??= (require('sql.js') as (c: { locateFile: (f: string) => string }) => Promise<SqlJsStatic>)({ locateFile: (f) => path.join(path.dirname(require.resolve('sql.js/dist/sql-wasm.wasm')), f) }));

export async function writeZoteroDatabase(dir: string, spec: LibrarySpec): Promise<string> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  db.exec(SCHEMA);
  db.exec('INSERT INTO libraries (libraryID, type, editable, filesEditable) VALUES (1, \'user\', 1, 1)');
  TYPES.forEach((t, i) => {
    db.run('INSERT INTO itemTypes VALUES (?, ?, NULL, 1)', [i + 1, t]);
    db.run('INSERT INTO itemTypesCombined VALUES (?, ?, 1, 0)', [i + 1, t]);
  });
  FIELDS.forEach((f, i) => {
    db.run('INSERT INTO fields VALUES (?, ?, NULL)', [i + 1, f]);
    db.run('INSERT INTO fieldsCombined VALUES (?, ?, NULL, NULL, 0)', [i + 1, f]);
  });
  CREATOR_TYPES.forEach((c, i) => db.run('INSERT INTO creatorTypes VALUES (?, ?)', [i + 1, c]));
  const collectionIds = new Map<string, number>();
  spec.collections.forEach((c, i) => collectionIds.set(c.key, i + 1));
  for (const c of spec.collections) db.run('INSERT INTO collections (collectionID, collectionName, parentCollectionID, libraryID, key) VALUES (?, ?, ?, 1, ?)', [collectionIds.get(c.key)!, c.name, c.parent ? collectionIds.get(c.parent)! : null, c.key]);
  let nextItem = 1;
  let nextValue = 1;
  const values = new Map<string, number>();
  const valueId = (v: string) => values.get(v) ?? (db.run('INSERT INTO itemDataValues VALUES (?, ?)', [nextValue, v]), values.set(v, nextValue++), nextValue - 1);
  const tagIds = new Map<string, number>();
  const creatorIds = new Map<string, number>();
  const insertItem = (type: string, key: string) => {
    const id = nextItem++;
    db.run('INSERT INTO items (itemID, itemTypeID, libraryID, key) VALUES (?, ?, 1, ?)', [id, TYPES.indexOf(type) + 1, key]);
    return id;
  };
  const setField = (id: number, field: string, value: string) => db.run('INSERT INTO itemData VALUES (?, ?, ?)', [id, FIELDS.indexOf(field) + 1, valueId(value)]);
  db.exec('BEGIN');
  for (const item of spec.items) {
    const id = insertItem(item.type, item.key);
    for (const [field, value] of Object.entries(item.fields ?? {})) setField(id, field, value);
    (item.creators ?? []).forEach((c, order) => {
      const ck = `${c.last}\u0000${c.first ?? ''}\u0000${c.single ? 1 : 0}`;
      let cid = creatorIds.get(ck);
      if (!cid) {
        cid = creatorIds.size + 1;
        creatorIds.set(ck, cid);
        db.run('INSERT INTO creators VALUES (?, ?, ?, ?)', [cid, c.single ? '' : (c.first ?? ''), c.last, c.single ? 1 : 0]);
      }
      db.run('INSERT INTO itemCreators VALUES (?, ?, ?, ?)', [id, cid, CREATOR_TYPES.indexOf(c.type ?? 'author') + 1, order]);
    });
    for (const tag of item.tags ?? []) {
      let tid = tagIds.get(tag);
      if (!tid) {
        tid = tagIds.size + 1;
        tagIds.set(tag, tid);
        db.run('INSERT INTO tags VALUES (?, ?)', [tid, tag]);
      }
      db.run('INSERT INTO itemTags VALUES (?, ?, 0)', [id, tid]);
    }
    (item.collections ?? []).forEach((c, order) => db.run('INSERT INTO collectionItems VALUES (?, ?, ?)', [collectionIds.get(c)!, id, order]));
    for (const note of item.notes ?? []) {
      const nid = insertItem('note', note.key);
      db.run('INSERT INTO itemNotes VALUES (?, ?, ?, ?)', [nid, id, note.html, note.title ?? '']);
    }
    for (const att of item.attachments ?? []) {
      const aid = insertItem('attachment', att.key);
      if (att.title) setField(aid, 'title', att.title);
      db.run('INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path, storageHash) VALUES (?, ?, ?, ?, ?, ?)', [aid, id, att.linkMode, att.contentType ?? null, att.path ?? null, att.storageHash ?? null]);
    }
    if (item.trashed) db.run('INSERT INTO deletedItems (itemID) VALUES (?)', [id]);
  }
  for (const note of spec.standaloneNotes ?? []) {
    const nid = insertItem('note', note.key);
    db.run('INSERT INTO itemNotes VALUES (?, NULL, ?, ?)', [nid, note.html, '']);
    for (const c of note.collections ?? []) db.run('INSERT INTO collectionItems VALUES (?, ?, 0)', [collectionIds.get(c)!, nid]);
  }
  db.exec('COMMIT');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'zotero.sqlite');
  await writeFile(file, db.export());
  db.close();
  return file;
}
