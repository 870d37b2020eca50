/*
 * Authors as people type them, one per line (the source editor) or one per --author (the CLI): "Family,
 * Given" for a person, anything without a comma for an organisation or a name that must not be split.
 */
import type { Author } from './domain';

export function authorToText(author: Author): string {
  return author.literal ?? [author.family, author.given].filter(Boolean).join(', ');
}

export function authorFromText(line: string): Author {
  const text = line.trim();
  const comma = text.indexOf(',');
  if (comma < 0) return { literal: text };
  const family = text.slice(0, comma).trim();
  const given = text.slice(comma + 1).trim();
  return given ? { family, given } : { family };
}
