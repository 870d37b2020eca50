/*
 * @citation-js/core requires sync-fetch and node-fetch when it loads, for input given as a URL. Casefolio never
 * hands it one (it works offline), yet loading the two (node-fetch's ES modules, sync-fetch's worker plumbing) cost
 * every fresh process that formats a citation about 50 ms of CPU — a third of citation-js's load (bench/README.md,
 * "dosscold2"). So, before the core loads, each is put in Node's require cache as a stand-in that loads the real
 * package on its first call: nothing changes for a program that does fetch, and nothing is paid by one that does not.
 */
import Module, { createRequire } from 'node:module';

type Loader = ReturnType<typeof createRequire>;

/** What citation-js reads from the two packages: a fetch function each, and their Headers class (for `instanceof`). */
function syncFetchStandIn(load: () => unknown): unknown {
  const syncFetch = (...args: unknown[]) => (load() as (...a: unknown[]) => unknown)(...args);
  return Object.assign(syncFetch, { Headers: globalThis.Headers });
}

function nodeFetchStandIn(load: () => { default: (...a: unknown[]) => unknown }): unknown {
  return { __esModule: true, default: (...args: unknown[]) => load().default(...args), Headers: globalThis.Headers };
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
