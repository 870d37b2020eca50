/*
 * Two of citeproc's set-up functions made cheaper, with the same results. Building an engine for a style (once per
 * style in a process) walks the style's tree; for APA, the biggest style Casefolio offers, that cost a fresh
 * `casefolio dossier --style apa` about a second of CPU (bench/README.md, "cold3"), most of it in two places:
 *
 * - every macro call (`CSL.expandMacro`) searched the whole style tree for the macro's definition
 *   (`getNodesByName(root, 'macro', name)`), and APA calls macros thousands of times while it inlines them. The
 *   definitions are found once per style tree here and looked up by name after that. citeproc never adds or removes
 *   a macro definition once a style is parsed (style modules are parsed into trees of their own), so the index
 *   cannot go stale.
 * - `CSL.setDecorations`, called for every node built, walked its fixed list of formatting attributes with
 *   `for…in` over an array; here, an indexed loop over the same list, in the same order.
 *
 * Each replacement is made only when the installed citeproc's function is, character for character, the one these
 * were written against (its text's SHA-256): another version keeps its own code, correct and slower, and
 * tests/core/interchange/citeproc-speedups.test.ts fails so that the change is looked at again.
 */
import { createHash } from 'node:crypto';

interface StyleNode {
  name?: string;
  attrs?: Record<string, string>;
  children?: (StyleNode | string)[];
}
type GetNodesByName = (this: unknown, node: StyleNode | undefined, name: string, nameAttribute?: string, into?: StyleNode[]) => StyleNode[];
interface Citeproc {
  XmlJSON: { prototype: { getNodesByName: GetNodesByName } };
  setDecorations: (this: unknown, state: unknown, attributes: Record<string, unknown>) => [string, unknown][];
  FORMAT_KEY_SEQUENCE: string[];
}

/** SHA-256 of the functions' text in citeproc 2.4.63. */
const EXPECTED = {
  getNodesByName: '1559f6b7548ceb2b5b294688f7c54b1736924089f5d86f11e4b670d8339380e2',
  setDecorations: 'fbd5d22f4c4fa7647c49dcf7a71988c0b676aebff3eca2ae89e316fdb7544a53',
};
const SPED_UP = Symbol.for('casefolio.citeproc-sped-up');

const textHash = (fn: unknown) => createHash('sha256').update(String(fn)).digest('hex');

function macrosLookedUpOnce(original: GetNodesByName): GetNodesByName {
  const macrosByTree = new WeakMap<StyleNode, Map<string, StyleNode[]>>();
  return function getNodesByName(this: unknown, node, name, nameAttribute, into) {
    if (name !== 'macro' || !nameAttribute || into || !node || typeof node !== 'object') return original.call(this, node, name, nameAttribute, into);
    let byName = macrosByTree.get(node);
    if (!byName) {
      byName = new Map();
      // The original's own walk, once: every macro node in the tree, in document order.
      for (const macro of original.call(this, node, 'macro')) {
        const key = macro.attrs?.name;
        if (key === undefined) continue;
        const list = byName.get(key);
        if (list) list.push(macro);
        else byName.set(key, [macro]);
      }
      macrosByTree.set(node, byName);
    }
    // A fresh array each time, as the original returns.
    return [...(byName.get(nameAttribute) ?? [])];
  };
}

/** Applies the replacements to a loaded citeproc; returns which were made (none for an unknown version). */
export function speedUpCiteproc(csl: Citeproc): { getNodesByName: boolean; setDecorations: boolean } {
  const target = csl as Citeproc & { [SPED_UP]?: { getNodesByName: boolean; setDecorations: boolean } };
  if (target[SPED_UP]) return target[SPED_UP];
  const proto = csl.XmlJSON.prototype;
  const made = { getNodesByName: textHash(proto.getNodesByName) === EXPECTED.getNodesByName, setDecorations: textHash(csl.setDecorations) === EXPECTED.setDecorations };
  if (made.getNodesByName) proto.getNodesByName = macrosLookedUpOnce(proto.getNodesByName);
  if (made.setDecorations) {
    csl.setDecorations = function setDecorations(_state, attributes) {
      const sequence = csl.FORMAT_KEY_SEQUENCE;
      const found: [string, unknown][] = [];
      for (let i = 0; i < sequence.length; i++) {
        const key = sequence[i];
        if (attributes[key]) {
          found.push([key, attributes[key]]);
          delete attributes[key];
        }
      }
      return found;
    };
  }
  target[SPED_UP] = made;
  return made;
}
