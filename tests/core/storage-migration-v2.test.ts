/* Schema 1 → 2: a library written before sources had bibliographic fields opens, the judgment's court moves out of "publisher", and the originals are kept. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain';
import { fixedDeps, tempLibrary } from '../helpers/temp-library';

describe('migrating a version 1 library', () => {
  it('moves a judgment’s court out of publisher, leaves other sources as they were, and keeps each original as .v1.bak', async () => {
    const { api, lib, dir } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Older library' } });
    const judgment = await api['sources:create']({ caseId: c.id, fields: { kind: 'court-judgment', title: 'R v Smith', court: 'Northshire Crown Court' } });
    const article = await api['sources:create']({ caseId: c.id, fields: { kind: 'news-article', title: 'Officers to face hearing', publisher: 'The Northshire Gazette' } });
    await lib.close();
    // Rewrite the files as version 1 wrote them: the court in `publisher`, schemaVersion 1.
    const caseJson = path.join(dir, 'cases', c.id, 'case.json');
    const v1 = JSON.parse(await readFile(caseJson, 'utf8'));
    v1.schemaVersion = 1;
    const old = v1.sources.find((s: { id: string }) => s.id === judgment.id);
    old.publisher = old.court;
    delete old.court;
    await writeFile(caseJson, JSON.stringify(v1));
    const libraryJson = path.join(dir, 'library.json');
    const v1Library = { ...JSON.parse(await readFile(libraryJson, 'utf8')), schemaVersion: 1 };
    await writeFile(libraryJson, JSON.stringify(v1Library));

    const reopened = await CaseLibrary.open(dir, fixedDeps());
    const file = reopened.requireCase(c.id);
    expect(file.sources.find((s) => s.id === judgment.id)).toMatchObject({ court: 'Northshire Crown Court' });
    expect(file.sources.find((s) => s.id === judgment.id)?.publisher).toBeUndefined();
    expect(file.sources.find((s) => s.id === article.id)).toMatchObject({ publisher: 'The Northshire Gazette' });
    await reopened.close();
    expect(JSON.parse(await readFile(`${caseJson}.v1.bak`, 'utf8'))).toEqual(v1);
    expect(JSON.parse(await readFile(`${libraryJson}.v1.bak`, 'utf8'))).toEqual(v1Library);
    expect(JSON.parse(await readFile(caseJson, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect((await readdir(path.join(dir, 'cases', c.id))).filter((n) => n.endsWith('.bak'))).toEqual(['case.json.v1.bak']);
  });
});
