/* Authors as a source editor shows them: one per line, "Family, Given" for a person, a full name for an organisation. */
import { authorFromText, authorToText } from '../../../../shared/author-text';
import type { Author } from '../../../../shared/domain';

export function authorsToText(authors: Author[]): string {
  return authors.map(authorToText).join('\n');
}

/** One author per line: "Family, Given" for a person, anything without a comma for an organisation. */
export function textToAuthors(text: string): Author[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map(authorFromText);
}
