/*
 * Where Casefolio itself is installed (the folder of its package.json) and its version, found from any of
 * its files: source in src/ and built chunks in out/node/chunks/ sit at different depths, so walk up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppInstall {
  root: string;
  version: string;
}

export function findAppInstall(from: string = path.dirname(fileURLToPath(import.meta.url))): AppInstall {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'casefolio') return { root: dir, version: pkg.version ?? 'unknown' };
    } catch {
      // no package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) throw new Error(`Casefolio's package.json was not found above ${from}.`);
  }
}
