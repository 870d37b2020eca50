/*
 * What a caller may send to add or change a person, and what the register's calls return. Inputs are
 * strict like every other record's (shared/api/inputs.ts): an unknown key is an error.
 */
import { z } from 'zod';
import { Person, PersonCaseLink } from '../people';
import type { RecordKind } from '../domain';
import { patchOf } from './inputs';

/** A person named by id or by one of their names, as people type them. */
export const PersonKey = z.string().trim().min(1, 'Name a person by id or name.').max(300);

/** A case link as given: the case by id or slug (resolved to its id before it is stored). */
export const PersonCaseInput = PersonCaseLink.extend({ caseId: z.string().min(1).max(64) }).strict();

const PersonFieldsShape = Person.omit({ id: true, createdAt: true, updatedAt: true, deletedAt: true })
  .extend({ cases: z.array(PersonCaseInput).max(1000).default([]) })
  .strict();
export const PersonFields = PersonFieldsShape;
export type PersonFields = z.input<typeof PersonFields>;
export const PersonPatch = patchOf(PersonFieldsShape);
export type PersonPatch = z.output<typeof PersonPatch>;

/** Where a person's name was found. */
export type MentionField = 'title' | 'summary' | 'description' | 'body' | 'quotation' | 'text';

export interface PersonMention {
  caseId: string;
  caseTitle: string;
  /** The record that holds the text; for attachment text, the source. */
  kind: RecordKind;
  recordId: string;
  recordTitle: string;
  field: MentionField;
  /** For a quotation: its id within the note. */
  quotationId?: string;
  /** For attachment text: the attachment, its file name and the page (index and printed label). */
  attachmentId?: string;
  fileName?: string;
  page?: number;
  pageLabel?: string;
  /** The name or alias that matched, as written in the register. */
  name: string;
  /** A stretch of text around the occurrence, and where in it the occurrence is. */
  excerpt: string;
  highlight: { start: number; end: number };
}

export interface PersonDetails {
  person: Person;
  /** Titles of the cases the person is linked to, by id. */
  caseTitles: Record<string, string>;
  mentions: PersonMention[];
  /** True when there were more mentions than are returned. */
  mentionsTruncated: boolean;
  /** Attachments whose text has not been extracted yet, so could not be searched for the names. */
  unreadAttachments: number;
}
