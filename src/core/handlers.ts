/*
 * The core's implementation of the contract: one line per call, each handing its already-validated input
 * to a service. Every edge (Electron IPC, the HTTP bridge, tests) runs these through `dispatch`.
 */
import type { Handlers } from '../shared/api/dispatch';
import { ApiError } from '../shared/errors';
import type { LibraryInfo } from '../shared/api/types';
import { lockInfo } from './lock-status';
import { safePdfName } from '../shared/file-names';
import { HEADLESS_SHELL, tokensOf, type Shell } from './shell';
import { remoteWithoutCredentials } from '../shared/git-credentials';
import type { CaseLibrary } from './case-library';
import { listJournal } from './evidence/journal';
import { addAttachment, copyAttachmentFiles, removeAttachment } from './services/attachments';
import { createCase, deleteCase, getCase, listCases, updateCase } from './services/cases';
import { createRecord, EVENT_KIND, NOTE_KIND, SOURCE_KIND, transferSource, trashRecord, trashRecords, updateRecord } from './services/records';
import { applyTag, defineTag, listTags, moveTag, renameTag } from './services/tags';
import { listTrash, restoreFromTrash } from './services/trash';
import { eraseFromTrash } from './services/erase';
import { deleteSavedSearch, listSavedSearches, saveSearch } from './services/saved-searches';
import { SearchService } from './search/search-service';
import { identityOf, setLocalIdentity } from './storage/local-identity';
import { createPerson, deletePerson, findPerson, linkPerson, listPeople, restorePerson, unlinkPerson, updatePerson } from './services/people/register';
import { personDetails } from './services/people/mentions';

/*
 * The features load on their first call, not when a library opens: the PDF engine, capture, citations and
 * import/export are most of the core's code, and a CLI command (or a window that only browses) needs none of it.
 */
const feature = {
  attachmentText: () => import('./evidence/attachment-text'),
  capture: () => import('./evidence/capture'),
  links: () => import('./links/link-service'),
  captureRendering: () => import('./evidence/capture-rendering'),
  custody: () => import('./evidence/custody'),
  verify: () => import('./evidence/verify'),
  citations: () => import('./interchange/citations'),
  sourcesIo: () => import('./interchange/sources-io'),
  bundle: () => import('./interchange/bundle'),
  zotero: () => import('./interchange/zotero/import'),
  dossier: () => import('./dossier/export'),
  preview: () => import('./dossier/preview'),
  sync: () => import('./sync/service'),
};

export async function libraryInfo(lib: CaseLibrary): Promise<LibraryInfo> {
  const { id, name, settings } = lib.read.library;
  const lock = await lockInfo(lib);
  return {
    id,
    name,
    settings,
    path: lib.dir,
    readOnly: lib.read.readOnly,
    caseCount: lib.read.caseDigests().filter((d) => !d.case.deletedAt).length,
    problems: [...lib.read.problems],
    ...(lock ? { lock } : {}),
  };
}

/** The handler table of an open library. Edges get it from openLibrary() (library-session.ts), which also attaches the journal. */
export function createHandlers(lib: CaseLibrary, shell: Shell = HEADLESS_SHELL): Handlers {
  return {
    'library:info': () => libraryInfo(lib),
    'library:takeOver': () => {
      if (!shell.takeOverLibrary) return Promise.reject(new ApiError('UNSUPPORTED', 'Taking over the lock is done from the command line here: casefolio unlock --force.'));
      return shell.takeOverLibrary();
    },
    'library:updateSettings': (input) =>
      lib.mutate('Change settings', (draft) => {
        const settings: Record<string, unknown> = draft.library().settings;
        for (const [key, value] of Object.entries(input)) {
          if (value === null) delete settings[key];
          else if (value !== undefined) settings[key] = value;
        }
        return draft.library().settings;
      }),

    'identity:get': async () => identityOf(lib),
    'identity:set': ({ name, email }) => setLocalIdentity(lib.dir, { name, email }),
    'sync:status': async () => (await feature.sync()).syncStatus(lib),
    'sync:init': async ({ remote }) => (await feature.sync()).syncInit(lib, remote, { credentials: shell.gitCredentials }),
    'sync:run': async ({ confirmDeletions }, context) => (await feature.sync()).syncRun(lib, confirmDeletions ?? false, { credentials: shell.gitCredentials, progress: context?.progress }),
    'sync:conflicts': async () => (await feature.sync()).syncConflicts(lib),
    'sync:resolve': async ({ conflictId, pick, value }) => (await feature.sync()).syncResolve(lib, conflictId, pick, value),
    'credentials:status': ({ remote }) => tokensOf(shell).status(remoteWithoutCredentials(remote)),
    'credentials:save': ({ remote, token }) => tokensOf(shell).save(remoteWithoutCredentials(remote), token),
    'credentials:forget': ({ remote }) => tokensOf(shell).forget(remoteWithoutCredentials(remote)),

    'cases:list': async () => listCases(lib),
    'cases:get': async ({ caseId }) => getCase(lib, caseId),
    'cases:create': ({ fields }) => createCase(lib, fields),
    'cases:update': ({ caseId, patch }) => updateCase(lib, caseId, patch),
    'cases:delete': ({ caseId }) => deleteCase(lib, caseId),

    'sources:create': ({ caseId, fields }) => createRecord(lib, SOURCE_KIND, caseId, fields),
    'sources:update': ({ caseId, sourceId, patch }) => updateRecord(lib, SOURCE_KIND, caseId, sourceId, patch),
    'sources:delete': ({ caseId, sourceId }) => trashRecord(lib, SOURCE_KIND, caseId, sourceId),
    'sources:transfer': ({ caseId, sourceId, toCaseId, mode }) =>
      transferSource(lib, caseId, sourceId, toCaseId, mode, (from, to, shas) => copyAttachmentFiles(lib, from, to, shas)),

    'sources:import': async ({ caseId, text, format, fileName }) => (await feature.sourcesIo()).importSources(lib, caseId, text, { format, fileName }),
    'sources:export': async ({ caseId, format, sourceIds }) => ({
      text: (await feature.sourcesIo()).exportSources(lib, caseId, format, sourceIds),
      fileName: `${lib.requireCase(caseId).case.slug}.${format === 'csl-json' ? 'json' : format === 'bibtex' ? 'bib' : 'ris'}`,
    }),

    'citations:styles': async () => (await feature.citations()).citationStyles(),
    'zotero:import': async ({ dir, collectionsAs, caseId, linkedFilesBase }, context) =>
      (await feature.zotero()).importZoteroLibrary(lib, dir, { collectionsAs, caseKey: caseId, linkedFilesBase, progress: context?.progress }),
    'sources:exportBundle': async ({ caseId, format, dir }) => (await feature.bundle()).exportBundle(lib, caseId, format, dir),
    'citations:format': async ({ caseId, ...request }) => (await feature.citations()).formatCaseCitations(lib, caseId, request),

    'notes:create': ({ caseId, fields }) => createRecord(lib, NOTE_KIND, caseId, fields),
    'notes:update': ({ caseId, noteId, patch }) => updateRecord(lib, NOTE_KIND, caseId, noteId, patch),
    'notes:delete': ({ caseId, noteId }) => trashRecord(lib, NOTE_KIND, caseId, noteId),

    'events:create': ({ caseId, fields }) => createRecord(lib, EVENT_KIND, caseId, fields),
    'events:update': ({ caseId, eventId, patch }) => updateRecord(lib, EVENT_KIND, caseId, eventId, patch),
    'events:delete': ({ caseId, eventId }) => trashRecord(lib, EVENT_KIND, caseId, eventId),

    'people:list': async ({ caseId, includeDeleted }) => listPeople(lib, { caseId, includeDeleted }),
    'people:get': async ({ personId }) => personDetails(lib, findPerson(lib, personId, { includeDeleted: true })),
    'people:create': ({ fields }) => createPerson(lib, fields),
    'people:update': ({ personId, patch }) => updatePerson(lib, personId, patch),
    'people:delete': ({ personId }) => deletePerson(lib, personId),
    'people:restore': ({ personId }) => restorePerson(lib, personId),
    'people:link': ({ personId, ...request }) => linkPerson(lib, personId, request),
    'people:unlink': ({ personId, ...request }) => unlinkPerson(lib, personId, request),

    'records:trash': ({ caseId, kind, ids }) =>
      kind === 'source' ? trashRecords(lib, SOURCE_KIND, caseId, ids) : kind === 'note' ? trashRecords(lib, NOTE_KIND, caseId, ids) : trashRecords(lib, EVENT_KIND, caseId, ids),

    'attachments:add': ({ caseId, sourceId, fileName, mediaType, contentBase64 }) =>
      addAttachment(lib, caseId, sourceId, { fileName, mediaType, bytes: Buffer.from(contentBase64, 'base64') }),
    'attachments:remove': ({ caseId, sourceId, attachmentId }) => removeAttachment(lib, caseId, sourceId, attachmentId),
    'attachments:text': async ({ caseId, sourceId, attachmentId }) => (await feature.attachmentText()).attachmentText(lib, caseId, sourceId, attachmentId),

    'capture:url': async ({ caseId, url, sourceId, keepErrorPage }, context) =>
      (await feature.captureRendering()).captureWithRendering(lib, caseId, { url, sourceId }, { keepErrorPage }, shell.renderCapturedPage, context?.progress),
    'capture:attachRendering': async ({ caseId, sourceId, attachmentId, contentBase64, capturedAt, finalUrl, status }) =>
      (await feature.capture()).attachRendering(lib, caseId, sourceId, { attachmentId, pdfBytes: Buffer.from(contentBase64, 'base64'), capturedAt, finalUrl, status }),

    'links:check': async ({ caseId }) => (await feature.links()).runLinkCheck(lib, caseId),
    'links:status': async ({ caseId }) => (await feature.links()).linkStatus(lib, caseId),

    'tags:list': async () => listTags(lib),
    'tags:define': (input) => defineTag(lib, input),
    'tags:rename': ({ from, to }) => renameTag(lib, from, to),
    'tags:move': ({ path, newParent }) => moveTag(lib, path, newParent),
    'tags:merge': ({ from, into }) => renameTag(lib, from, into, { merge: true }),
    'tags:apply': ({ tag, targets }) => applyTag(lib, tag, targets, true),
    'tags:remove': ({ tag, targets }) => applyTag(lib, tag, targets, false),


    'journal:list': ({ caseId, sourceId }) => listJournal(lib, caseId, sourceId),

    'evidence:custody': async ({ caseId, sourceIds }) => (await feature.custody()).custodySummary(lib, caseId, { sourceIds }),
    'evidence:verify': async () => (await feature.verify()).verifyLibrary(lib),

    'dossier:export': async (input, context) => {
      // A window may have a dossier written only where its host let the person choose (a save dialog, the exports folder).
      if (!shell.mayWriteDossier(input.outputPath)) {
        throw new ApiError('FORBIDDEN', 'Choose where to save the dossier first: Casefolio writes only where you chose.');
      }
      return (await feature.dossier()).exportDossier(lib, input, context?.progress);
    },
    'dossier:preview': async (input) => (await feature.preview()).previewDossier(lib, input),
    'dossier:read': async ({ path }) => (await feature.preview()).readExportedDossier(shell, path),
    'dossier:chooseOutput': async ({ suggestedName }) => ({ path: (await shell.chooseDossierOutput(safePdfName(suggestedName))) ?? null }),
    'dossier:open': ({ path }) => shell.openDossier(path),

    'search:query': ({ query, ...options }) => SearchService.for(lib).search(query, options),
    'search:status': async () => SearchService.for(lib).status(),
    'searches:list': async () => listSavedSearches(lib),
    'searches:save': (input) => saveSearch(lib, input),
    'searches:delete': ({ id }) => deleteSavedSearch(lib, id),

    'trash:list': async () => listTrash(lib),
    'trash:restore': ({ id, caseId }) => restoreFromTrash(lib, id, caseId),
    'trash:erase': ({ items }) => eraseFromTrash(lib, items),
    'history:undo': async () => ({ label: await lib.undo() }),
  };
}
