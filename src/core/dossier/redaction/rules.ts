/*
 * The rules of a redacted dossier: one per anonymised person, with every name they go by and the cipher that
 * stands for them. Every anonymised person in the library counts, not only those linked to the dossier's cases:
 * a person's name can turn up in a case nobody linked them to (a witness named in another inquiry's note), and a
 * name left in by a missing link cannot be taken back once the dossier is published.
 */
import type { LibraryFile } from '../../../shared/domain';
import { findNameOccurrences, type NameOccurrence } from '../../../shared/name-matcher';
import { namesOf } from '../../../shared/people';

export interface RedactionRule {
  personId: string;
  /** The person's name first, then the aliases. */
  names: string[];
  cipher: string;
}

/** A name of a rule's person found in some text: where, which of the person's names, and the text as it stood. */
export interface RuleMatch extends NameOccurrence {
  rule: RedactionRule;
  /** The text as it stood. */
  found: string;
}

/** A rule for every anonymised person of the library, trashed ones included (a person in the trash still exists). */
export function redactionRules(library: LibraryFile): RedactionRule[] {
  return library.people.flatMap((person) => (person.anonymity ? [{ personId: person.id, names: namesOf(person), cipher: person.anonymity.cipher }] : []));
}

/**
 * Every occurrence of any rule's names in `text`, in reading order, overlaps resolved: where two names overlap
 * (an alias inside a longer name), the one starting first wins, then the longer.
 */
export function findRuleMatches(text: string, rules: readonly RedactionRule[]): RuleMatch[] {
  const all: RuleMatch[] = [];
  // Addresses, slugs and file names join words with hyphens, underscores, dots or plus signs ("amara-okafor.pdf",
  // "amara.okafor@…"): read as spaces too (one character for one, so offsets hold), a name written so is found.
  const spaced = text.replace(/[-_+.]/g, ' ');
  for (const rule of rules) {
    for (const variant of spaced === text ? [text] : [text, spaced]) {
      for (const m of findNameOccurrences(variant, rule.names)) all.push({ ...m, rule, found: text.slice(m.start, m.end) });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RuleMatch[] = [];
  for (const m of all) if (!kept.length || m.start >= kept[kept.length - 1].end) kept.push(m);
  return kept;
}
