import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, contract } from '../../src/shared/api/contract';
import { dispatch } from '../../src/shared/api/dispatch';
import { tempLibrary } from '../helpers/temp-library';

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(d: string) {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.name !== '.casefolio.lock') out.set(path.relative(dir, p), (await readFile(p)).toString('base64') + (await stat(p)).size);
    }
  }
  await walk(dir);
  return out;
}

/** Keys each call's input declares, so the fuzzer can put wrong values under the right names too. */
function declaredKeys(name: (typeof CALL_NAMES)[number]): string[] {
  const schema = contract[name].input as unknown as { shape?: Record<string, unknown> };
  return Object.keys(schema.shape ?? {});
}

const hostile = fc.oneof(
  fc.anything(),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '\u0000', '\u202e', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '../../etc/passwd', '<script>alert(1)</script>'),
  fc.constantFrom('x'.repeat(70_000), 'é'.repeat(1_100_000), Array.from({ length: 20_000 }, () => ({ a: 1 }))),
  fc.array(fc.integer(), { minLength: 1, maxLength: 5 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
);

// 100,000 malformed payloads in all, spread over every call. FUZZ_PAYLOADS lowers it for a quick local run.
const PAYLOADS = Number(process.env.FUZZ_PAYLOADS ?? 100_000);

describe('the contract under malformed input', () => {
  it(`answers ${PAYLOADS.toLocaleString('en-GB')} malformed payloads with INVALID_INPUT, never throws, and leaves the library unchanged`, async () => {
    const { dir, lib, handlers, api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Existing', tags: ['theme/a'] } });
    await api['sources:create']({ caseId: c.id, fields: { title: 'Source' } });
    await lib.settled(); // what follows the last save's acknowledgement (journal line, rolling backup) is on disk
    const before = await snapshot(dir);
    let answered = 0;
    for (const name of CALL_NAMES) {
      const keys = declaredKeys(name);
      const payload = fc.oneof(
        hostile,
        keys.length ? fc.dictionary(fc.constantFrom(...keys), hostile, { minKeys: 1 }) : hostile,
        fc.record({ unexpectedKey: hostile }),
      );
      await fc.assert(
        fc.asyncProperty(payload, async (input) => {
          fc.pre(!contract[name].input.safeParse(input).success);
          const result = await dispatch(handlers, name, input);
          answered++;
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
        }),
        { numRuns: Math.ceil(PAYLOADS / CALL_NAMES.length), seed: 20261124 },
      );
    }
    // fc.pre skips the rare generated payload that happens to be valid; nearly all must have been sent.
    expect(answered).toBeGreaterThan(PAYLOADS * 0.9);
    expect(await snapshot(dir)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);

  it('answers an unknown call name as invalid input', async () => {
    const { handlers } = await tempLibrary();
    expect(await dispatch(handlers, 'cases:explode', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch(handlers, 'toString', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('gives a message that names the field and what is wrong', async () => {
    const { handlers } = await tempLibrary();
    const result = await dispatch(handlers, 'cases:create', { fields: { title: '' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'fields.title: A title cannot be empty.' } });
  });

  it('reports a missing record as NOT_FOUND with a sentence, not a stack', async () => {
    const { handlers } = await tempLibrary();
    const result = await dispatch(handlers, 'cases:get', { caseId: 'no-such-case' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!result.ok) expect(result.error.message).toMatch(/^No case "no-such-case"/);
  });
});
