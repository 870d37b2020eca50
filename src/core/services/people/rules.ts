/*
 * The people register's rules that need more than one field: every name distinct within a person, a
 * cipher that does not give the name away, roles from the library's vocabulary, and case, event and source
 * links that point at records that exist. Each refusal is an ApiError a person can act on.
 */
import { DEFAULT_PERSON_ROLES, namesOf, type Person, type PersonCaseLink } from '../../../shared/people';
import { ApiError } from '../../../shared/errors';
import type { LibraryFile } from '../../../shared/domain';
import { findNameOccurrences, foldName } from '../../../shared/name-matcher';
import type { PersonCaseInput } from '../../../shared/api/people-inputs';
import type { z } from 'zod';
import type { CaseLibrary } from '../../case-library';

/** The roles people can have in a case: the library's own list, or the default vocabulary. */
export function personRoles(library: Pick<LibraryFile, 'settings'>): readonly string[] {
  return library.settings.personRoles ?? DEFAULT_PERSON_ROLES;
}

/** Refuses names that repeat (whatever their case or accents) and a cipher containing any of the names. */
export function checkNames(person: Pick<Person, 'name' | 'aliases' | 'anonymity'>): void {
  const seen = new Map<string, string>();
  for (const name of namesOf(person)) {
    const folded = foldName(name).replace(/\s+/g, ' ');
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      throw new ApiError('INVALID_INPUT', `“${name}” is given twice (as “${earlier}” too): each name and alias is listed once.`);
    }
    seen.set(folded, name);
  }
  const cipher = person.anonymity?.cipher;
  if (cipher) {
    // A whole name, or one word of one (a surname alone gives a person away), but not a title such as "Mrs".
    const words = namesOf(person).flatMap((n) => n.split(/\s+/)).filter((w) => w.replace(/\P{L}/gu, '').length >= 3 && !TITLES.has(foldName(w).replace(/\./g, '')));
    const leak = findNameOccurrences(cipher, [...namesOf(person), ...words])[0];
    if (leak) throw new ApiError('INVALID_INPUT', `The cipher “${cipher}” contains “${leak.name}”, part of a name it is meant to hide. Choose a cipher such as “Person A”.`);
  }
}

/** Words that come before a name without being part of it, so a cipher may share them ("Officer W80"). */
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'rev', 'officer', 'constable', 'sergeant', 'sgt', 'inspector', 'insp', 'detective', 'chief', 'superintendent', 'supt', 'child', 'witness', 'person']);

/**
 * Checks each case link and returns them with cases named by id (a slug is accepted on the way in). A link
 * the person already has, unchanged, is kept without checks: a case, event or source moved to the trash
 * since must not stop the person from being edited.
 */
export function resolveCaseLinks(lib: CaseLibrary, links: readonly z.output<typeof PersonCaseInput>[], roles: readonly string[], current: readonly PersonCaseLink[] = []): PersonCaseLink[] {
  const resolved: PersonCaseLink[] = [];
  const unchanged = new Set(current.map((l) => JSON.stringify(l)));
  for (const link of links) {
    if (unchanged.has(JSON.stringify({ caseId: link.caseId, role: link.role, eventIds: link.eventIds, sourceIds: link.sourceIds }))) {
      resolved.push(link);
      continue;
    }
    const file = lib.requireCase(link.caseId);
    const caseId = file.case.id;
    if (resolved.some((l) => l.caseId === caseId)) throw new ApiError('INVALID_INPUT', `The case “${file.case.title}” is listed twice; a person has one role per case.`);
    if (!roles.includes(link.role)) throw new ApiError('INVALID_INPUT', `“${link.role}” is not a role in this library. Use one of: ${roles.join(', ')}.`);
    const live = <T extends { id: string; deletedAt?: string }>(records: T[]) => new Set(records.filter((r) => !r.deletedAt).map((r) => r.id));
    const events = live(file.events);
    const sources = live(file.sources);
    const missingEvent = link.eventIds.find((id) => !events.has(id));
    if (missingEvent) throw new ApiError('NOT_FOUND', `The case “${file.case.title}” has no event ${missingEvent}.`);
    const missingSource = link.sourceIds.find((id) => !sources.has(id));
    if (missingSource) throw new ApiError('NOT_FOUND', `The case “${file.case.title}” has no source ${missingSource}.`);
    resolved.push({ caseId, role: link.role, eventIds: [...new Set(link.eventIds)], sourceIds: [...new Set(link.sourceIds)] });
  }
  return resolved;
}
