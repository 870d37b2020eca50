/*
 * Schema migrations, run on open. Each step takes a file's parsed JSON at version N and returns it at N+1.
 * Before a migrated file is written back, the original is copied beside it (case.json.v<N>.bak), so a
 * migration bug can never cost a user their data.
 */
import { CURRENT_SCHEMA_VERSION } from '../../shared/domain';

export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;
/** Step from version N (the key) to N+1. */
export type MigrationTable = Readonly<Record<number, Migration>>;

/**
 * 1 → 2: sources gained bibliographic fields (all optional, so nothing to fill in), and a judgment's court,
 * which version 1 kept in `publisher` (CSL's authority), moved to its own `court` field. library.json has
 * no sources and only changes its version.
 */
function courtOutOfPublisher(data: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(data.sources)) return data;
  const sources = data.sources.map((source: unknown) => {
    if (typeof source !== 'object' || source === null) return source;
    const { publisher, ...rest } = source as Record<string, unknown>;
    if (rest.kind !== 'court-judgment' || typeof publisher !== 'string' || rest.court !== undefined) return source;
    return { ...rest, court: publisher };
  });
  return { ...data, sources };
}

/**
 * 2 → 3: library.json gained the people register, which starts empty. Case files have nothing new and only
 * change their version (their people live in library.json, linked by case id).
 */
function emptyPeopleRegister(data: Record<string, unknown>): Record<string, unknown> {
  if ('case' in data || Array.isArray(data.people)) return data;
  return { ...data, people: [] };
}

export const MIGRATIONS: MigrationTable = { 1: courtOutOfPublisher, 2: emptyPeopleRegister };

export type MigrationOutcome =
  | { kind: 'current'; data: unknown }
  | { kind: 'migrated'; data: unknown; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; reason: string };

export function migrate(raw: unknown, table: MigrationTable = MIGRATIONS, target = CURRENT_SCHEMA_VERSION): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'invalid', reason: 'it is not a JSON object' };
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { kind: 'invalid', reason: 'it has no valid schemaVersion' };
  }
  if (version > target) return { kind: 'newer', version };
  if (version === target) return { kind: 'current', data: raw };
  let data = raw as Record<string, unknown>;
  for (let v = version; v < target; v++) {
    const step = table[v];
    if (!step) return { kind: 'invalid', reason: `there is no migration from schema version ${v}` };
    data = { ...step(data), schemaVersion: v + 1 };
  }
  return { kind: 'migrated', data, from: version };
}
