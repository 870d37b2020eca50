/*
 * The people register: adding, changing, trashing and restoring people, and linking them to cases (with a
 * role), events and sources. Kept in library.json; every change goes through lib.mutate, so it is
 * validated, undoable and journalled like any other.
 */
import type { PersonFields, PersonPatch } from '../../../shared/api/people-inputs';
import { ApiError } from '../../../shared/errors';
import { foldName } from '../../../shared/name-matcher';
import { namesOf, Person, type PersonCaseLink } from '../../../shared/people';
import type { CaseLibrary } from '../../case-library';
import { applyPatch } from '../shared';
import { checkNames, personRoles, resolveCaseLinks } from './rules';

const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });

/** People in the register, by name; optionally only those linked to one case, or those in the trash too. */
export function listPeople(lib: CaseLibrary, options: { caseId?: string; includeDeleted?: boolean } = {}): Person[] {
  const caseId = options.caseId === undefined ? undefined : lib.requireCase(options.caseId).case.id;
  return lib.read.library.people
    .filter((p) => options.includeDeleted || !p.deletedAt)
    .filter((p) => caseId === undefined || p.cases.some((c) => c.caseId === caseId))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * A person by id, else by a name, alias or cipher (any case or accents). A name two people share is
 * refused with both ids, so the caller can say which.
 */
export function findPerson(lib: CaseLibrary, key: string, options: { includeDeleted?: boolean } = {}): Person {
  const people = lib.read.library.people.filter((p) => options.includeDeleted || !p.deletedAt);
  const byId = people.find((p) => p.id === key);
  if (byId) return byId;
  const folded = foldName(key).replace(/\s+/g, ' ');
  const same = (name: string) => foldName(name).replace(/\s+/g, ' ') === folded;
  const named = people.filter((p) => namesOf(p).some(same) || (p.anonymity && same(p.anonymity.cipher)));
  if (named.length === 1) return named[0];
  if (named.length > 1) {
    throw new ApiError('CONFLICT', `${named.length} people are called “${key}” (${named.map((p) => p.id).join(', ')}): name one by its id.`);
  }
  throw new ApiError('NOT_FOUND', `No one called “${key}” is in the people register. List people with "casefolio people".`);
}

function requireLive(lib: CaseLibrary, key: string): Person {
  return findPerson(lib, key);
}

export async function createPerson(lib: CaseLibrary, fields: PersonFields): Promise<Person> {
  const roles = personRoles(lib.read.library);
  const draftPerson = Person.parse({ ...fields, id: 'person_draft', createdAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z', cases: [] });
  checkNames(draftPerson);
  const cases = resolveCaseLinks(lib, Person.shape.cases.parse(fields.cases ?? []), roles);
  return lib.mutate(
    (p: Person) => `Add person “${p.anonymity?.cipher ?? p.name}”`,
    (draft) => {
      const person = Person.parse({ ...draftPerson, cases, id: lib.newId('person'), createdAt: draft.now, updatedAt: draft.now });
      draft.library().people.push(person);
      return person;
    },
  );
}

/** Labels name a person by their cipher when they have one, so the journal never spells out a protected name. */
const label = (p: Person) => p.anonymity?.cipher ?? p.name;

export async function updatePerson(lib: CaseLibrary, key: string, patch: PersonPatch): Promise<Person> {
  const current = requireLive(lib, key);
  const { cases: casesPatch, ...rest } = patch;
  const next = applyPatch(current, rest, current.updatedAt);
  if (casesPatch !== undefined) next.cases = resolveCaseLinks(lib, Person.shape.cases.parse(casesPatch ?? []), personRoles(lib.read.library), current.cases);
  const parsed = Person.safeParse(next);
  if (!parsed.success) throw new ApiError('INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' '));
  checkNames(parsed.data);
  return replacePerson(lib, `Edit person “${label(current)}”`, parsed.data);
}

/** Writes a changed person back in place, stamped now. */
function replacePerson(lib: CaseLibrary, text: string, person: Person): Promise<Person> {
  return lib.mutate(text, (draft) => {
    const people = draft.library().people;
    const index = people.findIndex((p) => p.id === person.id);
    if (index < 0) throw new ApiError('NOT_FOUND', `The person ${person.id} is no longer in the register.`);
    const stamped = { ...person, updatedAt: draft.now };
    people[index] = stamped;
    return stamped;
  });
}

export async function deletePerson(lib: CaseLibrary, key: string): Promise<void> {
  const current = requireLive(lib, key);
  await lib.mutate(`Delete person “${label(current)}”`, (draft) => {
    const person = draft.library().people.find((p) => p.id === current.id)!;
    person.deletedAt = draft.now;
    person.updatedAt = draft.now;
  });
}

export async function restorePerson(lib: CaseLibrary, key: string): Promise<Person> {
  const current = findPerson(lib, key, { includeDeleted: true });
  if (!current.deletedAt) return Promise.reject(new ApiError('CONFLICT', `“${label(current)}” is not in the trash.`));
  const { deletedAt: _restored, ...rest } = current;
  return replacePerson(lib, `Restore person “${label(current)}”`, rest);
}

export interface LinkRequest {
  caseId: string;
  /** The person's role in the case; needed when they are not yet linked to it. */
  role?: string;
  eventIds?: string[];
  sourceIds?: string[];
}

/** Links a person to a case (or changes their role there) and to some of its events and sources. */
export async function linkPerson(lib: CaseLibrary, key: string, request: LinkRequest): Promise<Person> {
  const current = requireLive(lib, key);
  const caseId = lib.requireCase(request.caseId).case.id;
  const existing = current.cases.find((c) => c.caseId === caseId);
  const role = request.role ?? existing?.role;
  if (!role) throw new ApiError('INVALID_INPUT', `Give “${label(current)}” a role in this case (${personRoles(lib.read.library).join(', ')}).`);
  const merged: PersonCaseLink = {
    caseId,
    role,
    eventIds: [...(existing?.eventIds ?? []), ...(request.eventIds ?? [])],
    sourceIds: [...(existing?.sourceIds ?? []), ...(request.sourceIds ?? [])],
  };
  const cases = [...current.cases.filter((c) => c.caseId !== caseId), merged];
  const next = { ...current, cases: resolveCaseLinks(lib, cases, personRoles(lib.read.library), current.cases) };
  return replacePerson(lib, `Link person “${label(current)}” to case “${lib.requireCase(caseId).case.title}”`, next);
}

/** Takes events and sources off a person's links in a case; with none named, takes the person off the case. */
export async function unlinkPerson(lib: CaseLibrary, key: string, request: Omit<LinkRequest, 'role'>): Promise<Person> {
  const current = requireLive(lib, key);
  const caseId = lib.requireCase(request.caseId, { includeDeleted: true }).case.id;
  const existing = current.cases.find((c) => c.caseId === caseId);
  if (!existing) return Promise.reject(new ApiError('NOT_FOUND', `“${label(current)}” is not linked to that case.`));
  const wholeCase = !request.eventIds?.length && !request.sourceIds?.length;
  const drop = (ids: string[], gone: string[] | undefined) => ids.filter((id) => !gone?.includes(id));
  const cases = wholeCase
    ? current.cases.filter((c) => c.caseId !== caseId)
    : current.cases.map((c) => (c.caseId === caseId ? { ...c, eventIds: drop(c.eventIds, request.eventIds), sourceIds: drop(c.sourceIds, request.sourceIds) } : c));
  return replacePerson(lib, `Unlink person “${label(current)}”`, { ...current, cases });
}
