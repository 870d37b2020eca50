import { describe, expect, it } from 'vitest';
import { buildDossier, DossierOptionsSchema, batesLabel, type DossierOptions } from '../../../src/core/dossier';
import { isApiError } from '../../../src/shared/errors';
import { AttachmentStore, BUILD_DATE, articleCases, library } from './fixtures';

const store = new AttachmentStore();
const input = { library: library(), cases: articleCases(store).slice(0, 1), readAttachment: store.read };

async function rejection(options: Partial<DossierOptions>, cases = input.cases) {
  try {
    await buildDossier({ ...input, cases }, { title: 'T', buildDate: BUILD_DATE, ...options } as DossierOptions);
  } catch (error) {
    return error;
  }
  throw new Error('expected the build to be refused');
}

describe('dossier options', () => {
  it.each([
    ['an empty title', { title: '  ' }],
    ['a title over 500 characters', { title: 'x'.repeat(501) }],
    ['a date that is not YYYY-MM-DD', { buildDate: '24/11/2025' }],
    ['an impossible date', { buildDate: '2025-02-30' }],
    ['an unknown section', { sections: ['cover', 'appendix'] }],
    ['a section listed twice', { sections: ['cover', 'cover'] }],
    ['no sections', { sections: [] }],
    ['a marking with a line break', { marking: 'DRAFT\nONLY' }],
    ['a Bates prefix with symbols', { bates: { prefix: 'MET<>' } }],
    ['a Bates width of 20 digits', { bates: { prefix: 'MET', digits: 20 } }],
    ['a negative Bates start', { bates: { prefix: 'MET', start: -1 } }],
    ['a citation style that is not shipped', { citationStyle: 'mla' }],
  ])('refuses %s with INVALID_INPUT', async (_label, options) => {
    const error = await rejection(options as Partial<DossierOptions>);
    expect(isApiError(error) && error.code).toBe('INVALID_INPUT');
    expect((error as Error).message).toMatch(/not valid/);
  });

  it('refuses an export with no cases, or with a case listed twice', async () => {
    expect(((await rejection({}, [])) as { code: string }).code).toBe('INVALID_INPUT');
    const twice = await rejection({}, [input.cases[0], input.cases[0]]);
    expect((twice as Error).message).toContain('listed twice');
  });

  it('applies Bates defaults: start 1, six digits, a hyphen after a prefix that lacks a separator', () => {
    const parsed = DossierOptionsSchema.parse({ title: 'T', buildDate: BUILD_DATE, bates: { prefix: 'MET' } });
    expect(parsed.bates).toEqual({ prefix: 'MET', start: 1, digits: 6 });
    expect(batesLabel(parsed.bates!, 122)).toBe('MET-000123');
    expect(batesLabel({ prefix: 'MET_', start: 500, digits: 4 }, 0)).toBe('MET_0500');
  });
});
