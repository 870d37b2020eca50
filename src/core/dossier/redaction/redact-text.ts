/*
 * Replacing names by ciphers in the dossier's data before anything is typeset: the case files, the library's
 * tags and settings, the chain of custody and the options. Every text field is walked, so a field added to a
 * record later is redacted without a line here; only identifiers and fingerprints are left alone, since the
 * engine uses them to find files and to link records, and they are never printed as words.
 */
import type { RedactionLog } from './log';
import { findRuleMatches, type RedactionRule, type RuleMatch } from './rules';

/** Keys whose values are identifiers, fingerprints, types or timestamps: never words a reader sees. */
const NOT_TEXT = /^(id|sha256|mediaType|schemaVersion|createdAt|updatedAt|deletedAt|addedAt|checkedAt|\w+Id|\w+Ids)$/;

export interface TextRedactor {
  /** `text` with every name of every rule replaced by its cipher; each replacement logged at `place`. */
  text(text: string, place: string): string;
  /** A copy of `value` with every text field redacted; `place` names the object, the field paths are added. */
  deep<T>(value: T, place: string): T;
}

export interface RedactorHooks {
  /**
   * Leaves a match in place when it returns true. Only for tests of the export's own check (verify.ts): a
   * dossier must never be written with a name left in, and this is how a test proves it would not be.
   */
  keep?(match: RuleMatch): boolean;
}

/** The cipher, joined as the name was where it was written without spaces ("amara-okafor" in an address → "Person-A"). */
function cipherFor(match: RuleMatch): string {
  if (/\s/.test(match.found)) return match.rule.cipher;
  const joiner = /[-_+.]/.exec(match.found)?.[0];
  return joiner ? match.rule.cipher.replace(/\s+/g, joiner) : match.rule.cipher;
}

export function textRedactor(rules: readonly RedactionRule[], log: RedactionLog, hooks: RedactorHooks = {}): TextRedactor {
  const text = (value: string, place: string): string => {
    const matches = findRuleMatches(value, rules).filter((m) => !hooks.keep?.(m));
    if (!matches.length) return value;
    let out = '';
    let at = 0;
    for (const m of matches) {
      out += value.slice(at, m.start) + cipherFor(m);
      at = m.end;
      log.replaced(m, place);
    }
    return out + value.slice(at);
  };
  const deep = <T>(value: T, place: string): T => {
    if (typeof value === 'string') return text(value, place) as T;
    if (Array.isArray(value)) return value.map((v, i) => deep(v, `${place}[${i}]`)) as T;
    if (value && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) copy[key] = NOT_TEXT.test(key) ? v : deep(v, `${place} › ${key}`);
      return copy as T;
    }
    return value;
  };
  return { text, deep };
}
