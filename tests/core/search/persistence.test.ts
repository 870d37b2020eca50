import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../../src/core/case-library';
import { createHandlers } from '../../../src/core/handlers';
import { INDEX_FORMAT, indexPath } from '../../../src/core/search/persist';
import { PHRASE_FORMAT } from '../../../src/core/search/phrase-index';
import { SearchService } from '../../../src/core/search/search-service';
import { LOCK_FILE } from '../../../src/core/storage/lock';
import { createCase } from '../../../src/core/services/cases';
import { createClient } from '../../../src/shared/api/client';
import { dispatch } from '../../../src/shared/api/dispatch';
import { fixedDeps, tempDir, tempLibrary } from '../../helpers/temp-library';
import { buildSearchFixture, hitIds } from './fixture';

async function open(dir: string, options: { readOnly?: boolean } = {}) {
  const lib = await CaseLibrary.open(dir, { ...fixedDeps(), ...options });
  const handlers = createHandlers(lib);
  const api = createClient((name, payload) => dispatch(handlers, name, payload));
  return { lib, api, search: (query: string) => api['search:query']({ query, limit: 100, hitsPerCase: 100 }) };
}

/** A library with the fixture, searched once (so the index exists) and closed (so it is saved). */
async function savedLibrary() {
  const { dir, lib, api } = await tempLibrary();
  const f = await buildSearchFixture(api);
  await api['search:query']({ query: 'anything' });
  await lib.close();
  return { dir, f };
}

describe('the persisted index', () => {
  it('is saved on close and loaded, not rebuilt, on the next open', async () => {
    const { dir, f } = await savedLibrary();
    expect((await stat(indexPath(dir))).size).toBeGreaterThan(100);
    const { lib, api, search } = await open(dir);
    expect(hitIds(await search('taser'))).toEqual([f.arrest.id, f.note.id, f.taserCase.id].sort());
    expect(await api['search:status']({})).toMatchObject({ state: 'ready', origin: 'loaded', reindexedCases: 0, saved: true, documents: 9 });
    await lib.close();
  });

  it('leaves a few changes for the next open to pick up by fingerprint, and rewrites the file for many', async () => {
    const { dir, f } = await savedLibrary();
    const first = await open(dir);
    await first.search('x');
    await first.api['notes:update']({ caseId: f.zoe.id, noteId: f.note.id, patch: { body: 'A helicopter was heard overhead.' } });
    expect(hitIds(await first.search('helicopter'))).toEqual([f.note.id]);
    expect((await first.api['search:status']({})).saved).toBe(false);
    const before = await readFile(indexPath(dir));
    // In this small library one changed note is more than 2% of the documents: the file is rewritten.
    await first.lib.close();
    expect((await readFile(indexPath(dir))).equals(before)).toBe(false);
    const second = await open(dir);
    expect(hitIds(await second.search('helicopter'))).toEqual([f.note.id]);
    expect(hitIds(await second.search('footage'))).toEqual([]);
    expect(await second.api['search:status']({})).toMatchObject({ origin: 'loaded', reindexedCases: 0 });
    await second.lib.close();

    // With a higher threshold the same kind of change is not written; the next open reindexes that case only.
    const third = await open(dir);
    SearchService.for(third.lib, { rewriteAboveChurn: 0.5 });
    await third.search('x');
    await third.api['notes:update']({ caseId: f.zoe.id, noteId: f.note.id, patch: { body: 'A drone was heard overhead.' } });
    const unchanged = await readFile(indexPath(dir));
    await third.lib.close();
    expect((await readFile(indexPath(dir))).equals(unchanged)).toBe(true);
    const fourth = await open(dir);
    expect(hitIds(await fourth.search('drone'))).toEqual([f.note.id]);
    expect(hitIds(await fourth.search('helicopter'))).toEqual([]);
    expect(await fourth.api['search:status']({})).toMatchObject({ origin: 'loaded', reindexedCases: 1 });
    await fourth.lib.close();
  });

  it('reindexes only the cases whose files changed when the program stopped before saving', async () => {
    const { dir, f } = await savedLibrary();
    const first = await open(dir);
    await first.api['search:query']({ query: 'x' });
    await first.api['cases:update']({ caseId: 'child-q', patch: { summary: 'A helicopter was heard overhead.' } });
    // Not closed: as if the program were killed, leaving its lock behind; remove it as a stale lock would be taken over.
    await rm(path.join(dir, LOCK_FILE), { recursive: true });
    const second = await open(dir);
    expect(hitIds(await second.search('helicopter'))).toEqual([f.childQ.id]);
    expect(await second.api['search:status']({})).toMatchObject({ origin: 'loaded', reindexedCases: 1 });
    await second.lib.close();
  });
});

describe('staleness on open', () => {
  it('reindexes a case file edited by another program', async () => {
    const { dir, f } = await savedLibrary();
    const file = path.join(dir, 'cases', f.childQ.id, 'case.json');
    const data = JSON.parse(await readFile(file, 'utf8'));
    data.case.title = 'Strip search of a schoolgirl';
    await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
    const { lib, api, search } = await open(dir);
    expect(hitIds(await search('schoolgirl'))).toEqual([f.childQ.id]);
    expect(hitIds(await search('"child q"'))).toEqual([]);
    expect(await api['search:status']({})).toMatchObject({ origin: 'loaded', reindexedCases: 1 });
    await lib.close();
  });

  it('indexes a case folder copied in, and forgets one removed', async () => {
    const { dir, f } = await savedLibrary();
    // Another library, with ids of its own (the fixture's are predictable and would collide).
    const otherDir = path.join(await tempDir(), 'other');
    const other = await CaseLibrary.create(otherDir, 'Other');
    const copied = await createCase(other, { title: 'Kettling on Westminster Bridge' });
    await other.close();
    await cp(path.join(otherDir, 'cases', copied.id), path.join(dir, 'cases', copied.id), { recursive: true });
    await rm(path.join(dir, 'cases', f.taserCase.id), { recursive: true });
    const { lib, api, search } = await open(dir);
    expect(hitIds(await search('kettling'))).toEqual([copied.id]);
    expect(hitIds(await search('taser'))).toEqual([f.arrest.id, f.note.id].sort());
    expect(await api['search:status']({})).toMatchObject({ origin: 'loaded', reindexedCases: 1 });
    await lib.close();
  });

  it('picks up attachment text written while the library was closed', async () => {
    const { dir, lib, api } = await tempLibrary();
    const f = await buildSearchFixture(api);
    const attachment = await api['attachments:add']({ caseId: f.zoe.id, sourceId: f.finding.id, fileName: 'notes.txt', contentBase64: Buffer.from('x').toString('base64') });
    await api['search:query']({ query: 'x' });
    await lib.close();
    const textDir = path.join(dir, '.cache', 'text');
    await mkdir(textDir, { recursive: true });
    await writeFile(path.join(textDir, `${attachment.sha256}.json`), JSON.stringify({ sha256: attachment.sha256, pages: [{ index: 0, label: '1', text: 'A ledger of overtime.' }] }));
    const reopened = await open(dir);
    const results = await reopened.search('ledger');
    expect(results.groups[0].hits[0]).toMatchObject({ kind: 'attachment', attachment: { page: { label: '1' } } });
    expect(await reopened.api['search:status']({})).toMatchObject({ origin: 'loaded', reindexedCases: 0 });
    await reopened.lib.close();
  });

  for (const [what, damage] of [
    ['garbage', () => Buffer.from('not an index at all')],
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['a flipped byte in the body', (bytes: Buffer) => {
      const copy = Buffer.from(bytes);
      copy[copy.length - 3] ^= 0xff;
      return copy;
    }],
    ['from an older format', (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace(`"format":${INDEX_FORMAT},`, '"format":0,'), 'latin1')],
    // Saved before the phrase index had this format (or had none): the same length, so only the version differs.
    ['from another phrase-index format', (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace(`"phraseFormat":${PHRASE_FORMAT},`, '"phraseFormat":0,'), 'latin1')],
    ['from before the phrase index', (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace(`"phraseFormat":${PHRASE_FORMAT},`, '"phraseFormaX":1,'), 'latin1')],
    ['empty', () => Buffer.alloc(0)],
  ] as const) {
    it(`is rebuilt, with nothing lost, when the index file is ${what}`, async () => {
      const { dir, f } = await savedLibrary();
      const before = await (async () => {
        const { lib, search } = await open(dir);
        const ids = hitIds(await search('death OR search OR taser'));
        await lib.close();
        return ids;
      })();
      expect(before.length).toBeGreaterThan(3);
      await writeFile(indexPath(dir), damage(await readFile(indexPath(dir))));
      const { lib, api, search } = await open(dir);
      expect(hitIds(await search('death OR search OR taser'))).toEqual(before);
      expect(hitIds(await search('case:zoe'))).toContain(f.note.id);
      const status = await api['search:status']({});
      expect(status).toMatchObject({ origin: 'built' });
      expect(status.reason).toMatch(/not an index file|truncated|damaged|another version/);
      await lib.close();
      // The rebuilt index was saved, and is loaded next time.
      const again = await open(dir);
      await again.search('x');
      expect(await again.api['search:status']({})).toMatchObject({ origin: 'loaded' });
      await again.lib.close();
    });
  }

  it('is rebuilt when it belongs to another library', async () => {
    const { dir } = await savedLibrary();
    const otherDir = path.join(await tempDir(), 'other');
    const other = await CaseLibrary.create(otherDir, 'Other');
    await createCase(other, { title: 'Kettling on Westminster Bridge' });
    await SearchService.for(other).ready();
    await other.close();
    await cp(indexPath(otherDir), indexPath(dir));
    const { lib, api, search } = await open(dir);
    await search('x');
    expect(await api['search:status']({})).toMatchObject({ origin: 'built', reason: 'the saved index belongs to another library' });
    await lib.close();
  });

  it('is never written when the library is opened read-only', async () => {
    const { dir, lib, api } = await tempLibrary();
    await buildSearchFixture(api);
    await lib.close();
    const readOnly = await open(dir, { readOnly: true });
    expect((await readOnly.search('taser')).total).toBe(3);
    expect(await readOnly.api['search:status']({})).toMatchObject({ origin: 'built', saved: false });
    await readOnly.lib.close();
    await expect(stat(indexPath(dir))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is rebuilt on request and saved', async () => {
    const { dir } = await savedLibrary();
    const { lib } = await open(dir);
    const before = (await stat(indexPath(dir))).mtimeMs;
    const status = await SearchService.for(lib).rebuildNow();
    expect(status).toMatchObject({ state: 'ready', origin: 'built', documents: 9, saved: true });
    expect((await stat(indexPath(dir))).mtimeMs).toBeGreaterThanOrEqual(before);
    await lib.close();
  });
});
