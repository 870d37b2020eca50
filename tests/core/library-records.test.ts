import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { ApiError } from '../../src/shared/errors';
import { fixedDeps, tempLibrary } from '../helpers/temp-library';

describe('records round-trip through real files', () => {
  it('stores every record type and reads it back after reopening', async () => {
    const { dir, lib, api } = await tempLibrary();
    const c = await api['cases:create']({
      fields: { title: 'Death of Łukasz Zoë Şükrü', summary: '**Bold** summary', incidentDate: { value: '2022-06', certainty: 'approximate' }, location: 'London', tags: ['theme/misogyny'] },
    });
    expect(c.slug).toBe('death-of-lukasz-zoe-suekrue');
    const s = await api['sources:create']({
      caseId: c.slug,
      fields: {
        kind: 'iopc-report',
        title: 'IOPC report',
        url: 'https://example.org/report',
        authors: [{ family: 'Smith', given: 'Ann' }, { literal: 'Independent Office for Police Conduct' }],
        publishedDate: { value: '2022-07-06' },
        reliability: 'B',
        tags: ['institution/IOPC'],
      },
    });
    const n = await api['notes:create']({
      caseId: c.id,
      fields: { title: 'Key passage', body: 'See the “finding”.', quotations: [{ sourceId: s.id, quote: 'unacceptable', pinpoint: { kind: 'page', value: '14' } }] },
    });
    const e = await api['events:create']({
      caseId: c.id,
      fields: { date: { value: '2022-07-06' }, title: 'IOPC publishes report', claimStatus: 'found', sources: [{ sourceId: s.id, pinpoint: { kind: 'paragraph', value: '3' } }] },
    });
    const att = await api['attachments:add']({ caseId: c.id, sourceId: s.id, fileName: 'report.txt', contentBase64: Buffer.from('hello evidence').toString('base64') });
    await lib.close();

    const reopened = await CaseLibrary.open(dir, fixedDeps());
    const file = reopened.requireCase('death-of-lukasz-zoe-suekrue');
    expect(file.case).toMatchObject({ title: 'Death of Łukasz Zoë Şükrü', location: 'London', incidentDate: { value: '2022-06', certainty: 'approximate' } });
    expect(file.sources[0]).toMatchObject({ id: s.id, kind: 'iopc-report', reliability: 'B', authors: [{ family: 'Smith', given: 'Ann' }, { literal: 'Independent Office for Police Conduct' }] });
    expect(file.sources[0].attachments[0]).toMatchObject({ fileName: 'report.txt', mediaType: 'text/plain', size: 14, sha256: att.sha256 });
    expect(file.notes[0]).toMatchObject({ id: n.id, quotations: [{ sourceId: s.id, quote: 'unacceptable', pinpoint: { kind: 'page', value: '14' } }] });
    expect(file.events[0]).toMatchObject({ id: e.id, claimStatus: 'found' });
    const stored = await readFile(path.join(dir, 'cases', c.id, 'files', att.sha256), 'utf8');
    expect(stored).toBe('hello evidence');
    expect(reopened.read.library.tags.map((t) => t.path)).toEqual(['institution', 'institution/IOPC', 'theme', 'theme/misogyny']);
    await reopened.close();
  });

  it('rejects a quotation of a source from another case, and writes nothing', async () => {
    const { api, lib } = await tempLibrary();
    const a = await api['cases:create']({ fields: { title: 'A' } });
    const b = await api['cases:create']({ fields: { title: 'B' } });
    const s = await api['sources:create']({ caseId: a.id, fields: { title: 'Only in A' } });
    await expect(api['notes:create']({ caseId: b.id, fields: { title: 'n', quotations: [{ sourceId: s.id, quote: 'q' }] } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(lib.requireCase(b.id).notes).toHaveLength(0);
  });

  it('patches fields, clears optional ones with null, and refuses to clear a title', async () => {
    const { api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Case' } });
    const s = await api['sources:create']({ caseId: c.id, fields: { title: 'S', url: 'https://example.org/a', publisher: 'P' } });
    const updated = await api['sources:update']({ caseId: c.id, sourceId: s.id, patch: { url: null, publisher: 'Q' } });
    expect(updated.url).toBeUndefined();
    expect(updated.publisher).toBe('Q');
    expect(updated.updatedAt > s.updatedAt).toBe(true);
    await expect(api['sources:update']({ caseId: c.id, sourceId: s.id, patch: { title: null } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('moves deleted records to the trash, restores them, and undoes changes', async () => {
    const { api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Case' } });
    const s = await api['sources:create']({ caseId: c.id, fields: { title: 'Evidence' } });
    await api['sources:delete']({ caseId: c.id, sourceId: s.id });
    expect((await api['cases:get']({ caseId: c.id })).sources).toHaveLength(0);
    expect(await api['trash:list']({})).toMatchObject([{ ref: { kind: 'source', id: s.id }, title: 'Evidence' }]);
    expect(await api['history:undo']({})).toEqual({ label: 'Delete source “Evidence”' });
    expect((await api['cases:get']({ caseId: c.id })).sources).toHaveLength(1);
    await api['cases:delete']({ caseId: c.id });
    expect(await api['cases:list']({})).toHaveLength(0);
    await api['trash:restore']({ id: c.id });
    expect((await api['cases:list']({})).map((x) => x.title)).toEqual(['Case']);
  });

  it('trashes several records as one change, which one undo brings back', async () => {
    const { api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Case' } });
    const ids = [];
    for (const title of ['one', 'two', 'three']) ids.push((await api['sources:create']({ caseId: c.id, fields: { title } })).id);
    await api['records:trash']({ caseId: c.id, kind: 'source', ids });
    expect((await api['cases:get']({ caseId: c.id })).sources).toHaveLength(0);
    expect(await api['history:undo']({})).toEqual({ label: 'Delete 3 sources' });
    expect((await api['cases:get']({ caseId: c.id })).sources.map((s) => s.title)).toEqual(['one', 'two', 'three']);
    await expect(api['records:trash']({ caseId: c.id, kind: 'note', ids })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves and copies a source with its attachment file between cases', async () => {
    const { api, lib } = await tempLibrary();
    const a = await api['cases:create']({ fields: { title: 'A' } });
    const b = await api['cases:create']({ fields: { title: 'B' } });
    const s = await api['sources:create']({ caseId: a.id, fields: { title: 'Shared source' } });
    const att = await api['attachments:add']({ caseId: a.id, sourceId: s.id, fileName: 'x.txt', contentBase64: Buffer.from('x').toString('base64') });
    const copy = await api['sources:transfer']({ caseId: a.id, sourceId: s.id, toCaseId: b.id, mode: 'copy' });
    expect(copy.id).not.toBe(s.id);
    await readFile(path.join(lib.dir, 'cases', b.id, 'files', att.sha256));
    await api['sources:transfer']({ caseId: a.id, sourceId: s.id, toCaseId: b.id, mode: 'move' });
    expect(lib.requireCase(a.id).sources).toHaveLength(0);
    expect(lib.requireCase(b.id).sources.map((x) => x.title)).toEqual(['Shared source', 'Shared source']);
  });

  it('refuses a slug already in use', async () => {
    const { api } = await tempLibrary();
    await api['cases:create']({ fields: { title: 'One', slug: 'one' } });
    await expect(api['cases:create']({ fields: { title: 'Two', slug: 'one' } })).rejects.toBeInstanceOf(ApiError);
    const auto = await api['cases:create']({ fields: { title: 'One' } });
    expect(auto.slug).toBe('one-2');
  });
});
