/*
 * @citation-js/core requires sync-fetch and node-fetch when it loads, for input given as a URL. Casefolio never
 * hands it one (it works offline), yet loading the two (node-fetch's ES modules, sync-fetch's worker plumbing) cost
 * every fresh process that formats a citation about 50 ms of CPU — a third of citation-js's load (bench/README.md,
 * "dosscold2"). So, before the core loads, each is put in Node's require cache as a stand-in that loads the real
 * package on its first call: nothing changes for a program that does fetch, and nothing is paid by one that does not.
 */
import Module, { createRequire } from 'node:module';

type Loader = ReturnType<typeof createRequire>;

/**
 * The packages' Headers class, for citation-js's `instanceof` checks when it fetches. Node's own `Headers` global
 * would do as well, but reading it loads Node's fetch (undici): about 10 ms of CPU more, for a class no dossier
 * uses. So the stand-in answers `instanceof` by asking the real package's class, loaded then.
 */
function headersStandIn(realHeaders: () => unknown): unknown {
  return class Headers {
    static [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof (realHeaders() as new () => unknown);
    }
  };
}

/** What citation-js reads from the two packages: a fetch function each, and their Headers class (for `instanceof`). */
function syncFetchStandIn(load: () => { (...a: unknown[]): unknown; Headers: unknown }): unknown {
  const syncFetch = (...args: unknown[]) => load()(...args);
  return Object.assign(syncFetch, { Headers: headersStandIn(() => load().Headers) });
}

function nodeFetchStandIn(load: () => { default: (...a: unknown[]) => unknown; Headers: unknown }): unknown {
  return { __esModule: true, default: (...args: unknown[]) => load().default(...args), Headers: headersStandIn(() => load().Headers) };
}

/** Puts the stand-ins in place for the copy of @citation-js/core that `requireFromHere` loads (once; never over a loaded package). */
export function deferCitationJsFetch(requireFromHere: Loader): void {
  const coreRequire = createRequire(requireFromHere.resolve('@citation-js/core'));
  const standIns: [string, (load: () => never) => unknown][] = [
    ['sync-fetch', syncFetchStandIn],
    ['node-fetch', nodeFetchStandIn],
  ];
  for (const [name, makeStandIn] of standIns) {
    const file = coreRequire.resolve(name);
    if (coreRequire.cache[file]) continue;
    // On first use: drop the stand-in and load the package itself (Node 20.19 requires node-fetch's ES modules).
    let real: unknown;
    const load = () => {
      if (real === undefined) {
        if (coreRequire.cache[file]?.exports === standIn) delete coreRequire.cache[file];
        real = coreRequire(name);
      }
      return real as never;
    };
    const standIn = makeStandIn(load);
    const entry = new Module(file);
    Object.assign(entry, { filename: file, loaded: true, exports: standIn });
    coreRequire.cache[file] = entry;
  }
}
