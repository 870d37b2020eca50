/*
 * Schema migrations, run on open. Each step takes a file's parsed JSON at version N and returns it at N+1.
 * Before a migrated file is written back, the original is copied beside it (case.json.v<N>.bak), so a
 * migration bug can never cost a user their data.
 */
import { CURRENT_SCHEMA_VERSION } from '../../shared/domain';

export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;
/** Step from version N (the key) to N+1. Version 1 is the first released format, so there are none yet. */
export type MigrationTable = Readonly<Record<number, Migration>>;

export const MIGRATIONS: MigrationTable = {};

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
