/*
 * The core's implementation of the contract: one line per call, each handing its already-validated input
 * to a service. Every edge (Electron IPC, the HTTP bridge, tests) runs these through `dispatch`.
 */
import type { Handlers } from '../shared/api/dispatch';
import { ApiError } from '../shared/errors';
import { HEADLESS_SHELL, type Shell } from './shell';
import type { CaseLibrary } from './case-library';
import { attachmentText } from './evidence/attachment-text';
import { attachRendering } from './evidence/capture';
import { linkStatus, runLinkCheck } from './links/link-service';
import { captureWithRendering } from './evidence/capture-rendering';
import { custodySummary } from './evidence/custody';
import { ensureAuditJournal, listJournal } from './evidence/journal';
import { verifyLibrary } from './evidence/verify';
import { citationStyles, formatCaseCitations } from './interchange/citations';
import { exportSources, importSources } from './interchange/sources-io';
import { addAttachment, copyAttachmentFiles, removeAttachment } from './services/attachments';
import { createCase, deleteCase, getCase, listCases, restoreCase, updateCase } from './services/cases';
import { createRecord, EVENT_KIND, NOTE_KIND, restoreRecord, SOURCE_KIND, transferSource, trashRecord, trashRecords, updateRecord } from './services/records';
import { applyTag, defineTag, listTags, moveTag, renameTag } from './services/tags';
import { exportDossier } from './services/dossier-export';
import { listTrash } from './services/trash';
import { deleteSavedSearch, listSavedSearches, saveSearch } from './services/saved-searches';
import { SearchService } from './search/search-service';

export function libraryInfo(lib: CaseLibrary) {
  const { id, name, settings } = lib.store.library;
  return {
    id,
    name,
    settings,
    path: lib.dir,
    readOnly: lib.store.readOnly,
    caseCount: lib.store.caseDigests().filter((d) => !d.case.deletedAt).length,
    problems: lib.store.problems,
  };
}

export function createHandlers(lib: CaseLibrary, shell: Shell = HEADLESS_SHELL): Handlers {
  // Every change made through the contract is journalled, whichever edge carried it.
  ensureAuditJournal(lib);
  return {
    'library:info': async () => libraryInfo(lib),
    'library:updateSettings': (input) =>
      lib.mutate('Change settings', (draft) => {
        const library = draft.library();
        if (input.userName === null) delete library.settings.userName;
        else if (input.userName !== undefined) library.settings.userName = input.userName;
        if (input.linkWatch === null) delete library.settings.linkWatch;
        else if (input.linkWatch !== undefined) library.settings.linkWatch = input.linkWatch;
        return library.settings;
      }),

    'cases:list': async () => listCases(lib),
    'cases:get': async ({ caseId }) => getCase(lib, caseId),
    'cases:create': ({ fields }) => createCase(lib, fields),
    'cases:update': ({ caseId, patch }) => updateCase(lib, caseId, patch),
    'cases:delete': ({ caseId }) => deleteCase(lib, caseId),
    'cases:restore': ({ caseId }) => restoreCase(lib, caseId),

    'sources:create': ({ caseId, fields }) => createRecord(lib, SOURCE_KIND, caseId, fields),
    'sources:update': ({ caseId, sourceId, patch }) => updateRecord(lib, SOURCE_KIND, caseId, sourceId, patch),
    'sources:delete': ({ caseId, sourceId }) => trashRecord(lib, SOURCE_KIND, caseId, sourceId),
    'sources:restore': ({ caseId, sourceId }) => restoreRecord(lib, SOURCE_KIND, caseId, sourceId),
    'sources:transfer': ({ caseId, sourceId, toCaseId, mode }) =>
      transferSource(lib, caseId, sourceId, toCaseId, mode, (from, to, shas) => copyAttachmentFiles(lib, from, to, shas)),

    'sources:import': ({ caseId, text, format, fileName }) => importSources(lib, caseId, text, { format, fileName }),
    'sources:export': async ({ caseId, format, sourceIds }) => ({
      text: exportSources(lib, caseId, format, sourceIds),
      fileName: `${lib.requireCase(caseId).case.slug}.${format === 'csl-json' ? 'json' : format === 'bibtex' ? 'bib' : 'ris'}`,
    }),

    'citations:styles': async () => citationStyles(),
    'citations:format': async ({ caseId, ...request }) => formatCaseCitations(lib, caseId, request),

    'notes:create': ({ caseId, fields }) => createRecord(lib, NOTE_KIND, caseId, fields),
    'notes:update': ({ caseId, noteId, patch }) => updateRecord(lib, NOTE_KIND, caseId, noteId, patch),
    'notes:delete': ({ caseId, noteId }) => trashRecord(lib, NOTE_KIND, caseId, noteId),
    'notes:restore': ({ caseId, noteId }) => restoreRecord(lib, NOTE_KIND, caseId, noteId),

    'events:create': ({ caseId, fields }) => createRecord(lib, EVENT_KIND, caseId, fields),
    'events:update': ({ caseId, eventId, patch }) => updateRecord(lib, EVENT_KIND, caseId, eventId, patch),
    'events:delete': ({ caseId, eventId }) => trashRecord(lib, EVENT_KIND, caseId, eventId),
    'events:restore': ({ caseId, eventId }) => restoreRecord(lib, EVENT_KIND, caseId, eventId),

    'records:trash': ({ caseId, kind, ids }) =>
      kind === 'source' ? trashRecords(lib, SOURCE_KIND, caseId, ids) : kind === 'note' ? trashRecords(lib, NOTE_KIND, caseId, ids) : trashRecords(lib, EVENT_KIND, caseId, ids),

    'attachments:add': ({ caseId, sourceId, fileName, mediaType, contentBase64 }) =>
      addAttachment(lib, caseId, sourceId, { fileName, mediaType, bytes: Buffer.from(contentBase64, 'base64') }),
    'attachments:remove': ({ caseId, sourceId, attachmentId }) => removeAttachment(lib, caseId, sourceId, attachmentId),
    'attachments:text': ({ caseId, sourceId, attachmentId }) => attachmentText(lib, caseId, sourceId, attachmentId),

    'capture:url': ({ caseId, url, sourceId, keepErrorPage }, context) =>
      captureWithRendering(lib, caseId, { url, sourceId }, { keepErrorPage }, shell.renderCapturedPage, context?.progress),
    'capture:attachRendering': ({ caseId, sourceId, attachmentId, contentBase64, capturedAt, finalUrl, status }) =>
      attachRendering(lib, caseId, sourceId, { attachmentId, pdfBytes: Buffer.from(contentBase64, 'base64'), capturedAt, finalUrl, status }),

    'links:check': ({ caseId }) => runLinkCheck(lib, caseId),
    'links:status': ({ caseId }) => linkStatus(lib, caseId),

    'tags:list': async () => listTags(lib),
    'tags:define': (input) => defineTag(lib, input),
    'tags:rename': ({ from, to }) => renameTag(lib, from, to),
    'tags:move': ({ path, newParent }) => moveTag(lib, path, newParent),
    'tags:merge': ({ from, into }) => renameTag(lib, from, into, { merge: true }),
    'tags:apply': ({ tag, targets }) => applyTag(lib, tag, targets, true),
    'tags:remove': ({ tag, targets }) => applyTag(lib, tag, targets, false),


    'journal:list': ({ caseId, sourceId }) => listJournal(lib, caseId, sourceId),

    'evidence:custody': ({ caseId, sourceIds }) => custodySummary(lib, caseId, { sourceIds }),
    'evidence:verify': () => verifyLibrary(lib),

    'dossier:export': (input, context) => {
      // A window may have a dossier written only where its host let the person choose (a save dialog, the exports folder).
      if (!shell.mayWriteDossier(input.outputPath)) {
        return Promise.reject(new ApiError('FORBIDDEN', 'Choose where to save the dossier first: Casefolio writes only where you chose.'));
      }
      return exportDossier(lib, input, context?.progress);
    },
    'dossier:chooseOutput': async ({ suggestedName }) => ({ path: (await shell.chooseDossierOutput(suggestedName)) ?? null }),
    'dossier:open': ({ path }) => shell.openDossier(path),

    'search:query': ({ query, ...options }) => SearchService.for(lib).search(query, options),
    'search:status': async () => SearchService.for(lib).status(),
    'searches:list': async () => listSavedSearches(lib),
    'searches:save': (input) => saveSearch(lib, input),
    'searches:delete': ({ id }) => deleteSavedSearch(lib, id),

    'trash:list': async () => listTrash(lib),
    'history:undo': async () => ({ label: await lib.undo() }),
  };
}
