/*
 * The one declaration of every call from a window (or the CLI, or the HTTP bridge) into the core.
 * Each call has a name (domain:verb), a strict zod schema for its single object argument, and an output
 * type. The Electron binding, the preload client, the bridge and the renderer client are derived from
 * this map; no channel string is written anywhere else.
 */
import { z } from 'zod';
import type { LinkReport, LinkResult } from '../links';
import {
  CaseFile,
  CaseRecord,
  EventRecord,
  HexColour,
  HttpUrl,
  BatesPrefix,
  LibrarySettings,
  LIMITS,
  LinkWatchSettings,
  NoteRecord,
  Pinpoint,
  RecordId,
  RecordRef,
  SourceRecord,
  TagPath,
  Timestamp,
  Title,
  TrashRef,
  UserName,
} from '../domain';
import type { Attachment, LibraryFile, SavedSearch } from '../domain';
import { CitationStyle, type CitationStyleId } from '../citation-styles';
import { DossierSettings } from '../dossier';
import { ConflictPick, Identity, SyncRemote, type IdentityInfo, type SyncConflict, type SyncReport, type SyncStatus } from '../sync';
import { GitTokenInput, type GitCredentialStatus } from '../git-credentials';
import { CaseFields, CasePatch, EventFields, EventPatch, NoteFields, NotePatch, SourceFields, SourcePatch } from './inputs';
import type { SearchResults, SearchStatusInfo } from './search-types';
import { PersonFields, PersonKey, PersonPatch, type PersonDetails } from './people-inputs';
import { PersonRoleList, PersonRoleName, type Person } from '../people';
import type { AttachmentText, CaptureOutcome, CaseSummary, CustodySummary, DossierExport, DossierPreview, ErasureReport, ExportFileAction, ImportReport, JournalListing, VerifyReport, LibraryInfo, RestoredItem, TagChange, TagUsage, TrashItem, UndoOutcome, ZoteroImportReport } from './types';

export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly summary: string;
  /** Type-only: the output never exists at runtime. */
  readonly output?: O;
}

const returns =
  <O>() =>
  <I extends z.ZodType>(input: I, summary: string): CallSpec<I, O> => ({ input, summary });

export { CITATION_STYLE_IDS, type CitationStyleId } from '../citation-styles';

/** A case named by id or by slug, as people type them. */
export const CaseKey = z.string().min(1).max(64);
const args = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);
const caseArg = { caseId: CaseKey };
const sourceArg = args({ ...caseArg, sourceId: RecordId });
const noteArg = args({ ...caseArg, noteId: RecordId });
const eventArg = args({ ...caseArg, eventId: RecordId });
const MAX_TARGETS = 100_000;
// Base64 keeps one wire format for IPC and HTTP; 64 MiB of content over the contract.
const base64Content = z.string().max(Math.ceil((64 * 1024 * 1024) / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64.');

export const contract = {
  'library:info': returns<LibraryInfo>()(args({}), 'The open library: name, folder, settings, any files set aside on open, and who holds its lock if not this window.'),
  'library:takeOver': returns<LibraryInfo>()(
    args({}),
    'Break the lock another program holds and reopen the library for writing; that program’s next change is refused (it never overwrites).',
  ),
  'library:updateSettings': returns<LibraryFile['settings']>()(
    args({
      userName: UserName.nullable().optional(),
      userEmail: LibrarySettings.shape.userEmail.unwrap().nullable().optional(),
      citationStyle: CitationStyle.nullable().optional(),
      batesPrefix: BatesPrefix.nullable().optional(),
      marking: LibrarySettings.shape.marking.unwrap().nullable().optional(),
      linkWatch: LinkWatchSettings.nullable().optional(),
      personRoles: PersonRoleList.nullable().optional(),
    }),
    'Change library settings: the user name and email recorded as author of changes, the export dialog’s defaults (citation style, Bates prefix, marking), the app’s scheduled link check, the roles people can have in a case; null clears one.',
  ),

  'identity:get': returns<IdentityInfo>()(
    args({}),
    'Who this machine records as the author of changes (the journal, the custody table, sync commits): kept on this machine, never shared with the library.',
  ),
  'identity:set': returns<IdentityInfo>()(
    args({ name: Identity.shape.name.nullable().optional(), email: Identity.shape.email.nullable().optional() }),
    'Set the name and email this machine records as the author of changes (one left out stays as it is; null clears it).',
  ),
  'sync:status': returns<SyncStatus>()(args({}), 'Whether this library is shared through git, with whom, when it last synced, what came in, any run going and the open conflicts.'),
  'sync:init': returns<SyncStatus>()(
    args({ remote: SyncRemote }),
    'Share this library through a git repository (an empty one on a git host, or a bare repository on a shared drive) and publish it there.',
  ),
  'sync:run': returns<SyncReport>()(
    args({ confirmDeletions: z.boolean().optional() }),
    'Sync with the shared repository: fetch, merge record by record (real conflicts kept, both sides), push. A run that would delete more than 10 % of the records or a whole case holds back unless confirmDeletions. Reports progress.',
  ),
  'sync:conflicts': returns<SyncConflict[]>()(args({}), 'The open sync conflicts: both versions of each field changed on both sides (or edited on one, deleted on the other), with who and when.'),
  'sync:resolve': returns<SyncConflict[]>()(
    args({ conflictId: z.string().min(1).max(100), pick: ConflictPick, value: z.unknown().optional() }),
    'Resolve a sync conflict: keep ours, take theirs or set a given value (a normal change, synced next time); returns the conflicts still open.',
  ),

  'cases:list': returns<CaseSummary[]>()(args({}), 'Every case not in the trash, with counts.'),
  'cases:get': returns<CaseFile>()(args(caseArg), 'One case with its sources, notes and chronology (records in the trash left out).'),
  'cases:create': returns<CaseRecord>()(args({ fields: CaseFields }), 'Create a case; the slug is derived from the title unless given.'),
  'cases:update': returns<CaseRecord>()(args({ ...caseArg, patch: CasePatch }), 'Change a case; null clears a field.'),
  'cases:delete': returns<void>()(args(caseArg), 'Move a case to the trash.'),

  'sources:create': returns<SourceRecord>()(args({ ...caseArg, fields: SourceFields }), 'Add a source to a case.'),
  'sources:update': returns<SourceRecord>()(args({ ...caseArg, sourceId: RecordId, patch: SourcePatch }), 'Change a source; null clears a field.'),
  'sources:delete': returns<void>()(sourceArg, 'Move a source to the trash.'),
  'sources:transfer': returns<SourceRecord>()(
    args({ ...caseArg, sourceId: RecordId, toCaseId: CaseKey, mode: z.enum(['move', 'copy']) }),
    'Move or copy a source, with its attachments, to another case.',
  ),

  'sources:import': returns<ImportReport>()(
    args({
      ...caseArg,
      text: z.string().max(50_000_000),
      format: z.enum(['csl-json', 'bibtex', 'ris']).optional(),
      fileName: z.string().max(1024).optional(),
    }),
    'Import sources from CSL-JSON, BibTeX or RIS (a Zotero export): each entry read whole or reported with the reason; the rest added together.',
  ),
  'sources:export': returns<{ text: string; fileName: string }>()(
    args({ ...caseArg, format: z.enum(['csl-json', 'bibtex', 'ris']), sourceIds: z.array(RecordId).max(10_000).optional() }),
    'A case’s sources (or the ones named) as CSL-JSON, BibTeX or RIS.',
  ),

  'zotero:import': returns<ZoteroImportReport>()(
    args({
      /** Zotero's data folder (holding zotero.sqlite and storage/), or the zotero.sqlite file itself. */
      dir: z.string().min(1).max(4096),
      collectionsAs: z.enum(['cases', 'tags']).default('cases'),
      /** With collectionsAs "tags": the case to import into (default: a case named “Zotero library”). */
      caseId: CaseKey.optional(),
      /** Zotero's linked-files folder, for files linked relative to it. */
      linkedFilesBase: z.string().min(1).max(4096).optional(),
    }),
    'Import a Zotero library from its data folder: collections as cases (or tags), items as sources, notes, attached files, tags; what an earlier import brought in is not added again. Reports progress.',
  ),
  'sources:exportBundle': returns<{ dir: string; file: string; sources: number; files: number }>()(
    args({ ...caseArg, format: z.enum(['csl-json', 'ris']).default('ris'), dir: z.string().min(1).max(4096) }),
    'Write a case’s sources and their attached files into a new folder that Zotero imports whole (RIS or CSL-JSON, files beside it).',
  ),

  'citations:styles': returns<{ id: CitationStyleId; title: string }[]>()(args({}), 'The citation styles available, OSCOLA first.'),
  'citations:format': returns<{ sourceId: string; text: string }[]>()(
    args({
      ...caseArg,
      style: CitationStyle.default('oscola'),
      mode: z.enum(['bibliography', 'note']).default('bibliography'),
      format: z.enum(['text', 'html']).default('text'),
      /** Default: every source not in the trash. A pinpoint applies to notes ("p. 14"). */
      sources: z.array(z.object({ sourceId: RecordId, pinpoint: Pinpoint.optional() }).strict()).max(10_000).optional(),
    }),
    'Formatted citations of a case’s sources: a bibliography in the style’s order, or footnote citations with pinpoints in the order given.',
  ),

  'notes:create': returns<NoteRecord>()(args({ ...caseArg, fields: NoteFields }), 'Add a note to a case.'),
  'notes:update': returns<NoteRecord>()(args({ ...caseArg, noteId: RecordId, patch: NotePatch }), 'Change a note; null clears a field.'),
  'notes:delete': returns<void>()(noteArg, 'Move a note to the trash.'),

  'events:create': returns<EventRecord>()(args({ ...caseArg, fields: EventFields }), 'Add an event to a case’s chronology.'),
  'events:update': returns<EventRecord>()(args({ ...caseArg, eventId: RecordId, patch: EventPatch }), 'Change an event; null clears a field.'),
  'events:delete': returns<void>()(eventArg, 'Move an event to the trash.'),

  'people:list': returns<Person[]>()(
    args({ caseId: CaseKey.optional(), includeDeleted: z.boolean().optional() }),
    'The people register by name: everyone, or those linked to one case; people in the trash only when asked.',
  ),
  'people:get': returns<PersonDetails>()(
    args({ personId: PersonKey }),
    'One person (by id, name, alias or cipher) with their cases and every mention of their names: records, quotations and attachment text.',
  ),
  'people:create': returns<Person>()(args({ fields: PersonFields }), 'Add a person to the register: name, aliases, note, anonymity (cipher and reason), cases with roles.'),
  'people:update': returns<Person>()(args({ personId: PersonKey, patch: PersonPatch }), 'Change a person; null clears a field.'),
  'people:delete': returns<void>()(args({ personId: PersonKey }), 'Move a person to the trash.'),
  'people:restore': returns<Person>()(args({ personId: PersonKey }), 'Bring a person back from the trash.'),
  'people:link': returns<Person>()(
    args({ personId: PersonKey, caseId: CaseKey, role: PersonRoleName.optional(), eventIds: z.array(RecordId).max(10_000).optional(), sourceIds: z.array(RecordId).max(10_000).optional() }),
    'Link a person to a case with a role (or change the role), and to some of its events and sources.',
  ),
  'people:unlink': returns<Person>()(
    args({ personId: PersonKey, caseId: CaseKey, eventIds: z.array(RecordId).max(10_000).optional(), sourceIds: z.array(RecordId).max(10_000).optional() }),
    'Take events or sources off a person’s links in a case; with none named, take the person off the case.',
  ),

  'records:trash': returns<void>()(
    args({ ...caseArg, kind: z.enum(['source', 'note', 'event']), ids: z.array(RecordId).min(1).max(10_000) }),
    'Move several sources, notes or events of one case to the trash as one change (one undo brings them back).',
  ),

  'attachments:add': returns<Attachment>()(
    args({
      ...caseArg,
      sourceId: RecordId,
      fileName: z.string().min(1).max(1024),
      mediaType: z.string().max(127).optional(),
      contentBase64: base64Content,
    }),
    'Attach a file to a source; stored once, named by its SHA-256.',
  ),
  'attachments:remove': returns<void>()(args({ ...caseArg, sourceId: RecordId, attachmentId: RecordId }), 'Detach a file from a source.'),
  'attachments:text': returns<AttachmentText>()(
    args({ ...caseArg, sourceId: RecordId, attachmentId: RecordId }),
    'The text of an attachment (PDF, HTML, plain text), page by page with printed page labels, for quoting.',
  ),

  'capture:url': returns<CaptureOutcome>()(
    args({ ...caseArg, url: HttpUrl, sourceId: RecordId.optional(), keepErrorPage: z.boolean().optional() }),
    'Capture a web page as evidence: its HTML stored with the capture time, final address, status and hash; a new web-page source unless one is named. The desktop app also stores a PDF rendering; elsewhere `rendering` says none was made. Reports progress.',
  ),
  'capture:attachRendering': returns<Attachment>()(
    args({
      ...caseArg,
      sourceId: RecordId,
      /** The HTML capture the PDF renders. */
      attachmentId: RecordId,
      contentBase64: base64Content,
      capturedAt: Timestamp.optional(),
      finalUrl: HttpUrl.optional(),
      status: z.number().int().min(100).max(599).optional(),
    }),
    'Store the PDF rendering of a captured page (made by the desktop window) beside its HTML capture.',
  ),

  'links:check': returns<LinkReport>()(
    args({ caseId: CaseKey.optional() }),
    'Check the web address of every source (of one case, or of all): status, final address, content hash, and whether it moved, changed since capture or is gone. Obeys robots.txt and waits between requests to a site; offline, checks nothing and says so.',
  ),
  'links:status': returns<LinkResult[]>()(args(caseArg), 'The last link check of each source of a case whose address has not changed since.'),

  'tags:list': returns<TagUsage[]>()(args({}), 'The tag vocabulary with how often each tag is used.'),
  'tags:define': returns<TagUsage>()(
    args({ path: TagPath, color: HexColour.nullable().optional(), description: z.string().max(LIMITS.shortText).nullable().optional() }),
    'Add a tag to the vocabulary, or change its colour or description.',
  ),
  'tags:rename': returns<TagChange>()(args({ from: TagPath, to: TagPath }), 'Rename a tag and everything beneath it, in every case.'),
  'tags:move': returns<TagChange>()(args({ path: TagPath, newParent: TagPath.nullable() }), 'Move a tag subtree under another tag (or to the top).'),
  'tags:merge': returns<TagChange>()(args({ from: TagPath, into: TagPath }), 'Merge a tag subtree into an existing tag.'),
  'tags:apply': returns<TagChange>()(args({ tag: TagPath, targets: z.array(RecordRef).min(1).max(MAX_TARGETS) }), 'Add a tag to many records at once.'),
  'tags:remove': returns<TagChange>()(
    args({ tag: TagPath, targets: z.array(RecordRef).min(1).max(MAX_TARGETS) }),
    'Remove a tag from many records at once.',
  ),

  'searches:list': returns<SavedSearch[]>()(args({}), 'The saved searches, in the order they were saved.'),
  'searches:save': returns<SavedSearch>()(
    args({ id: RecordId.optional(), name: Title, query: z.string().trim().min(1, 'A saved search needs a query.').max(2000) }),
    'Save a search under a name; with an id, change that saved search instead.',
  ),
  'searches:delete': returns<void>()(args({ id: RecordId }), 'Delete a saved search.'),

  'journal:list': returns<JournalListing>()(
    args({ ...caseArg, sourceId: RecordId.optional() }),
    'A case’s audit journal (who changed what, when, with file hashes), or only the entries touching one source.',
  ),

  'evidence:custody': returns<CustodySummary>()(
    args({ ...caseArg, sourceIds: z.array(RecordId).max(10_000).optional() }),
    'The chain of custody of a case’s files: added when and by whom, capture details, integrity now, later changes.',
  ),
  'evidence:verify': returns<VerifyReport>()(args({}), 'Recompute every stored file’s SHA-256: report missing, changed and orphaned files.'),

  'dossier:export': returns<DossierExport>()(
    args({
      ...DossierSettings.shape,
      /** In dossier order; slugs or ids. */
      cases: z.array(CaseKey).min(1, 'Choose at least one case.').max(500),
      /** Absolute path of the PDF to write (the desktop app asks with a save dialog first). */
      outputPath: z
        .string()
        .max(4096)
        .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'The output path must be absolute.')
        .regex(/\.pdf$/i, 'The output file name must end in .pdf.'),
      /** Defaults to the cases' titles. */
      title: DossierSettings.shape.title.optional(),
      /** Defaults to today; give it to rebuild an earlier dossier byte for byte. */
      buildDate: DossierSettings.shape.buildDate.optional(),
    }),
    'Compile cases into a paginated, hyperlinked PDF dossier and write it; reports progress; exhibit problems come back as warnings.',
  ),
  'dossier:preview': returns<DossierPreview>()(
    args({
      ...DossierSettings.shape,
      cases: z.array(CaseKey).min(1, 'Choose at least one case.').max(500),
      title: DossierSettings.shape.title.optional(),
      buildDate: DossierSettings.shape.buildDate.optional(),
      /** How many of the first pages to return; the contents is always included whole (up to 40 pages in all). */
      pages: z.number().int().min(1).max(20).default(4),
    }),
    'Build a dossier in memory without saving it, and return its first pages and its contents as a small PDF to preview.',
  ),
  'dossier:read': returns<{ pdfBase64: string }>()(
    args({ path: z.string().min(1).max(4096) }),
    'The bytes of a dossier this window exported, to show it in the app’s own viewer (up to 100 MB).',
  ),
  'dossier:chooseOutput': returns<{ path: string | null }>()(
    args({ suggestedName: z.string().min(1).max(200) }),
    'Ask where to save a dossier (a save dialog on the desktop; the library’s exports folder in a browser).',
  ),
  'dossier:open': returns<ExportFileAction>()(args({ path: z.string().min(1).max(4096) }), 'Show a dossier this window exported: open it, or get an address to open it at.'),

  'search:query': returns<SearchResults>()(
    args({
      query: z.string().max(2000),
      /** Cases per page (or records, with group: false). */
      limit: z.number().int().min(1).max(1000).optional(),
      offset: z.number().int().min(0).max(1_000_000).optional(),
      hitsPerCase: z.number().int().min(1).max(200).optional(),
      sort: z.enum(['relevance', 'newest', 'oldest', 'title']).optional(),
      group: z.boolean().optional(),
    }),
    'Search every case: words (matched as typed, as prefixes and with typos), "phrases", -exclusions, OR, and the filters case: tag: kind: status: date: reliability: person:. Grouped by case, with passages and match offsets.',
  ),
  'search:status': returns<SearchStatusInfo>()(args({}), 'Whether the search index is ready, and whether it was loaded or built on open.'),

  'trash:list': returns<TrashItem[]>()(args({}), 'Everything in the trash, newest first: cases, their records, and people of the register.'),
  'trash:restore': returns<RestoredItem>()(
    args({ id: RecordId, caseId: CaseKey.optional() }),
    'Bring back from the trash the case, record or person with this id (as the trash lists it), whatever its kind; the case narrows where to look.',
  ),
  'trash:erase': returns<ErasureReport>()(
    args({ items: z.array(TrashRef).min(1, 'Name at least one item in the trash.').max(100_000) }),
    'Delete items in the trash permanently (cannot be undone): cases, records and people, the stored files nothing else refers to, their backups; journalled without their content.',
  ),

  // The window's access token for a synced library's git host: kept by the desktop app's keychain, never by the library.
  'credentials:status': returns<GitCredentialStatus>()(args({ remote: SyncRemote }), 'Whether a token for this git remote is kept (keychain) or set (environment), and whether one can be kept here.'),
  'credentials:save': returns<GitCredentialStatus>()(
    args({ remote: SyncRemote, token: GitTokenInput }),
    'Keep an access token for this git remote in the operating system’s keychain (refused where the keychain would store it in plain text).',
  ),
  'credentials:forget': returns<GitCredentialStatus>()(args({ remote: SyncRemote }), 'Forget the access token kept for this git remote.'),

  'history:undo': returns<UndoOutcome>()(args({}), 'Undo the last change made in this session.'),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = Exclude<Contract[K]['output'], undefined>;

export const CALL_NAMES = Object.keys(contract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
