/*
 * Who this machine records as the author of changes: the journal, the custody table, "compiled by" on a
 * dossier and the author of sync commits. It lives in <library>/.local/identity.json, a folder git never
 * shares (sync writes .gitignore), because library.json travels to every member of a team and a name in it
 * would be everyone's. The old library.json settings (userName, userEmail) are read as a fallback.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Identity, type IdentityInfo } from '../../shared/sync';
import type { LibraryFile } from '../../shared/domain';
import { writeFileDurably } from './durable-write';

/** The library's folder for what belongs to this machine only (identity, sync state): never synced. */
export const LOCAL_DIR = '.local';
const IDENTITY_FILE = 'identity.json';

const cache = new Map<string, IdentityInfo | null>();

export function localDir(libraryDir: string): string {
  return path.join(libraryDir, LOCAL_DIR);
}

function readLocalIdentity(libraryDir: string): IdentityInfo | null {
  const cached = cache.get(libraryDir);
  if (cached !== undefined) return cached;
  let found: IdentityInfo | null = null;
  try {
    const parsed = Identity.partial().safeParse(JSON.parse(readFileSync(path.join(localDir(libraryDir), IDENTITY_FILE), 'utf8')));
    if (parsed.success) found = parsed.data;
  } catch {
    // No identity set on this machine yet (or an unreadable file): the fallback below applies.
  }
  cache.set(libraryDir, found);
  return found;
}

/** This machine's identity, falling back to the settings older versions kept in library.json. */
export function identityOf(lib: { readonly dir: string; readonly read: { readonly library: Readonly<LibraryFile> } }): IdentityInfo {
  const local = readLocalIdentity(lib.dir);
  const settings = lib.read.library.settings;
  const name = local?.name?.trim() || settings.userName?.trim() || undefined;
  const email = local?.email?.trim() || settings.userEmail?.trim() || undefined;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** Sets this machine's identity (validated), durably; either part may be left as it was. */
export async function setLocalIdentity(libraryDir: string, change: { name?: string | null; email?: string | null }): Promise<IdentityInfo> {
  const current = { ...(readLocalIdentity(libraryDir) ?? {}) };
  for (const key of ['name', 'email'] as const) {
    const value = change[key];
    if (value === null) delete current[key];
    else if (value !== undefined) current[key] = value;
  }
  const next = Identity.partial().parse(current);
  await mkdir(localDir(libraryDir), { recursive: true });
  await writeFileDurably(path.join(localDir(libraryDir), IDENTITY_FILE), `${JSON.stringify(next, null, 2)}\n`);
  cache.set(libraryDir, next);
  return next;
}
