/* Field values as typed on the command line: pinpoints, authors, source references, maps, lists. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeField, parseFieldValue } from '../../src/cli/fields/field-values';
import { fieldSpecs } from '../../src/cli/fields/record-fields';
import { authorFromText, authorToText } from '../../src/shared/author-text';
import { Author, formatPinpoint, SourceRef } from '../../src/shared/domain';
import { pinpointFromText } from '../../src/shared/pinpoint-text';

describe('pinpoints as people write them', () => {
  it('reads pages, paragraphs, timestamps and sections, and prints them back the same', () => {
    const cases: [string, string, string][] = [
      ['p. 12', 'page', '12'],
      ['pp. 12–14', 'page', '12–14'],
      ['12', 'page', '12'],
      ['iv', 'page', 'iv'],
      ['para. 41', 'paragraph', '41'],
      ['paras 3-5', 'paragraph', '3-5'],
      ['[41]', 'paragraph', '41'],
      ['at 01:02:03', 'timestamp', '01:02:03'],
      ['1:02', 'timestamp', '1:02'],
      ['§ 4.2', 'section', '§ 4.2'],
      ['Part 3', 'section', 'Part 3'],
    ];
    for (const [text, kind, value] of cases) expect(pinpointFromText(text), text).toEqual({ kind, value });
    for (const text of ['p. 12', 'para. 41', 'at 01:02:03']) expect(formatPinpoint(pinpointFromText(text))).toBe(text);
  });
});

describe('authors', () => {
  it('splits “Family, Given” and keeps an organisation whole, both ways', () => {
    expect(authorFromText(' Łukasz, Zoë ')).toEqual({ family: 'Łukasz', given: 'Zoë' });
    expect(authorFromText('Metropolitan Police Service')).toEqual({ literal: 'Metropolitan Police Service' });
    expect(authorFromText('Plato,')).toEqual({ family: 'Plato' });
    for (const text of ['Dodd, Vikram', 'Independent Office for Police Conduct']) expect(authorToText(authorFromText(text))).toBe(text);
  });
});

describe('options from schemas', () => {
  it('derives the option, its value and whether it can be cleared from each field’s schema', () => {
    const source = Object.fromEntries(fieldSpecs('source').map((s) => [s.field, s]));
    expect(source.authors).toMatchObject({ flag: 'author', list: true, shape: { type: 'author' }, required: false });
    expect(source.accessedDate).toMatchObject({ flag: 'accessed-date', shape: { type: 'date' } });
    expect(source.reliability).toMatchObject({ flag: 'reliability', shape: { type: 'choice', options: ['A', 'B', 'C', 'D', 'E', 'F'] } });
    expect(source.title.required).toBe(true);
    expect(Object.fromEntries(fieldSpecs('case').map((s) => [s.field, s.required])).slug).toBe(true);
    expect(fieldSpecs('note').map((s) => s.field)).not.toContain('quotations');
    const refs = fieldSpecs('event').find((s) => s.field === 'sources')!;
    expect(parseFieldValue(refs, ['src_1234 para. 5', 'src_5678'])).toEqual([{ sourceId: 'src_1234', pinpoint: { kind: 'paragraph', value: '5' } }, { sourceId: 'src_5678' }]);
    expect(SourceRef.array().safeParse(parseFieldValue(refs, ['src_1234 p. 2'])).success).toBe(true);
  });

  it('types fields it has never seen: numbers, yes/no, key=value maps, and JSON for nested objects', () => {
    const number = describeField('volume', z.number().int().optional());
    expect(parseFieldValue(number, ['59'])).toBe(59);
    expect(() => parseFieldValue(number, ['5.5'])).toThrow('--volume: “5.5” is not a whole number.');
    expect(parseFieldValue(describeField('peerReviewed', z.boolean().optional()), ['yes'])).toBe(true);
    const extra = describeField('extra', z.record(z.string(), z.string()).optional());
    expect(extra.flag).toBe('extra');
    expect(parseFieldValue(extra, ['note=kept', 'medium=print'])).toEqual({ note: 'kept', medium: 'print' });
    expect(() => parseFieldValue(extra, ['no-equals'])).toThrow('--extra: “no-equals” is not key=value.');
    const editors = describeField('editors', z.array(Author).default([]));
    expect(editors).toMatchObject({ flag: 'editor', list: true, shape: { type: 'author' } });
    const nested = describeField('container', z.object({ title: z.string() }).optional());
    expect(parseFieldValue(nested, ['{"title":"BJC"}'])).toEqual({ title: 'BJC' });
    expect(() => parseFieldValue(nested, ['{title'])).toThrow('--container: “{title” is not JSON.');
    expect(() => parseFieldValue(describeField('title', z.string()), ['a', 'b'])).toThrow('--title: given more than once; it takes one value.');
  });
});
