/*
 * The dossier engine's public types: what goes in, what comes out. What also crosses the contract (sections,
 * warnings, the page map) is declared in shared/dossier.ts and re-exported here.
 */
import type { CustodySummary } from '../../shared/api/types';
import type { CaseFile, LibraryFile } from '../../shared/domain';
import type { DossierProgress, DossierSettings, DossierWarning, PageMapEntry } from '../../shared/dossier';

export {
  DOSSIER_SECTIONS,
  type DossierProgress,
  type DossierSection,
  type DossierWarning,
  type DossierWarningCode,
  type PageMapEntry,
  type PageMapKind,
} from '../../shared/dossier';

export type DossierPhase = DossierProgress['phase'];

export interface DossierInput {
  /** Tag vocabulary and settings.userName (the default "compiled by"). */
  library: LibraryFile;
  /** In the order they appear in the dossier. */
  cases: CaseFile[];
  /** Bytes of an attachment stored at <library>/cases/<caseId>/files/<sha256>; undefined if missing. */
  readAttachment(caseId: string, sha256: string): Promise<Uint8Array | undefined>;
  /**
   * The SHA-256, size and first bytes of an attachment, read as a stream; undefined if missing. Used, when
   * given, for exhibits that are listed rather than printed (a recording, a type a PDF cannot hold), so that a
   * 500 MB video is fingerprinted without being held in memory.
   */
  fingerprintAttachment?(caseId: string, sha256: string): Promise<{ sha256: string; size: number; head: Uint8Array } | undefined>;
  /**
   * Told the SHA-256 of each exhibit's file as the build read it (`storedAs`: the name it is stored under in the
   * case), so that a custody check made afterwards reuses the digest of the bytes the dossier holds instead of
   * reading and hashing the file again.
   */
  attachmentHashed?(caseId: string, storedAs: string, sha256: string): void;
  /**
   * The chain of custody of each case's files, from its audit journal (core/evidence/custody), for the integrity
   * appendix. The engine reads no journal itself; without this the appendix gives no custody details. A function
   * is called once the exhibits are read, so that it can use what `attachmentHashed` was told.
   */
  custody?: CustodySummary[] | (() => Promise<CustodySummary[] | undefined>);
}

/**
 * The engine's options: the settings a user chooses, as the contract's zod schema declares them (one place
 * for a new option: shared/dossier.ts), plus a progress callback.
 */
export type DossierOptions = DossierSettings & {
  onProgress?: (progress: DossierProgress) => void;
};

export interface DossierResult {
  /** The PDF as chunks to write in order: streams' contents are not copied into one buffer, so a large dossier is not held twice. */
  chunks: readonly Uint8Array[];
  /** The PDF's size in bytes. */
  size: number;
  /** The PDF in one buffer, joined when first asked for (tests, callers that need it whole). */
  readonly bytes: Uint8Array;
  warnings: DossierWarning[];
  pageMap: PageMapEntry[];
}
