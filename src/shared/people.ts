/*
 * The people register: everyone a library's cases are about (victims, families, officers, witnesses,
 * officials), kept library-wide in library.json because one person can appear in several cases. A person
 * may be anonymised: then a cipher ("Child Q", "Officer W80") stands for every name and alias in anything
 * published, for a stated reason. The stored schema is lenient about content; the rules that need the
 * whole register (duplicate aliases, a cipher that gives the name away) are checked in core/people.
 */
import { z } from 'zod';
import { RecordId, requiredText, text, Timestamp } from './record-fields';

const singleLine = (max: number, label: string) =>
  requiredText(max, label).refine((s) => !/[\r\n]/.test(s), `${label} must be a single line.`);

/** A name or alias as written: one line of any script. */
export const PersonName = singleLine(300, 'A name');

/** A role word from the library's vocabulary: lower-case letters, digits, spaces, hyphens or apostrophes. */
export const PersonRoleName = z
  .string()
  .max(40, 'A role has at most 40 characters.')
  .regex(/^[\p{Ll}\p{Lo}\p{N}](?:[\p{Ll}\p{Lo}\p{N} '-]*[\p{Ll}\p{Lo}\p{N}])?$/u, 'A role is a lower-case word or phrase such as "witness" or "expert witness".');
export type PersonRoleName = z.infer<typeof PersonRoleName>;

/** The vocabulary a library starts with; a library can replace it (settings.personRoles). */
export const DEFAULT_PERSON_ROLES: readonly PersonRoleName[] = ['victim', 'family', 'officer', 'witness', 'official', 'journalist', 'other'];

export const PersonRoleList = z.array(PersonRoleName).min(1, 'Keep at least one role.').max(50);

export const AnonymityReason = z.enum(['court-order', 'child', 'sexual-offence-complainant', 'own-request', 'other']);
export type AnonymityReason = z.infer<typeof AnonymityReason>;
export const ANONYMITY_REASON_LABELS: Record<AnonymityReason, string> = {
  'court-order': 'Court order',
  child: 'A child',
  'sexual-offence-complainant': 'Sexual-offence complainant',
  'own-request': 'At their own request',
  other: 'Other reason',
};

/** Set when a person must not be named outside the legal team: the cipher used instead, and why. */
export const Anonymity = z.object({
  cipher: singleLine(80, 'A cipher'),
  reason: AnonymityReason,
  /** The order's reference, where a court made one. */
  orderRef: singleLine(200, 'An order reference').optional(),
});
export type Anonymity = z.infer<typeof Anonymity>;

/** A person's part in one case, with the case's events and sources linked to them by hand. */
export const PersonCaseLink = z.object({
  caseId: RecordId,
  role: PersonRoleName,
  eventIds: z.array(RecordId).max(10_000).default([]),
  sourceIds: z.array(RecordId).max(10_000).default([]),
});
export type PersonCaseLink = z.infer<typeof PersonCaseLink>;

export const Person = z.object({
  id: RecordId,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Set when the person is in the trash; cleared on restore. */
  deletedAt: Timestamp.optional(),
  name: PersonName,
  /** Other names and spellings: initials, maiden names, nicknames. */
  aliases: z.array(PersonName).max(100).default([]),
  note: text(20_000).optional(),
  anonymity: Anonymity.optional(),
  cases: z.array(PersonCaseLink).max(1000).default([]),
});
export type Person = z.infer<typeof Person>;

/** Every name a person goes by: the name first, then the aliases. */
export function namesOf(person: Pick<Person, 'name' | 'aliases'>): string[] {
  return [person.name, ...person.aliases];
}
