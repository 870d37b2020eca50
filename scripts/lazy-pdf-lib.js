/*
 * An esbuild plugin for the built programs: pdf-lib's standard-font encodings built on first use instead of at load.
 *
 * pdf-lib loads @pdf-lib/standard-fonts, whose Encoding.js inflates (with pako, in JavaScript) and parses the
 * Symbol, ZapfDingbats and WinAnsi encodings when it is loaded: 10–25 ms of CPU in every process that loads pdf-lib
 * (seen in profiles of a fresh `casefolio dossier`). They serve only pdf-lib's embedding of the 14 standard fonts,
 * which the dossier engine never does (it embeds DejaVu). The plugin changes the bundled copy of that one file so
 * that each encoding is made when first asked for, once: same objects, same results, later. Each change must match
 * exactly once; a standard-fonts that differs (another version) is bundled unchanged, with a warning.
 */
import { readFile } from 'node:fs/promises';

const EAGER_MAPPINGS = `var decompressedEncodings = utils_1.decompressJson(all_encodings_compressed_json_1.default);
var allUnicodeMappings = JSON.parse(decompressedEncodings);
`;
const LAZY_MAPPINGS = `// casefolio (scripts/lazy-pdf-lib.js): the encodings are inflated when one is first used, not at load.
var allUnicodeMappingsMade;
function allUnicodeMappings() {
    return allUnicodeMappingsMade || (allUnicodeMappingsMade = JSON.parse(utils_1.decompressJson(all_encodings_compressed_json_1.default)));
}
`;
const EAGER_ENCODINGS = `exports.Encodings = {
    Symbol: new Encoding('Symbol', allUnicodeMappings.symbol),
    ZapfDingbats: new Encoding('ZapfDingbats', allUnicodeMappings.zapfdingbats),
    WinAnsi: new Encoding('WinAnsi', allUnicodeMappings.win1252),
};
`;
const LAZY_ENCODINGS = `exports.Encodings = {};
[['Symbol', 'symbol'], ['ZapfDingbats', 'zapfdingbats'], ['WinAnsi', 'win1252']].forEach(function (entry) {
    var made;
    Object.defineProperty(exports.Encodings, entry[0], {
        enumerable: true,
        get: function () { return made || (made = new Encoding(entry[0], allUnicodeMappings()[entry[1]])); },
    });
});
`;

/** Encoding.js with its encodings made on first use, or undefined when the source is not the one this knows. */
export function makeEncodingsLazy(source) {
  const text = source.replace(/\r\n/g, '\n');
  for (const eager of [EAGER_MAPPINGS, EAGER_ENCODINGS]) if (text.split(eager).length !== 2) return undefined;
  return text.replace(EAGER_MAPPINGS, LAZY_MAPPINGS).replace(EAGER_ENCODINGS, LAZY_ENCODINGS);
}

export const lazyStandardFontEncodings = {
  name: 'lazy-standard-font-encodings',
  setup(build) {
    build.onLoad({ filter: /[\\/]@pdf-lib[\\/]standard-fonts[\\/]lib[\\/]Encoding\.js$/ }, async (args) => {
      const lazy = makeEncodingsLazy(await readFile(args.path, 'utf8'));
      if (lazy === undefined) {
        return { warnings: [{ text: `${args.path} is not the @pdf-lib/standard-fonts scripts/lazy-pdf-lib.js knows; it is bundled unchanged.` }] };
      }
      return { contents: lazy, loader: 'js' };
    });
  },
};
