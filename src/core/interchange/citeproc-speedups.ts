/*
 * Three of citeproc's set-up steps made cheaper, with the same results. Building an engine for a style (once per
 * style in a process) walks the style's tree; for APA, the biggest style Casefolio offers, that cost a fresh
 * `casefolio dossier --style apa` about a second of CPU (bench/README.md, "cold3"), most of it in three places:
 *
 * - every macro call (`CSL.expandMacro`) searched the whole style tree for the macro's definition
 *   (`getNodesByName(root, 'macro', name)`), and APA calls macros thousands of times while it inlines them. The
 *   definitions are found once per style tree here and looked up by name after that. citeproc never adds or removes
 *   a macro definition once a style is parsed (style modules are parsed into trees of their own), so the index
 *   cannot go stale.
 * - a sort key's macros were built into the sort's token list afresh at every call, macros inside them too, where the
 *   style's layouts build each macro once and call it. APA's sort keys call its big name and date macros, so its two
 *   sorts came to about 70,000 tokens each: 100 MB of heap kept by the engine, and most of the build's CPU. Here a
 *   sort's macros are built once per sort (root and extension) and called, as the layouts' are; each is built in the
 *   sort's own context (`build.extension`), so it renders its sort-key form, and configured as a list of its own.
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
interface Token {
  execs: unknown[];
}
interface EngineState {
  build: { extension?: string; root?: string };
  configureTokenList(tokens: Token[]): void;
}
type TokenExec = (this: EngineState, token: Token, item: unknown, citeItem: unknown) => number;
interface Citeproc {
  XmlJSON: { prototype: { getNodesByName: GetNodesByName } };
  expandMacro: (this: EngineState, token: unknown, target: Token[]) => void;
  getMacroTarget: (this: EngineState, key: string) => Token[] | false;
  configureMacro: (this: EngineState, tokens: Token[]) => void;
  tokenExec: TokenExec;
  Token: new (name: string, type: number) => Token;
  SINGLETON: number;
  setDecorations: (this: unknown, state: unknown, attributes: Record<string, unknown>) => [string, unknown][];
  FORMAT_KEY_SEQUENCE: string[];
}

/** SHA-256 of the functions' text in citeproc 2.4.63. */
const EXPECTED = {
  getNodesByName: '1559f6b7548ceb2b5b294688f7c54b1736924089f5d86f11e4b670d8339380e2',
  expandMacro: '99376a29267764f7fc1a17c59dd311e0f50766f3424115536127ce1bdf975afe',
  getMacroTarget: '4edee27813be382d5bc9e60deb4143c6a2ade8a532b9fb9fce46eee007e621dd',
  configureMacro: '82b69aaadb78a19a4a12ee4229cbb7bcdf2c350dd18b061e4daa0d4d790136a7',
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

/*
 * citeproc's expandMacro, in a sort: the group that wraps the macro is pushed to `target`, then getMacroTarget names
 * the list to build the macro's body into (the sort's own list, so the body lands inline), then the body is built and
 * configureMacro configures it (nothing, in a sort). Here getMacroTarget, in a sort, pushes into `target` a token that
 * runs the macro's list, and names that list to be built only the first time the sort calls the macro; configureMacro
 * then configures it as the layouts' macros are configured. `target` is known to expandMacro only, hence the stack.
 */
function sortMacrosBuiltOnce(csl: Citeproc): void {
  const { expandMacro, getMacroTarget, configureMacro } = csl;
  const targets: Token[][] = [];
  const sortMacros = new WeakMap<EngineState, Map<string, Token[]>>();
  const ownLists = new WeakSet<Token[]>();
  const inSort = (state: EngineState) => Boolean(state.build.extension);
  csl.expandMacro = function (token, target) {
    if (!inSort(this)) return expandMacro.call(this, token, target);
    targets.push(target);
    try {
      return expandMacro.call(this, token, target);
    } finally {
      targets.pop();
    }
  };
  csl.getMacroTarget = function (key) {
    const target = targets[targets.length - 1];
    if (!inSort(this) || !target) return getMacroTarget.call(this, key);
    let byKey = sortMacros.get(this);
    if (!byKey) sortMacros.set(this, (byKey = new Map()));
    const listKey = `${this.build.root}${this.build.extension}\n${key}`;
    let list = byKey.get(listKey);
    const firstCall = !list;
    if (!list) {
      list = [];
      ownLists.add(list);
      byKey.set(listKey, list);
    }
    const body = list;
    const call = new csl.Token('text', csl.SINGLETON);
    call.execs.push(function (this: unknown, state: EngineState, item: unknown, citeItem: unknown) {
      let next = 0;
      while (next < body.length) next = csl.tokenExec.call(state, body[next], item, citeItem);
    });
    target.push(call);
    return firstCall ? list : false;
  };
  csl.configureMacro = function (tokens) {
    if (ownLists.has(tokens)) this.configureTokenList(tokens);
    else configureMacro.call(this, tokens);
  };
}

export interface CiteprocSpeedups {
  getNodesByName: boolean;
  sortMacros: boolean;
  setDecorations: boolean;
}

/** Applies the replacements to a loaded citeproc; returns which were made (none for an unknown version). */
export function speedUpCiteproc(csl: Citeproc): CiteprocSpeedups {
  const target = csl as Citeproc & { [SPED_UP]?: CiteprocSpeedups };
  if (target[SPED_UP]) return target[SPED_UP];
  const proto = csl.XmlJSON.prototype;
  const made: CiteprocSpeedups = {
    getNodesByName: textHash(proto.getNodesByName) === EXPECTED.getNodesByName,
    sortMacros: textHash(csl.expandMacro) === EXPECTED.expandMacro && textHash(csl.getMacroTarget) === EXPECTED.getMacroTarget && textHash(csl.configureMacro) === EXPECTED.configureMacro,
    setDecorations: textHash(csl.setDecorations) === EXPECTED.setDecorations,
  };
  if (made.getNodesByName) proto.getNodesByName = macrosLookedUpOnce(proto.getNodesByName);
  if (made.sortMacros) sortMacrosBuiltOnce(csl);
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
