/*
 * Reading a library's files at open: each is read, migrated and validated; one that cannot be used is set
 * aside (renamed to <file>.corrupt-<time>, when the library is writable) and reported, never overwritten.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { CaseFile } from '../../shared/domain';
import { canonicalText, stampOf, type FileStamp } from './catalogue';
import { exists, fsyncDirectory } from './durable-write';
import { contentFingerprint, DurableJsonFile } from './json-adapter';
import { MAX_CASE_FILE_BYTES, unreadableReason, type LibraryProblem } from './layout';
import { migrate, MIGRATIONS, type MigrationTable } from './migrations';
import { ReadPool } from './read-pool';

/** Reads, migrates and validates one file; sets it aside (when writable) and records why if it is unusable. */
export class FileLoader {
  /** The fingerprint of the file `load` last returned, as it now is on disk. */
  lastFingerprint: string | undefined;
  /** Its stamp, when its bytes are the canonical form of the valid data (so it may be catalogued). */
  lastCanonicalStamp: FileStamp | undefined;
  /** Files are loaded one at a time, so one buffer serves them all. */
  private readonly pool = new ReadPool(MAX_CASE_FILE_BYTES);

  constructor(
    private readonly dir: string,
    private readonly readOnly: boolean,
    private readonly migrations: MigrationTable,
    private readonly now: () => Date,
    private readonly problems: LibraryProblem[],
  ) {}

  /**
   * `replay`, when given, changes the parsed JSON before it is migrated and validated (a change log's
   * lines, written at the file's own schema version).
   */
  async load<S extends z.ZodType>(
    relative: string,
    schema: S,
    check?: (data: z.output<S>) => string | undefined,
    replay?: (raw: Record<string, unknown>) => void,
  ): Promise<z.output<S> | undefined> {
    const absolute = path.join(this.dir, relative);
    let bytes: Buffer;
    let stamp: FileStamp | undefined;
    this.lastCanonicalStamp = undefined;
    try {
      stamp = stampOf(await fs.stat(absolute));
      bytes = await this.pool.read(absolute);
    } catch (error) {
      this.problems.push({ file: relative, reason: unreadableReason(error) });
      return undefined;
    }
    this.lastFingerprint = contentFingerprint(bytes);
    const text = bytes.toString('utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return this.setAside(relative, text.length === 0 ? 'it is empty' : `it is not valid JSON (${(error as Error).message})`);
    }
    if (replay && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) replay(raw as Record<string, unknown>);
    const outcome = migrate(raw, this.migrations);
    if (outcome.kind === 'invalid') return this.setAside(relative, outcome.reason);
    if (outcome.kind === 'newer') {
      this.problems.push({ file: relative, reason: `it was written by a newer Casefolio (schema version ${outcome.version}); update Casefolio to open it` });
      return undefined;
    }
    const parsed = schema.safeParse(outcome.data);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return this.setAside(relative, `it does not match the expected format (${first.path.join('.') || 'file'}: ${first.message})`);
    }
    const mismatch = check?.(parsed.data);
    if (mismatch) return this.setAside(relative, mismatch);
    if (outcome.kind === 'migrated' && !this.readOnly) {
      const backup = `${absolute}.v${outcome.from}.bak`;
      if (!(await exists(backup))) await fs.copyFile(absolute, backup);
      const rewritten = new DurableJsonFile(absolute);
      await rewritten.write(parsed.data);
      this.lastFingerprint = rewritten.fingerprint;
      this.lastCanonicalStamp = stampOf(await fs.stat(absolute));
    } else if (outcome.kind === 'current' && text === canonicalText(parsed.data as CaseFile)) {
      this.lastCanonicalStamp = stamp;
    }
    return parsed.data;
  }

  private async setAside(relative: string, reason: string): Promise<undefined> {
    if (this.readOnly) {
      this.problems.push({ file: relative, reason });
      return undefined;
    }
    const stamp = this.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const movedTo = `${relative}.corrupt-${stamp}`;
    await fs.rename(path.join(this.dir, relative), path.join(this.dir, movedTo));
    await fsyncDirectory(path.dirname(path.join(this.dir, relative)));
    this.problems.push({ file: relative, reason, movedTo });
    return undefined;
  }
}

/** Validates the text of a current-version case file synchronously; the data, or why it is unusable. */
export function validateCurrent(text: string, caseId: string): CaseFile | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  const outcome = migrate(raw, MIGRATIONS);
  if (outcome.kind !== 'current') return outcome.kind === 'invalid' ? outcome.reason : 'it needs migrating, which happens when the library is next opened';
  const parsed = CaseFile.safeParse(outcome.data);
  if (!parsed.success) return `it does not match the expected format (${parsed.error.issues[0].path.join('.') || 'file'}: ${parsed.error.issues[0].message})`;
  if (parsed.data.case.id !== caseId) return `the case id "${parsed.data.case.id}" does not match its folder`;
  return parsed.data;
}

