/*
 * The people the sample library's article names, with the role each has in a sample case and a note that
 * says only what the article says. Held to the article like the rest of the sample (tests/core/sample-
 * content.test.ts): every name occurs in it, and words in curly quotes are its words.
 *
 * What is deliberately not here: no anonymity settings or court orders (the article reports none; "Child
 * Q" is the only name the article gives her, so it is recorded as her name, not as a cipher for another),
 * no aliases the article does not use, and no one the article does not name (the tasered social worker,
 * the four men whose deaths the Port inquests examined).
 */
import type { PersonRoleName } from '../../shared/people';

export interface SamplePersonSpec {
  name: string;
  note: string;
  cases: { slug: string; role: PersonRoleName }[];
}

export const SAMPLE_PEOPLE: SamplePersonSpec[] = [
  {
    name: 'Sarah Everard',
    note: 'The article reports “the rape and murder of Sarah Everard by serving police officer Wayne Couzens” in March 2021.',
    cases: [{ slug: 'everard', role: 'victim' }],
  },
  {
    name: 'Wayne Couzens',
    note: 'Described in the article as a “serving police officer” when he raped and murdered Sarah Everard.',
    cases: [{ slug: 'everard', role: 'officer' }],
  },
  {
    name: 'Bibaa Henry',
    note: 'One of the “murdered sisters” with whose dead bodies, the article reports, Met police officers shared selfies.',
    cases: [{ slug: 'henry-smallman', role: 'victim' }],
  },
  {
    name: 'Nicole Smallman',
    note: 'One of the “murdered sisters” with whose dead bodies, the article reports, Met police officers shared selfies.',
    cases: [{ slug: 'henry-smallman', role: 'victim' }],
  },
  {
    name: 'Child Q',
    note: 'The only name the article gives her. It cites her among the Met’s “shameful strip searches of children”.',
    cases: [{ slug: 'child-q', role: 'victim' }],
  },
  {
    name: 'Olivia',
    note: 'Named by the article with Child Q as an example of the Met’s “shameful strip searches of children”; it gives no other name and no detail of her case.',
    cases: [{ slug: 'child-q', role: 'other' }],
  },
  {
    name: 'Stephen Port',
    note: 'The article reports “the 2021 inquests into the murders of four young gay and bisexual men by\u00a0Stephen Port”.',
    cases: [{ slug: 'port', role: 'other' }],
  },
  {
    name: 'Jermaine Baker',
    note: 'The article reports that the public inquiry into his death concluded that a Met police officer “lawfully killed” him, and calls him “the unarmed man”.',
    cases: [{ slug: 'baker', role: 'victim' }],
  },
  {
    name: 'Richard Okorogheye',
    note: 'The article reports that the IOPC revealed the force’s “unacceptable” handling of the 19-year-old’s disappearance.',
    cases: [{ slug: 'okorogheye', role: 'other' }],
  },
];
