/*
 * The sample library describes real people and real cases from one article, so these tests hold it to that article:
 * every quotation is verbatim and sits in the paragraph it cites, every quoted phrase in prose is the article's,
 * dates carry the certainty the article supports, and the tag vocabulary is whole.
 * The "checks reject…" tests prove each checker can fail, so a passing run means something.
 */
import { describe, expect, it } from 'vitest';
import { ARTICLE_TEXT } from '../../src/core/sample/article';
import {
  SAMPLE_CASES,
  SAMPLE_LIBRARY_NAME,
  SAMPLE_SOURCE,
  SAMPLE_TAGS,
  type SampleEventSpec,
} from '../../src/core/sample/sample-content';
import { Pinpoint, Slug, TagDefinition, TagPath, Title } from '../../src/shared/domain';
import { PartialDate } from '../../src/shared/partial-date';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Paragraph N (1-based) is the Nth non-empty line of the article, as article.ts defines it. */
const PARAGRAPHS = ARTICLE_TEXT.split('\n').filter((line) => line.trim().length > 0);

function paragraphText(pinpoint: Pinpoint): string | undefined {
  if (pinpoint.kind !== 'paragraph' || !/^[1-9]\d*$/.test(pinpoint.value)) return undefined;
  return PARAGRAPHS[Number(pinpoint.value) - 1];
}

function quoteIsInParagraph(quote: string, pinpoint: Pinpoint): boolean {
  const text = paragraphText(pinpoint);
  return quote.trim().length > 0 && ARTICLE_TEXT.includes(quote) && text !== undefined && text.includes(quote);
}

/** Phrases inside curly double quotes in our own prose: each must be the article's words. */
function quotedPhrases(prose: string): string[] {
  return [...prose.matchAll(/“([^”]*)”/g)].map((m) => m[1]);
}

function unquotedPhrases(prose: string): string[] {
  return quotedPhrases(prose).filter((phrase) => !ARTICLE_TEXT.includes(phrase));
}

/** Problems with an event's date given the paragraph it cites; empty when the date is as the article gives it. */
function eventDateProblems(event: SampleEventSpec): string[] {
  const text = paragraphText(event.pinpoint);
  if (text === undefined) return ['pinpoint names no paragraph of the article'];
  const problems: string[] = [];
  const [year, month, day] = event.date.value.split('-');
  const paragraphHasYear = /\b(19|20)\d{2}\b/.test(text);
  if (!paragraphHasYear && event.date.certainty !== 'inferred') problems.push('the paragraph gives no year, so the year must be inferred');
  if (paragraphHasYear && event.date.certainty === 'inferred') problems.push('the paragraph gives a year, so the year is not inferred');
  if (event.date.certainty === 'exact' && !text.includes(year)) problems.push(`the paragraph does not give the year ${year}`);
  if (event.date.certainty === 'inferred' && year !== '2022') problems.push('an inferred year is the article’s year, 2022');
  if (day && !text.includes(`${Number(day)} ${MONTHS[Number(month) - 1]}`)) problems.push('the paragraph does not give this day');
  if (month && !day && !text.includes(`${MONTHS[Number(month) - 1]} ${year}`)) problems.push('the paragraph does not give this month');
  return problems;
}

const allEvents = SAMPLE_CASES.flatMap((c) => c.events.map((event) => ({ slug: c.slug, event })));
const allNotes = SAMPLE_CASES.flatMap((c) => c.notes.map((note) => ({ slug: c.slug, note })));
const allQuotations = allNotes.flatMap(({ slug, note }) => note.quotations.map((q) => ({ slug, quotation: q })));

/** Every piece of prose we wrote, labelled so a failure says where to look. */
const allProse: Array<{ where: string; text: string }> = [
  { where: 'library name', text: SAMPLE_LIBRARY_NAME },
  { where: 'source title', text: SAMPLE_SOURCE.title },
  { where: 'source description', text: SAMPLE_SOURCE.description },
  ...SAMPLE_TAGS.map((t) => ({ where: `tag ${t.path}`, text: t.description ?? '' })),
  ...SAMPLE_CASES.flatMap((c) => [
    { where: `${c.slug} title`, text: c.title },
    { where: `${c.slug} summary`, text: c.summary },
    { where: `${c.slug} location`, text: c.location ?? '' },
  ]),
  ...allEvents.flatMap(({ slug, event }) => [
    { where: `${slug} event title`, text: event.title },
    { where: `${slug} event description`, text: event.description ?? '' },
  ]),
  ...allNotes.flatMap(({ slug, note }) => [
    { where: `${slug} note title`, text: note.title },
    { where: `${slug} note body`, text: note.body },
  ]),
];

describe('sample content checks', () => {
  it('reject a misquote, a quote cited to the wrong paragraph, and straightened quotation marks', () => {
    const pinpoint9: Pinpoint = { kind: 'paragraph', value: '9' };
    expect(quoteIsInParagraph('This horrific case shone a light on the institutionalised misogyny at large within the force.', pinpoint9)).toBe(true);
    expect(quoteIsInParagraph('This horrific case shone a light on institutionalised misogyny at large within the force.', pinpoint9)).toBe(false);
    expect(quoteIsInParagraph('“lawfully killed”', pinpoint9)).toBe(false);
    expect(quoteIsInParagraph('“lawfully killed”', { kind: 'paragraph', value: '18' })).toBe(true);
    expect(quoteIsInParagraph('"lawfully killed"', { kind: 'paragraph', value: '18' })).toBe(false);
    expect(quoteIsInParagraph('“lawfully killed”', { kind: 'paragraph', value: '999' })).toBe(false);
    expect(quoteIsInParagraph('“lawfully killed”', { kind: 'page', value: '18' })).toBe(false);
    // The article has a no-break space here; a quotation with an ordinary space is not verbatim.
    expect(quoteIsInParagraph('the dead bodies of murdered sisters', { kind: 'paragraph', value: '10' })).toBe(false);
    expect(quoteIsInParagraph('the dead bodies of\u00a0murdered sisters', { kind: 'paragraph', value: '10' })).toBe(true);
  });

  it('reject a quoted phrase the article does not contain', () => {
    expect(unquotedPhrases('The inquiry found he was “lawfully killed” after “missed opportunities”.')).toEqual([]);
    expect(unquotedPhrases('The inquiry found he was “unlawfully killed”.')).toEqual(['unlawfully killed']);
  });

  it('reject dates the article does not support', () => {
    const event = (value: string, certainty: PartialDate['certainty'], paragraph: number): SampleEventSpec => ({
      date: { value, certainty },
      title: 't',
      claimStatus: 'found',
      pinpoint: { kind: 'paragraph', value: String(paragraph) },
      tags: [],
    });
    expect(eventDateProblems(event('2022-07-05', 'inferred', 18))).toEqual([]);
    expect(eventDateProblems(event('2022-07-05', 'exact', 18))).not.toEqual([]); // "On 5 July" has no year
    expect(eventDateProblems(event('2021-07-05', 'inferred', 18))).not.toEqual([]); // the inferred year is 2022
    expect(eventDateProblems(event('2022-07-06', 'inferred', 18))).not.toEqual([]); // wrong day
    expect(eventDateProblems(event('2021-03', 'exact', 9))).toEqual([]);
    expect(eventDateProblems(event('2021-04', 'exact', 9))).not.toEqual([]); // wrong month
    expect(eventDateProblems(event('2021', 'exact', 15))).not.toEqual([]); // paragraph 15 says 2022
    expect(eventDateProblems(event('2022', 'inferred', 14))).not.toEqual([]); // paragraph 14 gives 2021
  });
});

describe('sample library content', () => {
  it('has the cases the design names, each with a unique, valid slug and title', () => {
    const slugs = SAMPLE_CASES.map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toEqual(expect.arrayContaining(['everard', 'child-q', 'baker', 'port']));
    for (const c of SAMPLE_CASES) {
      expect(Slug.safeParse(c.slug).success, c.slug).toBe(true);
      expect(Title.safeParse(c.title).success, c.slug).toBe(true);
      expect(c.summary.trim(), c.slug).not.toBe('');
    }
    expect(Title.safeParse(SAMPLE_LIBRARY_NAME).success).toBe(true);
    expect(Title.safeParse(SAMPLE_SOURCE.title).success).toBe(true);
  });

  it('gives every case at least one dated event and one note with a quotation', () => {
    for (const c of SAMPLE_CASES) {
      expect(c.events.length, c.slug).toBeGreaterThan(0);
      expect(c.notes.length, c.slug).toBeGreaterThan(0);
      expect(c.notes.flatMap((n) => n.quotations).length, c.slug).toBeGreaterThan(0);
    }
  });

  it('quotes the article verbatim, in the paragraph each quotation cites', () => {
    expect(allQuotations.length).toBeGreaterThan(0);
    for (const { slug, quotation } of allQuotations) {
      expect(Pinpoint.safeParse(quotation.pinpoint).success, `${slug}: ${quotation.quote}`).toBe(true);
      expect(quoteIsInParagraph(quotation.quote, quotation.pinpoint), `${slug}: ${quotation.quote}`).toBe(true);
    }
  });

  it('uses only the article’s words inside quotation marks in its own prose', () => {
    for (const { where, text } of allProse) {
      expect(unquotedPhrases(text), where).toEqual([]);
    }
  });

  it('invents no web addresses', () => {
    for (const { where, text } of allProse) expect(text, where).not.toMatch(/https?:|www\./i);
    expect(SAMPLE_SOURCE).not.toHaveProperty('url');
  });

  it('cites an existing paragraph for every event', () => {
    for (const { slug, event } of allEvents) {
      expect(Pinpoint.safeParse(event.pinpoint).success, `${slug}: ${event.title}`).toBe(true);
      expect(paragraphText(event.pinpoint), `${slug}: ${event.title}`).toBeDefined();
      expect(Title.safeParse(event.title).success, `${slug}: ${event.title}`).toBe(true);
    }
  });

  it('dates events as the article dates them, marking supplied years inferred', () => {
    for (const { slug, event } of allEvents) {
      expect(eventDateProblems(event), `${slug}: ${event.title}`).toEqual([]);
    }
  });

  it('uses only valid dates', () => {
    const dates = [
      SAMPLE_SOURCE.publishedDate,
      ...SAMPLE_CASES.flatMap((c) => [c.incidentDate, c.incidentEndDate]),
      ...allEvents.flatMap(({ event }) => [event.date, event.endDate]),
    ].filter((d) => d !== undefined);
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) {
      expect(PartialDate.safeParse(d).success, JSON.stringify(d)).toBe(true);
      if (d.certainty === 'inferred') expect(d.value.startsWith('2022'), JSON.stringify(d)).toBe(true);
    }
  });

  it('defines every tag it uses, and every tag’s parent', () => {
    for (const def of SAMPLE_TAGS) expect(TagDefinition.safeParse(def).success, def.path).toBe(true);
    const defined = new Set(SAMPLE_TAGS.map((t) => t.path));
    expect(defined.size).toBe(SAMPLE_TAGS.length);
    for (const path of defined) {
      const segments = path.split('/');
      for (let i = 1; i < segments.length; i++) {
        expect(defined.has(segments.slice(0, i).join('/')), `parent of ${path}`).toBe(true);
      }
    }
    const used = [
      ...SAMPLE_SOURCE.tags,
      ...SAMPLE_CASES.flatMap((c) => [...c.tags, ...c.events.flatMap((e) => e.tags), ...c.notes.flatMap((n) => n.tags)]),
    ];
    expect(used.length).toBeGreaterThan(0);
    for (const tag of used) {
      expect(TagPath.safeParse(tag).success, tag).toBe(true);
      expect(defined.has(tag), tag).toBe(true);
    }
  });
});
