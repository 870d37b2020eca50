/* Schema 2 → 3: a library written before the people register opens, gets an empty register, and keeps its originals as .v2.bak. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { migrate } from '../../src/core/storage/migrations';
import { fixedDeps, tempLibrary } from '../helpers/temp-library';

describe('migrating a version 2 library', () => {
  it('opens with an empty people register, its cases unchanged, each original kept as .v2.bak', async () => {
    const { api, lib, dir } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Before people', summary: 'Child Q was searched.' } });
    await lib.close();
    const caseJson = path.join(dir, 'cases', c.id, 'case.json');
    const libraryJson = path.join(dir, 'library.json');
    // Rewrite both files as version 2 wrote them: schemaVersion 2 and no `people` in library.json.
    const v2Case = { ...JSON.parse(await readFile(caseJson, 'utf8')), schemaVersion: 2 };
    const { people: _none, ...v2LibraryRest } = JSON.parse(await readFile(libraryJson, 'utf8'));
    const v2Library = { ...v2LibraryRest, schemaVersion: 2 };
    expect(v2Library).not.toHaveProperty('people');
    await writeFile(caseJson, JSON.stringify(v2Case));
    await writeFile(libraryJson, JSON.stringify(v2Library));

    const reopened = await CaseLibrary.open(dir, fixedDeps());
    expect(reopened.read.library.people).toEqual([]);
    expect(reopened.requireCase(c.id).case.summary).toBe('Child Q was searched.');
    await reopened.close();
    expect(JSON.parse(await readFile(`${libraryJson}.v2.bak`, 'utf8'))).toEqual(v2Library);
    expect(JSON.parse(await readFile(`${caseJson}.v2.bak`, 'utf8'))).toEqual(v2Case);
    const migrated = JSON.parse(await readFile(libraryJson, 'utf8'));
    expect(migrated).toMatchObject({ schemaVersion: 3, people: [] });
    expect(JSON.parse(await readFile(caseJson, 'utf8')).schemaVersion).toBe(3);
    expect((await readdir(dir)).filter((n) => n.endsWith('.bak'))).toEqual(['library.json.v2.bak']);
  });

  it('adds the register to library.json only, and keeps a register that is already there', () => {
    expect(migrate({ schemaVersion: 2, id: 'lib_1', name: 'L' })).toMatchObject({ kind: 'migrated', from: 2, data: { schemaVersion: 3, people: [] } });
    const caseFile = migrate({ schemaVersion: 2, case: { id: 'c_1' }, sources: [] });
    expect(caseFile).toMatchObject({ kind: 'migrated', data: { schemaVersion: 3 } });
    expect((caseFile as { data: object }).data).not.toHaveProperty('people');
    const kept = [{ id: 'per_1' }];
    expect(migrate({ schemaVersion: 2, people: kept })).toMatchObject({ data: { people: kept } });
  });
});
