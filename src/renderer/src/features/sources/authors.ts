/* Authors as a source editor shows them: one per line, "Family, Given" for a person, a full name for an organisation. */
import type { Author } from '../../../../shared/domain';

export function authorsToText(authors: Author[]): string {
  return authors.map((a) => a.literal ?? [a.family, a.given].filter(Boolean).join(', ')).join('\n');
}

/** One author per line: "Family, Given" for a person, anything without a comma for an organisation. */
export function textToAuthors(text: string): Author[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const comma = line.indexOf(',');
      if (comma < 0) return { literal: line };
      const family = line.slice(0, comma).trim();
      const given = line.slice(comma + 1).trim();
      return given ? { family, given } : { family };
    });
}
