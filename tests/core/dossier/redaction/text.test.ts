/* Replacing names in the dossier's data: every text field walked, identifiers left alone, each change logged. */
import { describe, expect, it } from 'vitest';
import { RedactionLog } from '../../../../src/core/dossier/redaction/log';
import { textRedactor } from '../../../../src/core/dossier/redaction/redact-text';
import type { RedactionRule } from '../../../../src/core/dossier/redaction/rules';

const rules: RedactionRule[] = [
  { personId: 'person_a', names: ['Amara Okafor', 'Amy'], cipher: 'Person A' },
  { personId: 'person_b', names: ['Zoë Brown'], cipher: 'Officer W80' },
];

describe('the text redactor', () => {
  it('replaces names across case, diacritics and line breaks, the longer name first, and logs each by person and place', () => {
    const log = new RedactionLog();
    const { text } = textRedactor(rules, log);
    expect(text('AMARA\nOKAFOR met zoe brown; Amy waited. Amyas did not.', 'note')).toBe('Person A met Officer W80; Person A waited. Amyas did not.');
    expect(log.entries.map((e) => [e.personId, e.found, e.name, e.place])).toEqual([
      ['person_a', 'AMARA\nOKAFOR', 'Amara Okafor', 'note'],
      ['person_b', 'zoe brown', 'Zoë Brown', 'note'],
      ['person_a', 'Amy', 'Amy', 'note'],
    ]);
  });

  it('finds a name joined by hyphens, underscores or dots and joins the cipher the same way', () => {
    const { text } = textRedactor(rules, new RedactionLog());
    expect(text('https://example.org/amara-okafor-case and amara_okafor.pdf and amara.okafor@example.org', 'url')).toBe(
      'https://example.org/Person-A-case and Person_A.pdf and Person.A@example.org',
    );
  });

  it('walks every text field of a record but leaves identifiers, fingerprints and types alone', () => {
    const log = new RedactionLog();
    const { deep } = textRedactor(rules, log);
    const record = { id: 'Amy', sourceId: 'Amy', sha256: 'Amy', mediaType: 'text/plain', title: 'Amy', attachments: [{ fileName: 'amy.txt' }], count: 3 };
    expect(deep(record, 'case x')).toEqual({ id: 'Amy', sourceId: 'Amy', sha256: 'Amy', mediaType: 'text/plain', title: 'Person A', attachments: [{ fileName: 'Person A.txt' }], count: 3 });
    expect(log.entries.map((e) => e.place)).toEqual(['case x › title', 'case x › attachments[0] › fileName']);
  });

  it('leaves a match in place only when a test hook says so', () => {
    const { text } = textRedactor(rules, new RedactionLog(), { keep: (m) => m.found === 'Amy' });
    expect(text('Amy and Amara Okafor', 'note')).toBe('Amy and Person A');
  });
});
