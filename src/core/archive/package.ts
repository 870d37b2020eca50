/*
 * `casefolio package`: cases as an archival package, a BagIt bag (RFC 8493) that any archive's tools can check.
 *
 *   data/index.html                          what is in the package, readable in any browser
 *   data/dossier.pdf                         the cases' dossier, as PDF/A-1b when its exhibits allow
 *   data/cases/<slug>/case.json              the case file as Casefolio stores it
 *   data/cases/<slug>/journal.jsonl          the case's audit journal
 *   data/cases/<slug>/attachments/<name>     each attached file under its original name (made safe, unique)
 *
 * Everything is read from the library as it is on disk: case files and journals byte for byte, attachments
 * streamed from the store, so the manifests' checksums are those of the files Casefolio holds.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract } from '../../shared/api/contract';
import type { DossierWarning } from '../../shared/dossier';
import type { CaseFile } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { caseJournalPath, JOURNAL_FILE } from '../evidence/journal';
import { attachmentPath } from '../services/attachments';
import { exportDossier } from '../dossier/export';
import { canonicalText } from '../storage/catalogue';
import { readAsSaved } from '../storage/change-log';
import { zipBag } from './bag-zip';
import { writeBag, type BagFile } from './bagit-write';
import { packageIndexHtml, type PackagedCase } from './package-index';
import { uniqueFileName } from './safe-names';
import { identityOf } from '../storage/local-identity';

export interface PackageReport {
  /** The folder or .zip written. */
  output: string;
  cases: number;
  files: number;
  bytes: number;
  /** The dossier's warnings (exhibits that could not be included, or that keep it from being PDF/A). */
  warnings: DossierWarning[];
}

export interface PackageOptions {
  /** A new or empty folder, or a path ending in .zip. */
  output: string;
  /** Bagging date and dossier date; today by default. */
  date?: string;
}

export async function writePackage(lib: CaseLibrary, caseKeys: string[], options: PackageOptions): Promise<PackageReport> {
  if (!caseKeys.length) throw new ApiError('INVALID_INPUT', 'Choose at least one case to package.');
  const cases = caseKeys.map((key) => lib.requireCase(key));
  if (new Set(cases.map((c) => c.case.id)).size !== cases.length) throw new ApiError('INVALID_INPUT', 'Each case can be listed once.');
  const date = options.date ?? lib.now().toISOString().slice(0, 10);
  const output = path.resolve(options.output);
  const zipped = /\.zip$/i.test(output);
  if (zipped && (await fs.stat(output).catch(() => undefined))) throw new ApiError('CONFLICT', `${output} already exists. Choose a new file name for the package.`);

  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'casefolio-package-'));
  try {
    const files: BagFile[] = [];
    const packaged: PackagedCase[] = [];
    for (const caseFile of cases) packaged.push(await caseFiles(lib, caseFile, files));

    const dossierPath = path.join(work, 'dossier.pdf');
    const dossier = await exportDossier(lib, contract['dossier:export'].input.parse({ cases: cases.map((c) => c.case.id), outputPath: dossierPath, buildDate: date, pdfa: true }));
    files.push({ path: 'dossier.pdf', file: dossierPath });

    const who = identityOf(lib).name;
    const index = packageIndexHtml({ cases: packaged, date, compiledBy: who, dossier: { path: 'dossier.pdf', pages: dossier.pages, pdfa: !dossier.warnings.some((w) => w.code === 'EXHIBIT_NOT_PDFA') } });
    files.unshift({ path: 'index.html', bytes: Buffer.from(index, 'utf8') });

    const info: [string, string][] = [
      ['Source-Organization', lib.read.library.name],
      ...(who ? [['Contact-Name', who] as [string, string]] : []),
      ['Bagging-Date', date],
      ['Bag-Software-Agent', 'Casefolio'],
      ['External-Description', `Casefolio case files: ${cases.map((c) => c.case.title).join('; ')}. Each case's record, audit journal and attached files, a PDF dossier and an index.html.`],
      ...cases.map((c) => ['External-Identifier', `casefolio:${c.case.id} (${c.case.slug})`] as [string, string]),
    ];
    const bagDir = zipped ? path.join(work, 'bag') : output;
    const summary = await writeBag(bagDir, files, info);
    if (zipped) await zipBag(bagDir, output, path.basename(output).replace(/\.zip$/i, ''));
    return { output, cases: cases.length, files: summary.files, bytes: summary.bytes, warnings: dossier.warnings };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Adds one case's files to `files` and says where they went, for the index. */
async function caseFiles(lib: CaseLibrary, caseFile: CaseFile, files: BagFile[]): Promise<PackagedCase> {
  const id = caseFile.case.id;
  const folder = `cases/${caseFile.case.slug}`;
  // The case as the library holds it (case.json may not hold the saves still in its change log).
  files.push({ path: `${folder}/case.json`, bytes: Buffer.from(canonicalText(caseFile)) });
  const journal = caseJournalPath(lib, id);
  await lib.settled(); // the journal lines of acknowledged saves are appended just after them
  const hasJournal = await fs.stat(journal).then((s) => s.isFile()).catch(() => false);
  const carried = lib.read.unrestoredLines(id, JOURNAL_FILE);
  if (hasJournal && carried.length > 0) files.push({ path: `${folder}/journal.jsonl`, bytes: await readAsSaved(lib.read.caseDir(id), JOURNAL_FILE) });
  else if (hasJournal) files.push({ path: `${folder}/journal.jsonl`, file: journal });

  const taken = new Set<string>();
  const sources: PackagedCase['sources'] = [];
  for (const source of caseFile.sources.filter((s) => !s.deletedAt)) {
    const attachments: PackagedCase['sources'][number]['attachments'] = [];
    for (const attachment of source.attachments) {
      const stored = attachmentPath(lib, id, attachment.sha256);
      if (!(await fs.stat(stored).catch(() => undefined))) {
        attachments.push({ fileName: attachment.fileName, sha256: attachment.sha256, missing: true });
        continue;
      }
      const name = uniqueFileName(attachment.fileName, taken);
      files.push({ path: `${folder}/attachments/${name}`, file: stored });
      attachments.push({ fileName: attachment.fileName, sha256: attachment.sha256, path: `${folder}/attachments/${name}` });
    }
    sources.push({ title: source.title, url: source.url, attachments });
  }
  return { record: caseFile.case, folder, journal: hasJournal ? `${folder}/journal.jsonl` : undefined, sources, notes: caseFile.notes.filter((n) => !n.deletedAt).length, events: caseFile.events.filter((e) => !e.deletedAt).length };
}
