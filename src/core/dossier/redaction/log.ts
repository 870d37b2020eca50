/*
 * The redaction log: what a redacted dossier changed, for the legal team's own checking. It is written beside the
 * PDF, never inside it, since it holds the very names the dossier leaves out. Two forms of the same entries: a
 * text a person reads top to bottom (grouped by person, then place) and JSON for a script or a spreadsheet.
 */
import type { RedactionRule, RuleMatch } from './rules';

export type RedactionAction =
  /** A name in the dossier's own text replaced by the cipher. */
  | 'replaced'
  /** An exhibit page rebuilt as a picture with the name covered by an opaque box, its text removed. */
  | 'page-rebuilt'
  /** A page or picture with no text to search: a person must look at it before the dossier is published. */
  | 'review-by-hand';

export interface RedactionLogEntry {
  action: RedactionAction;
  /** Undefined for review-by-hand entries, which concern every anonymised person. */
  personId?: string;
  cipher?: string;
  /** The name or alias (as registered) that matched, and the text as it stood. */
  name?: string;
  found?: string;
  /** Where: "case child-q › note “…” › body", "exhibit EV-2 (“statement.pdf”) › page 3". */
  place: string;
}

export class RedactionLog {
  readonly entries: RedactionLogEntry[] = [];

  replaced(match: RuleMatch, place: string, action: 'replaced' | 'page-rebuilt' = 'replaced'): void {
    this.entries.push({ action, personId: match.rule.personId, cipher: match.rule.cipher, name: match.name, found: match.found, place });
  }

  reviewByHand(place: string): void {
    this.entries.push({ action: 'review-by-hand', place });
  }

  toJson(rules: readonly RedactionRule[], dossier: { title: string; buildDate: string }): string {
    return `${JSON.stringify({ dossier, people: rules.map((r) => ({ personId: r.personId, cipher: r.cipher, names: r.names })), entries: this.entries }, null, 2)}\n`;
  }

  /** What a reader checks: the pages to look at by hand first, then every replacement grouped by person. */
  toText(rules: readonly RedactionRule[], dossier: { title: string; buildDate: string }): string {
    const lines = [
      `Redaction log of “${dossier.title}” (${dossier.buildDate})`,
      'CONFIDENTIAL: this log names the people the dossier leaves out. Keep it within the legal team; never publish it with the dossier.',
      '',
    ];
    const review = this.entries.filter((e) => e.action === 'review-by-hand');
    lines.push(`To review by hand (${review.length}): pages and pictures with no text to search; look at each before publishing.`);
    for (const e of review) lines.push(`  - ${e.place}`);
    for (const rule of rules) {
      const mine = this.entries.filter((e) => e.personId === rule.personId);
      lines.push('', `${rule.cipher} (person ${rule.personId}; names: ${rule.names.join(', ')}): ${mine.length} ${mine.length === 1 ? 'change' : 'changes'}`);
      for (const e of mine) {
        const what = e.action === 'page-rebuilt' ? 'covered, page rebuilt as a picture' : `replaced by “${rule.cipher}”`;
        lines.push(`  - ${e.place}: “${e.found}” (${e.name === rule.names[0] ? 'name' : `alias “${e.name}”`}) ${what}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
