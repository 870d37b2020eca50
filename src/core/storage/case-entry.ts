/* What the store knows about one case file (see library-store.ts). */
import type { Low } from 'lowdb';
import type { CaseFile } from '../../shared/domain';
import type { CaseDigest, FileStamp } from './catalogue';
import type { OpenLog } from './change-log';
import type { DurableJsonFile } from './json-adapter';

/** One case file: always its digest and fingerprint; its content once read. */
export interface CaseEntry {
  relative: string;
  adapter: DurableJsonFile<CaseFile>;
  db?: Low<CaseFile>;
  digest: CaseDigest;
  /** The file's stamp when its content was last validated or written; undefined when not worth cataloguing. */
  stamp?: FileStamp;
  /** The change log, held open between saves while it has lines (see appendLogLine). */
  log?: OpenLog;
  /** Bytes in the case's change log not yet folded into case.json (0: none). */
  logBytes?: number;
  /** The checksum of the log's last line: with the file's fingerprint, it names the case's state. */
  logSum?: string;
  /** case.json's size, which the log may grow to before it is folded. */
  fileBytes?: number;
  /** Per sidecar file, its size when this log was started. */
  sidecarSince?: Map<string, number>;
  /** Read-only opening: carried sidecar lines missing from their files, per file. */
  unrestored?: Map<string, string[]>;
  /**
   * The fingerprint the case had while its saves were in the log, kept once they are folded: the content is
   * the same, so observers that recorded it (the search index) need not redo the case. Cleared by any other write.
   */
  alias?: string;
}

