/* A small library with known content for the search tests: four cases, each record kind, tags, dates, grades. */
import type { Api } from '../../../src/shared/api/client';
import type { SearchHit, SearchResults } from '../../../src/shared/api/search-types';

export async function buildSearchFixture(api: Api) {
  const zoe = await api['cases:create']({
    fields: {
      title: 'Death of Zoë Łukasz',
      slug: 'zoe',
      summary: 'A long account of how the family pressed for answers.\n\nThe inquest sat for three weeks.',
      incidentDate: { value: '2021-03' },
      tags: ['theme/misogyny'],
      location: 'Brixton, London',
    },
  });
  const finding = await api['sources:create']({
    caseId: zoe.id,
    fields: {
      title: 'Inquest finding on the death',
      kind: 'inquiry-finding',
      reliability: 'A',
      publisher: 'Coroner’s Court',
      publishedDate: { value: '2022-06-28' },
      description: 'The coroner spoke of the murdered\u00a0sisters and of the force’s failings.',
      tags: ['process/inquest'],
    },
  });
  const note = await api['notes:create']({
    caseId: zoe.id,
    fields: {
      title: 'Notes on custody',
      body: 'Officers restrained him on the floor. The taser was used twice, according to the footage.',
      quotations: [{ sourceId: finding.id, quote: 'special measures were imposed on the force' }],
      tags: ['review/todo'],
    },
  });
  const arrest = await api['events:create']({
    caseId: zoe.id,
    fields: { date: { value: '2021-03-05' }, title: 'Arrest at the station', claimStatus: 'found', tags: ['theme/use-of-force/taser'] },
  });

  const childQ = await api['cases:create']({
    fields: { title: 'Strip search of Child Q', slug: 'child-q', status: 'closed', summary: 'Searched at school without an appropriate adult.', tags: ['theme/racism/strip-search'] },
  });
  const review = await api['sources:create']({
    caseId: childQ.id,
    fields: { title: 'Safeguarding review', kind: 'official-report', reliability: 'C', publishedDate: { value: '2022' }, tags: ['themes/other'] },
  });
  const school = await api['events:create']({ caseId: childQ.id, fields: { date: { value: '2020' }, title: 'Search at school', claimStatus: 'alleged' } });

  const custody = await api['cases:create']({
    fields: { title: 'Inquest into a death in custody', slug: 'custody-death', status: 'archived', summary: 'The jury returned a narrative conclusion.' },
  });
  const taserCase = await api['cases:create']({ fields: { title: 'Taser review', slug: 'taser-review', summary: 'How often was it drawn?' } });
  return { zoe, finding, note, arrest, childQ, review, school, custody, taserCase };
}

export type Fixture = Awaited<ReturnType<typeof buildSearchFixture>>;

export function allHits(results: SearchResults): SearchHit[] {
  return results.hits ?? results.groups.flatMap((g) => g.hits);
}

export function hitIds(results: SearchResults): string[] {
  return allHits(results)
    .map((h) => h.ref.id)
    .sort();
}
