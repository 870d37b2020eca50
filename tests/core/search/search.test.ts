import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchService } from '../../../src/core/search/search-service';
import { foldTerm } from '../../../src/core/search/text';
import { tempLibrary } from '../../helpers/temp-library';
import { allHits, buildSearchFixture, hitIds } from './fixture';

async function fixture() {
  const t = await tempLibrary();
  const f = await buildSearchFixture(t.api);
  const search = (query: string, options: { sort?: 'relevance' | 'newest' | 'oldest' | 'title'; group?: boolean } = {}) =>
    t.api['search:query']({ query, limit: 100, hitsPerCase: 100, ...options });
  return { ...t, f, search };
}

describe('search: words', () => {
  it('matches a word as typed, as a prefix and with a typo (including two letters swapped)', async () => {
    const { f, search } = await fixture();
    expect(hitIds(await search('custody'))).toEqual([f.custody.id, f.note.id].sort());
    expect(hitIds(await search('custo'))).toEqual([f.custody.id, f.note.id].sort());
    expect(hitIds(await search('custidy'))).toEqual([f.custody.id, f.note.id].sort());
    const swapped = await search('inqeust');
    expect(hitIds(swapped)).toEqual([f.zoe.id, f.finding.id, f.custody.id].sort());
    expect(swapped.expandedTerms.inqeust).toContain('inquest');
  });

  it('folds accents and case both ways', async () => {
    const { f, search } = await fixture();
    expect(hitIds(await search('zoe lukasz'))).toEqual([f.zoe.id]);
    expect(hitIds(await search('ZOË'))).toEqual([f.zoe.id]);
  });

  it('needs every word, one alternative of an OR, and none of an exclusion', async () => {
    const { f, search } = await fixture();
    expect(hitIds(await search('taser footage'))).toEqual([f.note.id]);
    expect(hitIds(await search('safeguarding OR footage'))).toEqual([f.review.id, f.note.id].sort());
    expect(hitIds(await search('inquest -coroner'))).toEqual([f.zoe.id, f.custody.id].sort());
    expect((await search('taser footage nowhere')).total).toBe(0);
  });

  it('matches a quoted phrase only with its words together, across a no-break space', async () => {
    const { f, search } = await fixture();
    expect(hitIds(await search('"murdered sisters"'))).toEqual([f.finding.id]);
    expect(hitIds(await search('murdered sisters'))).toEqual([f.finding.id]);
    expect((await search('"sisters murdered"')).total).toBe(0);
    expect(hitIds(await search('"special measures were imposed"'))).toEqual([f.note.id]);
    expect(hitIds(await search('taser -"used twice"'))).toEqual([f.arrest.id, f.taserCase.id].sort());
  });

  it('matches phrases word by word, whatever the punctuation, accents and apostrophes between them', async () => {
    const { api, search } = await fixture();
    const c = await api['cases:create']({ fields: { title: 'Phrases', summary: 'placeholder' } });
    const notes: Record<string, string> = {};
    for (const [key, body] of Object.entries({
      accents: 'The car of Zoë’s neighbour was searched.',
      possessive: 'Several of the Met’s officers were there.',
      contraction: 'They don’t know the way.',
      punctuation: 'It was special, measures followed; special_measures too.',
      plain: 'Nothing special here: measures, yes.',
      crossed: 'a zoe-like carport',
    })) {
      notes[key] = (await api['notes:create']({ caseId: c.id, fields: { title: key, body } })).id;
    }
    const found = async (q: string) => hitIds(await search(`${q} case:${c.id} kind:note`));
    expect(await found('"zoe s neighbour"')).toEqual([]);
    expect(await found('"zoes neighbour"')).toEqual([]);
    expect(await found('"zoe neighbour"')).toEqual([notes.accents]);
    expect(await found('"met officers"')).toEqual([notes.possessive]);
    expect(await found('"dont know"')).toEqual([notes.contraction]);
    expect(await found('"don’t know"')).toEqual([notes.contraction]);
    expect(await found('"special measures"')).toEqual([notes.punctuation]);
    expect(await found('"zoe car"')).toEqual([]);
    expect(await found('"zoe like car"')).toEqual([]);
  });

  it('ranks a match in a title above a match in the text', async () => {
    const { f, search } = await fixture();
    const results = await search('taser');
    expect(results.groups[0].caseId).toBe(f.taserCase.id);
    const inZoe = results.groups.find((g) => g.caseId === f.zoe.id)!;
    // In Zoë's case the event is tagged taser; the note only mentions it in its body.
    expect(inZoe.hits.map((h) => h.ref.id)).toEqual([f.arrest.id, f.note.id]);
    const inquest = await search('inquest');
    expect(inquest.groups[0].caseId).toBe(f.custody.id);
  });
});

describe('search: filters', () => {
  it('limits to a case by slug, id or title words', async () => {
    const { f, search } = await fixture();
    expect(hitIds(await search('case:zoe'))).toEqual([f.zoe.id, f.finding.id, f.note.id, f.arrest.id].sort());
    expect(hitIds(await search(`search case:${f.childQ.id}`))).toEqual([f.childQ.id, f.school.id].sort());
    expect(hitIds(await search('search case:"child q"'))).toEqual([f.childQ.id, f.school.id].sort());
    const none = await search('case:nobody');
    expect(none.total).toBe(0);
    expect(none.warnings[0]).toMatch(/no case matches “nobody”/);
  });

  it('matches a tag and its whole subtree, never a tag that only starts with the same letters', async () => {
    const { f, search } = await fixture();
    expect(hitIds(await search('tag:theme'))).toEqual([f.zoe.id, f.arrest.id, f.childQ.id].sort());
    expect(hitIds(await search('tag:theme/use-of-force'))).toEqual([f.arrest.id]);
    expect(hitIds(await search('tag:Theme/Racism'))).toEqual([f.childQ.id]);
    expect(hitIds(await search('tag:themes'))).toEqual([f.review.id]);
    expect(hitIds(await search('tag:them'))).toEqual([]);
    expect(hitIds(await search('tag:process,review'))).toEqual([f.finding.id, f.note.id].sort());
    expect(hitIds(await search('case:zoe -tag:theme'))).toEqual([f.finding.id, f.note.id].sort());
  });

  it('filters by kind, status, date and reliability', async () => {
    const { f, search } = await fixture();
    expect(hitIds(await search('kind:event'))).toEqual([f.arrest.id, f.school.id].sort());
    expect(hitIds(await search('kind:inquiry-finding,official-report'))).toEqual([f.finding.id, f.review.id].sort());
    expect(hitIds(await search('search kind:case'))).toEqual([f.childQ.id]);
    expect(hitIds(await search('status:closed'))).toEqual([f.childQ.id, f.review.id, f.school.id].sort());
    expect(hitIds(await search('status:found'))).toEqual([f.arrest.id]);
    expect(hitIds(await search('status:archived,alleged'))).toEqual([f.custody.id, f.school.id].sort());
    expect(hitIds(await search('date:2021'))).toEqual([f.zoe.id, f.arrest.id].sort());
    expect(hitIds(await search('date:2022-06'))).toEqual([f.finding.id, f.review.id].sort());
    expect(hitIds(await search('date:2021-03-05..2021-03-05'))).toEqual([f.zoe.id, f.arrest.id].sort());
    expect(hitIds(await search('date:..2020'))).toEqual([f.school.id]);
    expect(hitIds(await search('after:2021'))).toEqual([f.finding.id, f.review.id].sort());
    expect(hitIds(await search('reliability:A'))).toEqual([f.finding.id]);
    expect(hitIds(await search('reliability:B..C'))).toEqual([f.review.id]);
  });

  it('orders filter-only results newest first, and sorts by title or date on request', async () => {
    const { f, search } = await fixture();
    const events = allHits(await search('kind:event', { group: false }));
    expect(events.map((h) => h.ref.id)).toEqual([f.arrest.id, f.school.id]);
    const oldest = allHits(await search('kind:event', { group: false, sort: 'oldest' }));
    expect(oldest.map((h) => h.ref.id)).toEqual([f.school.id, f.arrest.id]);
    const byTitle = allHits(await search('kind:case', { group: false, sort: 'title' }));
    expect(byTitle.map((h) => h.title)).toEqual(['Death of Zoë Łukasz', 'Inquest into a death in custody', 'Strip search of Child Q', 'Taser review']);
  });
});

describe('search: results', () => {
  it('groups records by case, counts them, and pages through cases', async () => {
    const { api, f } = await fixture();
    const results = await api['search:query']({ query: 'death OR search', limit: 2, hitsPerCase: 1 });
    expect(results.caseCount).toBe(3);
    expect(results.total).toBe(hitIds(await api['search:query']({ query: 'death OR search', group: false, limit: 100 })).length);
    expect(results.groups).toHaveLength(2);
    for (const group of results.groups) {
      expect(group.hits).toHaveLength(1);
      expect(group.hitCount).toBeGreaterThanOrEqual(1);
      for (const hit of group.hits) expect(hit.ref.caseId).toBe(group.caseId);
    }
    const next = await api['search:query']({ query: 'death OR search', limit: 2, offset: 2 });
    expect(next.groups).toHaveLength(1);
    expect([...results.groups, ...next.groups].map((g) => g.caseId).sort()).toEqual([f.zoe.id, f.childQ.id, f.custody.id].sort());
  });

  it('returns passages as plain text with offsets of each match, whitespace collapsed', async () => {
    const { search } = await fixture();
    for (const query of ['sisters', 'inquest', 'restrained footage', 'zoe']) {
      const hits = allHits(await search(query));
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) {
        const spans = [...hit.titleMatches.map((m) => hit.title.slice(m.start, m.end)), ...(hit.passage?.matches ?? []).map((m) => hit.passage!.text.slice(m.start, m.end))];
        expect(spans.length).toBeGreaterThan(0);
        for (const span of spans) expect(span.length).toBeGreaterThan(0);
        if (hit.passage) expect(hit.passage.text).not.toMatch(/[\n\u00a0]| {2}/);
      }
    }
    const [finding] = allHits(await search('"murdered sisters"'));
    const m = finding.passage!.matches[0];
    expect(finding.passage!.text.slice(m.start, m.end)).toBe('murdered sisters');
    const [zoe] = allHits(await search('lukasz'));
    expect(zoe.title.slice(zoe.titleMatches[0].start, zoe.titleMatches[0].end)).toBe('Łukasz');
    const inquest = allHits(await search('inqu'));
    for (const hit of inquest) for (const r of hit.titleMatches) expect(foldTerm(hit.title.slice(r.start, r.end))).toBe('inquest');
  });

  it('cuts a long passage around the matches, with an ellipsis where it was cut', async () => {
    const { api, search } = await fixture();
    const c = await api['cases:create']({ fields: { title: 'Long', summary: `${'Filler words here. '.repeat(40)}The needle is in the middle. ${'More filler text. '.repeat(40)}` } });
    const [hit] = allHits(await search('needle'));
    expect(hit.ref.id).toBe(c.id);
    expect(hit.passage!.text.length).toBeLessThan(220);
    expect(hit.passage!.text).toMatch(/^….*needle.*…$/);
    const m = hit.passage!.matches[0];
    expect(hit.passage!.text.slice(m.start, m.end)).toBe('needle');
  });

  it('gives dates, kinds, grades and claim statuses with each hit, and answers an empty query with nothing', async () => {
    const { f, search } = await fixture();
    const [finding] = allHits(await search('coroner'));
    expect(finding).toMatchObject({ kind: 'source', sourceKind: 'inquiry-finding', reliability: 'A', date: { value: '2022-06-28' }, ref: { kind: 'source', id: f.finding.id } });
    const [arrest] = allHits(await search('arrest'));
    expect(arrest).toMatchObject({ kind: 'event', claimStatus: 'found', tags: ['theme/use-of-force/taser'] });
    expect((await search('')).total).toBe(0);
    expect((await search('   ')).groups).toEqual([]);
  });
});

describe('search follows every change', () => {
  it('sees records created, changed, trashed, restored and undone', async () => {
    const { api, f, search } = await fixture();
    await api['notes:update']({ caseId: f.zoe.id, noteId: f.note.id, patch: { body: 'Nothing about weapons any more; a helicopter arrived.' } });
    expect(hitIds(await search('helicopter'))).toEqual([f.note.id]);
    expect(hitIds(await search('footage'))).toEqual([]);
    await api['history:undo']({});
    expect(hitIds(await search('helicopter'))).toEqual([]);
    expect(hitIds(await search('footage'))).toEqual([f.note.id]);

    await api['events:delete']({ caseId: f.childQ.id, eventId: f.school.id });
    expect(hitIds(await search('school'))).toEqual([f.childQ.id]);
    await api['trash:restore']({ id: f.school.id, caseId: f.childQ.id });
    expect(hitIds(await search('school'))).toEqual([f.childQ.id, f.school.id].sort());

    await api['cases:delete']({ caseId: 'zoe' });
    expect((await search('case:zoe')).total).toBe(0);
    expect(hitIds(await search('taser'))).toEqual([f.taserCase.id]);
    await api['history:undo']({});
    expect(hitIds(await search('taser'))).toEqual([f.arrest.id, f.note.id, f.taserCase.id].sort());

    const created = await api['cases:create']({ fields: { title: 'Kettling of protesters', tags: ['theme/protest'] } });
    expect(hitIds(await search('kettling'))).toEqual([created.id]);
    await api['cases:update']({ caseId: created.id, patch: { status: 'closed' } });
    expect(hitIds(await search('kettling status:closed'))).toEqual([created.id]);
    await api['history:undo']({});
    await api['history:undo']({});
    expect((await search('kettling')).total).toBe(0);
  });

  it('follows tag renames across cases', async () => {
    const { api, f, search } = await fixture();
    await api['tags:rename']({ from: 'theme', to: 'issue' });
    expect((await search('tag:theme')).total).toBe(0);
    expect(hitIds(await search('tag:issue/use-of-force'))).toEqual([f.arrest.id]);
  });

  it('finds attachment text by page, citing the page label', async () => {
    const { api, lib, f, search } = await fixture();
    const attachment = await api['attachments:add']({ caseId: f.zoe.id, sourceId: f.finding.id, fileName: 'finding.pdf', contentBase64: Buffer.from('%PDF-1.4 not really').toString('base64') });
    await mkdir(path.join(lib.dir, '.cache', 'text'), { recursive: true });
    const text = {
      sha256: attachment.sha256,
      pages: [
        { index: 0, label: 'i', text: 'Contents and preface.' },
        { index: 1, label: 'ii', text: 'The jury heard that the helicopter\u00a0unit was never called.' },
      ],
    };
    await writeFile(path.join(lib.dir, '.cache', 'text', `${attachment.sha256}.json`), JSON.stringify(text));
    await SearchService.for(lib).attachmentTextChanged(attachment.sha256);
    const [hit] = allHits(await search('"helicopter unit"'));
    expect(hit).toMatchObject({ kind: 'attachment', ref: { kind: 'source', id: f.finding.id }, attachment: { id: attachment.id, fileName: 'finding.pdf', page: { index: 1, label: 'ii' }, sourceTitle: 'Inquest finding on the death' } });
    expect(hit.passage!.text).toBe('The jury heard that the helicopter unit was never called.');
    expect(hitIds(await search('helicopter kind:attachment'))).toEqual([f.finding.id]);
    // Removing the attachment removes its text from the results.
    await api['attachments:remove']({ caseId: f.zoe.id, sourceId: f.finding.id, attachmentId: attachment.id });
    expect((await search('helicopter')).total).toBe(0);
  });
});

describe('saved searches', () => {
  it('are kept in the library, changed by id, deleted, and undone', async () => {
    const { api, lib } = await tempLibrary();
    const saved = await api['searches:save']({ name: 'Taser, found', query: 'taser status:found' });
    expect(saved.id).toMatch(/^search_/);
    expect(await api['searches:list']({})).toEqual([saved]);
    const renamed = await api['searches:save']({ id: saved.id, name: 'Taser findings', query: 'taser status:found' });
    expect(renamed.id).toBe(saved.id);
    expect(lib.read.library.savedSearches).toEqual([renamed]);
    await expect(api['searches:save']({ id: 'search_missing', name: 'x', query: 'y' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api['searches:save']({ name: 'Blank', query: '   ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await api['searches:delete']({ id: saved.id });
    expect(await api['searches:list']({})).toEqual([]);
    await api['history:undo']({});
    expect(await api['searches:list']({})).toEqual([renamed]);
    await expect(api['searches:delete']({ id: 'search_missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
