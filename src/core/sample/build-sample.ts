/*
 * Builds the sample library a new user is offered: the case files in sample-content.ts, each with the
 * article as its source (the article's text attached as the evidence file), its chronology events and
 * notes citing the article by paragraph. Built through the same services as any user edit, so the
 * sample is validated exactly as user data is.
 */
import { createLibrary, type LibrarySession, type LibrarySessionOptions } from '../library-session';
import { addAttachment } from '../services/attachments';
import { createCase } from '../services/cases';
import { createRecord, EVENT_KIND, NOTE_KIND, SOURCE_KIND } from '../services/records';
import { ARTICLE_FILE_NAME, ARTICLE_TEXT } from './article';
import { SAMPLE_CASES, SAMPLE_LIBRARY_NAME, SAMPLE_SOURCE, SAMPLE_TAGS } from './sample-content';
import { SAMPLE_PEOPLE } from './sample-people';
import { createPerson } from '../services/people/register';

/** Creates the sample library in `dir` and returns it open; its journal records how it was built, like any library's. */
export async function createSampleLibrary(dir: string, options: LibrarySessionOptions = {}): Promise<LibrarySession> {
  const session = await createLibrary(dir, SAMPLE_LIBRARY_NAME, options);
  const { lib } = session;
  try {
    await lib.mutate(
      'Define the sample tags',
      (draft) => {
        draft.library().tags = structuredClone(SAMPLE_TAGS);
      },
      { undoable: false },
    );
    const articleBytes = new TextEncoder().encode(ARTICLE_TEXT);
    const caseIds = new Map<string, string>();
    for (const spec of SAMPLE_CASES) {
      const { events, notes, ...fields } = spec;
      const record = await createCase(lib, fields);
      caseIds.set(spec.slug, record.id);
      const source = await createRecord(lib, SOURCE_KIND, record.id, { ...SAMPLE_SOURCE });
      await addAttachment(lib, record.id, source.id, { fileName: ARTICLE_FILE_NAME, bytes: articleBytes, mediaType: 'text/plain' });
      for (const { pinpoint, ...event } of events) {
        await createRecord(lib, EVENT_KIND, record.id, { ...event, sources: [{ sourceId: source.id, pinpoint }] });
      }
      for (const note of notes) {
        await createRecord(lib, NOTE_KIND, record.id, { ...note, quotations: note.quotations.map((q) => ({ ...q, sourceId: source.id })) });
      }
    }
    for (const { cases, ...person } of SAMPLE_PEOPLE) {
      await createPerson(lib, { ...person, cases: cases.map(({ slug, role }) => ({ caseId: caseIds.get(slug)!, role, eventIds: [], sourceIds: [] })) });
    }
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}
