/*
 * The name of the case-file schema a catalogue vouches for (storage/catalogue.ts): the SHA-256 of the schema
 * version and the schema's JSON Schema. Turning the zod schema into JSON Schema costs a fresh process 8–13 ms
 * of CPU at every library open (bench/README.md, "dosscold2"), for a value that only a new build can change: the
 * built CLI (scripts/build-node.js) computes it once at build time and passes it in as a constant; programs built
 * otherwise (the window's build, the tests running the sources) compute it on first use, with the same result.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CaseFile, CURRENT_SCHEMA_VERSION } from '../../shared/domain';

/** Replaced by scripts/build-node.js with the value `fingerprintOfCaseSchema()` had at build time. */
declare const __CASEFOLIO_CASE_SCHEMA_FINGERPRINT__: string | undefined;

/** The fingerprint of a case-file schema at a schema version (exported for the build and the tests). */
export function fingerprintOfCaseSchema(schema: z.ZodType = CaseFile, version: number = CURRENT_SCHEMA_VERSION): string {
  return createHash('sha256')
    .update(`${version}:${JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }))}`)
    .digest('hex');
}

/** The value the build put in, if this program was built with one. */
export function builtInCaseSchemaFingerprint(): string | undefined {
  return typeof __CASEFOLIO_CASE_SCHEMA_FINGERPRINT__ === 'string' ? __CASEFOLIO_CASE_SCHEMA_FINGERPRINT__ : undefined;
}

let fingerprint: string | undefined;

/** Names the case-file schema this program validates against; a catalogue made under another is ignored. */
export function caseSchemaFingerprint(): string {
  fingerprint ??= builtInCaseSchemaFingerprint() ?? fingerprintOfCaseSchema();
  return fingerprint;
}
