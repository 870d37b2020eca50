/*
 * What a window may ask of the dossier engine through the contract: which cases, which parts, the
 * marking and Bates numbering. The engine's own options (src/core/dossier) are richer; the handler
 * maps these onto them.
 */
import { z } from 'zod';
import { Title } from '../domain';
import { TaskId } from './events';

export const DOSSIER_PARTS = ['cover', 'contents', 'summary', 'chronology', 'sources', 'notes', 'exhibits', 'tag-index', 'integrity'] as const;
export const DossierPart = z.enum(DOSSIER_PARTS);
export type DossierPart = z.infer<typeof DossierPart>;

export const DOSSIER_PART_LABELS: Record<DossierPart, string> = {
  cover: 'Cover page',
  contents: 'Table of contents',
  summary: 'Case summaries',
  chronology: 'Chronology',
  sources: 'Sources',
  notes: 'Notes and quotations',
  exhibits: 'Exhibits (attached files)',
  'tag-index': 'Tag index',
  integrity: 'Integrity record (file hashes)',
};

export const DossierExportInput = z.strictObject({
  caseIds: z.array(z.string().min(1).max(64)).min(1, 'Choose at least one case.').max(500),
  title: Title,
  parts: z.array(DossierPart).min(1, 'Choose at least one part.'),
  marking: z.string().max(80).optional(),
  batesPrefix: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,23}$/, 'A Bates prefix is 1–24 letters, digits, spaces, dots, slashes or hyphens, starting with a letter or digit.')
    .optional(),
  /** Chosen by the caller, to match the progress events of this export. */
  taskId: TaskId.optional(),
});
export type DossierExportInput = z.infer<typeof DossierExportInput>;

export interface DossierExportResult {
  /** The file's name inside the library's exports folder. */
  fileName: string;
  path: string;
  bytes: number;
  pages: number;
  warnings: { code: string; message: string }[];
}

/** What the shell did with an exported file: opened it (desktop), or offers a short-lived address (browser). */
export interface ExportFileAction {
  done: boolean;
  url?: string;
}
