/*
 * OSCOLA checked against the shapes of the OSCOLA guide's (4th edition) own examples: the facts of each example
 * (parties, years, reports, pages) are entered as a user would, and the citation must come out in OSCOLA's form.
 */
import { describe, expect, it } from 'vitest';
import { formatCitation } from '../../../src/core/interchange/citations';
import { SourceRecord } from '../../../src/shared/domain';
import { casefolio } from '../../helpers/cli';
import { tempLibrary } from '../../helpers/temp-library';

let n = 0;
const record = (fields: Record<string, unknown>) =>
  SourceRecord.parse({ id: `src_${String(++n).padStart(4, '0')}`, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...fields });

const JOURNAL = record({
  kind: 'journal-article',
  title: 'In Defence of Due Deference',
  authors: [{ family: 'Young', given: 'Alison L' }],
  containerTitle: 'Modern Law Review',
  containerTitleShort: 'MLR',
  volume: '72',
  issue: '4',
  pages: '554-580',
  publishedDate: { value: '2009' },
});
const CORR = record({ kind: 'court-judgment', title: 'Corr v IBC Vehicles Ltd', neutralCitation: '[2008] UKHL 13', reporter: 'AC', volume: '1', pages: '884', court: 'House of Lords', publishedDate: { value: '2008' } });
const PAGE = record({ kind: 'court-judgment', title: 'Page v Smith', reporter: 'AC', pages: '155', court: 'HL', publishedDate: { value: '1996' } });
const HRA = record({ kind: 'legislation', title: 'Human Rights Act 1998' });
const SI = record({ kind: 'legislation', title: 'Penalties for Disorderly Behaviour (Amendment of Minimum Age) Order', number: 'SI 2004/3166', publishedDate: { value: '2004' } });
const HANSARD = record({ kind: 'hansard', title: 'Debate on the Scotland Bill', containerTitle: 'HC Deb', publishedDate: { value: '1977-02-03' }, volume: '925', pages: '973-976' });
const MACPHERSON = record({ kind: 'official-report', title: 'The Stephen Lawrence Inquiry', authors: [{ family: 'Macpherson', given: 'William' }], publisher: 'Home Office', number: 'Cm 4262-I', publishedDate: { value: '1999-02' } });

describe('OSCOLA', () => {
  it('cites a journal article as “(2019) 59 BJC 1123”: year in round brackets, volume, the journal’s abbreviation, first page, then the pinpoint', () => {
    expect(formatCitation(JOURNAL, 'oscola', { mode: 'note' })).toBe('Alison L Young, ‘In Defence of Due Deference’ (2009) 72 MLR 554.');
    expect(formatCitation(JOURNAL, 'oscola', { mode: 'note', pinpoint: { kind: 'page', value: '560' } })).toBe('Alison L Young, ‘In Defence of Due Deference’ (2009) 72 MLR 554, 560.');
    expect(formatCitation(JOURNAL, 'oscola')).toBe('Young AL, ‘In Defence of Due Deference’ (2009) 72 MLR 554');
    // Without an abbreviation the journal's name stands in its place, never as a "publisher" in brackets.
    expect(formatCitation({ ...JOURNAL, containerTitleShort: undefined }, 'oscola', { mode: 'note' })).toBe('Alison L Young, ‘In Defence of Due Deference’ (2009) 72 Modern Law Review 554.');
  });

  it('cites a case by its neutral citation first, then the law report; a paragraph pinpoint in square brackets', () => {
    expect(formatCitation(CORR, 'oscola')).toBe('Corr v IBC Vehicles Ltd [2008] UKHL 13, [2008] 1 AC 884');
    expect(formatCitation(CORR, 'oscola', { mode: 'note', pinpoint: { kind: 'paragraph', value: '31' } })).toBe('Corr v IBC Vehicles Ltd [2008] UKHL 13, [2008] 1 AC 884 [31].');
    expect(formatCitation(CORR, 'oscola', { mode: 'note', format: 'html' })).toBe('<i>Corr v IBC Vehicles Ltd</i> [2008] UKHL 13, [2008] 1 AC 884.');
  });

  it('names the court in brackets only for a case with no neutral citation, the page pinpoint after it', () => {
    expect(formatCitation(PAGE, 'oscola')).toBe('Page v Smith [1996] AC 155 (HL)');
    expect(formatCitation(PAGE, 'oscola', { mode: 'note', pinpoint: { kind: 'page', value: '158' } })).toBe('Page v Smith [1996] AC 155 (HL) 158.');
  });

  it('cites legislation by short title and year, pinpointed by section; a statutory instrument with its number', () => {
    expect(formatCitation(HRA, 'oscola', { mode: 'note', pinpoint: { kind: 'section', value: '15(1)(b)' } })).toBe('Human Rights Act 1998, s 15(1)(b).');
    expect(formatCitation(SI, 'oscola')).toBe('Penalties for Disorderly Behaviour (Amendment of Minimum Age) Order 2004, SI 2004/3166');
  });

  it('cites Hansard as house, date, volume and column', () => {
    expect(formatCitation(HANSARD, 'oscola')).toBe('HC Deb 3 February 1977, vol 925, cols 973–976');
    expect(formatCitation(HANSARD, 'oscola', { mode: 'note', pinpoint: { kind: 'page', value: '973W' } })).toBe('HC Deb 3 February 1977, vol 925, col 973W.');
  });

  it('cites a command paper with its number and year in brackets, the title in italics, a paragraph pinpoint as “para”', () => {
    expect(formatCitation(MACPHERSON, 'oscola', { mode: 'note', pinpoint: { kind: 'paragraph', value: '46.1' } })).toBe('William Macpherson, The Stephen Lawrence Inquiry (Cm 4262-I, 1999) para 46.1.');
    expect(formatCitation(MACPHERSON, 'oscola', { format: 'html' })).toBe('Macpherson W, <i>The Stephen Lawrence Inquiry</i> (Cm 4262-I, 1999)');
    expect(formatCitation({ ...MACPHERSON, number: undefined }, 'oscola')).toBe('Macpherson W, The Stephen Lawrence Inquiry (Home Office 1999)');
  });
});

describe('casefolio cite', () => {
  it('prints the pinpoint with --note --page, and ibid for the same source cited twice in a row', async () => {
    const { api, dir } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Duty of care', slug: 'duty' } });
    const { id: _id, createdAt: _c, updatedAt: _u, attachments: _a, ...articleFields } = JOURNAL;
    const { id: _id2, createdAt: _c2, updatedAt: _u2, attachments: _a2, ...caseFields } = CORR;
    const article = await api['sources:create']({ caseId: c.id, fields: articleFields });
    const judgment = await api['sources:create']({ caseId: c.id, fields: caseFields });
    const page = await casefolio(['cite', 'duty', '--note', '--page', '560', '--library', dir]);
    expect(page.stdout.trim().split('\n')).toEqual(['Alison L Young, ‘In Defence of Due Deference’ (2009) 72 MLR 554, 560.', 'Corr v IBC Vehicles Ltd [2008] UKHL 13, [2008] 1 AC 884, 560.']);
    const para = await casefolio(['cite', 'duty', '--note', '--para', '31', '--source', judgment.id, '--source', judgment.id, '--source', article.id, '--library', dir]);
    expect(para.stdout.trim().split('\n')).toEqual(['Corr v IBC Vehicles Ltd [2008] UKHL 13, [2008] 1 AC 884 [31].', 'ibid [31].', 'Alison L Young, ‘In Defence of Due Deference’ (2009) 72 MLR 554, para 31.']);
    const wrong = await casefolio(['cite', 'duty', '--page', '3', '--library', dir]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/add --note/);
  });
});
