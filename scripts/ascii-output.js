/*
 * Keeps the built programs' JavaScript ASCII, so that V8 holds each file's source as a one-byte string.
 *
 * Node hands V8 a module's source as a string decoded from UTF-8; a single character above U+00FF anywhere in a
 * file (an em dash in a comment, a curly quote in a regular expression) makes V8 store the whole file as two-byte
 * text. A fresh `casefolio dossier` keeps about 3 MB of our chunks' source for as long as it runs, so that was ~3 MB
 * more of its peak memory (bench/README.md, "cold4"). esbuild's `charset: 'ascii'` (its default) already escapes
 * string and template literals, but leaves comments and regular expressions as they are.
 *
 * Here each such character is written as a \u escape where that means exactly the same: in a comment (no meaning),
 * a regular expression (\uXXXX matches the same code unit; a pair of escapes in a `u` expression is the same code
 * point) and a string literal. Template literals are left alone: a tagged template (String.raw) sees its raw text,
 * where an escape would change the value. Tokens come from acorn, so a character is escaped only where it is known
 * to be in one of those.
 */
import { tokenizer } from 'acorn';

const NON_ASCII = /[\u0080-\uffff]/;
/*
 * A character already escaped with a backslash (`\’` in a regular expression or string means `’`) is written
 * `\u2019` in place of both, not after the backslash (`\\u2019` would be a backslash, then "u2019").
 */
const escapeNonAscii = (text) =>
  text.replace(/(\\*)([\u0080-\uffff])/g, (_match, backslashes, c) => `${backslashes.length % 2 ? backslashes.slice(1) : backslashes}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Where non-ASCII characters may be escaped without changing what the program does: [start, end) ranges. */
function escapableRanges(source) {
  const ranges = [];
  const onComment = (_block, _text, start, end) => ranges.push([start, end]);
  for (const token of tokenizer(source, { ecmaVersion: 'latest', sourceType: 'module', onComment })) {
    if (token.type.label === 'regexp' || token.type.label === 'string') ranges.push([token.start, token.end]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * The source with every non-ASCII character that sits in a comment, regular expression or string literal escaped;
 * `left` counts those it could not escape (in template literals), which keep the file two-byte.
 */
export function asciiSource(source) {
  if (!NON_ASCII.test(source)) return { text: source, left: 0 };
  let text = '';
  let at = 0;
  for (const [start, end] of escapableRanges(source)) {
    const piece = source.slice(start, end);
    if (!NON_ASCII.test(piece)) continue;
    text += source.slice(at, start) + escapeNonAscii(piece);
    at = end;
  }
  text += source.slice(at);
  return { text, left: (text.match(/[\u0080-\uffff]/g) ?? []).length };
}
