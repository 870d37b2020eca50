/* The digest kept with each save, worked out from the records a save reached, against one made from scratch. */
import { describe, expect, it } from 'vitest';
import { digestAfter, digestOf, type CaseDigest } from '../../src/core/storage/catalogue';
import type { CaseFile } from '../../src/shared/domain';

const normalised = (d: CaseDigest) => ({ ...d, tagCounts: [...d.tagCounts].sort((a, b) => a[0].localeCompare(b[0])) });

describe('digestAfter', () => {
  it('gives the counts, attachments and tag counts digestOf gives, over random edits that share unchanged records', () => {
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const tags = ['a', 'b', 'c/d', 'e'];
    const pick = () => tags.filter(() => random(3) === 0);
    let n = 0;
    const record = (): { id: string; tags: string[]; deletedAt?: string; attachments: { sha256: string }[] } => ({
      id: `r${n++}`,
      tags: pick(),
      attachments: random(2) ? [{ sha256: `${n}`.padStart(64, '0') }] : [],
    });
    let file = { schemaVersion: 3, case: { id: 'case_1', slug: 's', title: 'T', summary: 'x', tags: pick() }, sources: [record(), record()], notes: [record()], events: [] } as unknown as CaseFile;
    let digest = digestOf(file);
    for (let step = 0; step < 400; step++) {
      const key = (['sources', 'notes', 'events'] as const)[random(3)];
      const list = [...(file[key] as unknown as ReturnType<typeof record>[])];
      const i = random(list.length + 1);
      const action = random(5);
      if (action === 0 || i === list.length) list.push(record());
      else if (action === 1) list.splice(i, 1);
      else if (action === 2) list[i] = { ...list[i], deletedAt: list[i].deletedAt ? undefined : '2026-01-01T00:00:00.000Z' };
      else if (action === 3) list[i] = { ...list[i], tags: pick(), attachments: random(2) ? [] : [{ sha256: 'f'.repeat(64) }] };
      else list.unshift(list.splice(i, 1)[0]);
      const next = { ...file, [key]: list } as CaseFile;
      if (random(10) === 0) next.case = { ...file.case, tags: pick() };
      digest = digestAfter(digest, file, next);
      file = next;
      expect(normalised(digest)).toEqual(normalised(digestOf(file)));
    }
  });
});
