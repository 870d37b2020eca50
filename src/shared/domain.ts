/*
 * The domain: every record a case file holds, as zod schemas with their inferred types.
 * These schemas validate files on open and inputs at the contract boundary, so they are strict about
 * shape and generous about content (a title may hold any Unicode, up to a stated length).
 */
import { z } from 'zod';
import { CitationStyle } from './citation-styles';
import { BIBLIOGRAPHIC_FIELDS, SourceKind } from './bibliographic';
import { PartialDate } from './partial-date';
import { CONTROL_CHARS, LIMITS, RecordId, requiredText, text, Timestamp } from './record-fields';
import { Person, PersonRoleList } from './people';

/**
 * 2: sources gained bibliographic fields; a judgment's court moved from `publisher` to `court`.
 * 3: library.json gained the people register (`people`).
 */
export const CURRENT_SCHEMA_VERSION = 3;

export { LIMITS, RecordId, Timestamp } from './record-fields';

export const Title = requiredText(LIMITS.title, 'A title');
export const Markdown = text(LIMITS.longText);

export const Slug = z
  .string()
  .min(1)
  .max(48, 'A slug has at most 48 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'A slug is lower-case letters, digits and single hyphens, e.g. "child-q".');

export const HttpUrl = z
  .string()
  .max(LIMITS.url)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !CONTROL_CHARS.test(s);
    } catch {
      return false;
    }
  }, 'Use a full web address starting with http:// or https://.');

const TAG_SEGMENT = /^[^/\s](?:[^/]*[^/\s])?$/;
export const TagPath = z
  .string()
  .max(LIMITS.tagSegment * LIMITS.tagDepth + LIMITS.tagDepth)
  .refine((p) => {
    const segments = p.split('/');
    return (
      !CONTROL_CHARS.test(p) &&
      segments.length <= LIMITS.tagDepth &&
      segments.every((s) => s.length <= LIMITS.tagSegment && TAG_SEGMENT.test(s))
    );
  }, `A tag is a path like "theme/misogyny": up to ${LIMITS.tagDepth} parts, none empty, none starting or ending with a space.`);
export type TagPath = z.infer<typeof TagPath>;

export const TagList = z.array(TagPath).max(500);

export const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is written #rrggbb.');

export const TagDefinition = z.object({
  path: TagPath,
  color: HexColour.optional(),
  description: text(LIMITS.shortText).optional(),
});
export type TagDefinition = z.infer<typeof TagDefinition>;

const RecordBase = {
  id: RecordId,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Set when the record is in the trash; cleared on restore. */
  deletedAt: Timestamp.optional(),
};

export const CaseStatus = z.enum(['open', 'closed', 'archived']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseRecord = z.object({
  ...RecordBase,
  title: Title,
  slug: Slug,
  summary: Markdown.default(''),
  status: CaseStatus.default('open'),
  incidentDate: PartialDate.optional(),
  incidentEndDate: PartialDate.optional(),
  location: text(LIMITS.shortText).optional(),
  tags: TagList.default([]),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

export { SOURCE_KINDS, SourceKind, SOURCE_KIND_LABELS, KIND_FIELDS, Extra, Doi, Issn, Isbn, kindByLabel } from './bibliographic';

/** Source reliability on the Admiralty scale used in UK intelligence and policing (A reliable … F cannot be judged). */
export const ReliabilityGrade = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export type ReliabilityGrade = z.infer<typeof ReliabilityGrade>;
export const RELIABILITY_LABELS: Record<ReliabilityGrade, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

export const Author = z
  .object({
    family: text(LIMITS.shortText).optional(),
    given: text(LIMITS.shortText).optional(),
    /** An organisation or a name that should not be split ("Metropolitan Police Service"). */
    literal: text(LIMITS.shortText).optional(),
  })
  .refine((a) => Boolean(a.family?.trim() || a.literal?.trim()), 'An author needs a family name or a full name.');
export type Author = z.infer<typeof Author>;

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 hex digest.');

/**
 * How a web capture was made: kept on the attachment it produced (the page's HTML, or a PDF rendering of
 * it), because each capture is one file at one moment — a page captured twice gives two attachments, each
 * with its own time, status and hash — and a source may hold several. Optional, so older files stay valid.
 */
export const CaptureInfo = z.object({
  /** When the response was received, UTC. */
  capturedAt: Timestamp,
  /** The address asked for. */
  requestedUrl: HttpUrl,
  /** The address that answered, after following redirects. */
  finalUrl: HttpUrl,
  /** The HTTP status of the final response. */
  status: z.number().int().min(100).max(599),
  /** Each redirect followed, in order: the address that redirected and its status. */
  redirects: z.array(z.object({ url: HttpUrl, status: z.number().int().min(300).max(399) })).max(20).optional(),
  /** The Content-Type the server declared. */
  contentType: text(LIMITS.shortText).optional(),
  /** Where to look for archived copies of the page: archive.org's lookup address, "https://web.archive.org/web/*" + "/" + the address. */
  archiveLookupUrl: z.string().max(LIMITS.url + 64).refine((s) => s.startsWith('https://web.archive.org/web/*/'), 'Not an archive.org lookup address.'),
  /** For a PDF rendering of a captured page: the id of the HTML capture it renders. */
  renderingOf: RecordId.optional(),
  /** For a web archive (WACZ) of a capture: the id of the HTML capture whose exchanges it records. */
  webArchiveOf: RecordId.optional(),
});
export type CaptureInfo = z.infer<typeof CaptureInfo>;

export const Attachment = z.object({
  id: RecordId,
  /** The name the file had when it was added: shown to people, never used as a path. */
  fileName: requiredText(255, 'A file name'),
  mediaType: z.string().max(127).regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, 'Not a media type.'),
  size: z.number().int().nonnegative(),
  sha256: Sha256,
  addedAt: Timestamp,
  /** Present when the file was captured from the web rather than added from disk. */
  capture: CaptureInfo.optional(),
});
export type Attachment = z.infer<typeof Attachment>;

export const SourceRecord = z.object({
  ...RecordBase,
  kind: SourceKind.default('other'),
  title: Title,
  url: HttpUrl.optional(),
  publisher: text(LIMITS.shortText).optional(),
  authors: z.array(Author).max(500).default([]),
  publishedDate: PartialDate.optional(),
  accessedDate: PartialDate.optional(),
  description: Markdown.optional(),
  reliability: ReliabilityGrade.optional(),
  tags: TagList.default([]),
  attachments: z.array(Attachment).max(1000).default([]),
  archiveUrl: HttpUrl.optional(),
  ...BIBLIOGRAPHIC_FIELDS,
  editors: z.array(Author).max(500).optional(),
});
export type SourceRecord = z.infer<typeof SourceRecord>;

export const PinpointKind = z.enum(['page', 'paragraph', 'timestamp', 'section']);
export type PinpointKind = z.infer<typeof PinpointKind>;
export const Pinpoint = z.object({ kind: PinpointKind, value: requiredText(100, 'A pinpoint') });
export type Pinpoint = z.infer<typeof Pinpoint>;

export function formatPinpoint(p: Pinpoint | undefined): string {
  if (!p) return '';
  switch (p.kind) {
    case 'page':
      return `p. ${p.value}`;
    case 'paragraph':
      return `para. ${p.value}`;
    case 'timestamp':
      return `at ${p.value}`;
    case 'section':
      return p.value;
  }
}

export const SourceRef = z.object({ sourceId: RecordId, pinpoint: Pinpoint.optional() });
export type SourceRef = z.infer<typeof SourceRef>;

export const Quotation = z.object({
  id: RecordId,
  sourceId: RecordId,
  quote: requiredText(20_000, 'A quotation'),
  pinpoint: Pinpoint.optional(),
});
export type Quotation = z.infer<typeof Quotation>;

export const NoteRecord = z.object({
  ...RecordBase,
  title: Title,
  body: Markdown.default(''),
  quotations: z.array(Quotation).max(LIMITS.listItems).default([]),
  tags: TagList.default([]),
});
export type NoteRecord = z.infer<typeof NoteRecord>;

export const ClaimStatus = z.enum(['alleged', 'admitted', 'disputed', 'found', 'established']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const EventRecord = z.object({
  ...RecordBase,
  date: PartialDate,
  endDate: PartialDate.optional(),
  title: Title,
  description: Markdown.optional(),
  claimStatus: ClaimStatus.default('alleged'),
  sources: z.array(SourceRef).max(1000).default([]),
  tags: TagList.default([]),
});
export type EventRecord = z.infer<typeof EventRecord>;

/** cases/<id>/case.json: one case with everything it holds, so a copied folder is a whole case. */
export const CaseFile = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  case: CaseRecord,
  sources: z.array(SourceRecord).default([]),
  notes: z.array(NoteRecord).default([]),
  events: z.array(EventRecord).default([]),
});
export type CaseFile = z.infer<typeof CaseFile>;

export const SavedSearch = z.object({ id: RecordId, name: Title, query: text(2000) });
export type SavedSearch = z.infer<typeof SavedSearch>;

/** A Bates prefix: what is stamped before each page number ("MET-000001"). */
export const BatesPrefix = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,23}$/, 'A Bates prefix is 1–24 letters, digits, spaces, dots, slashes or hyphens, starting with a letter or digit.');

const singleLine = (max: number, label: string) =>
  text(max)
    .refine((s) => !/[\r\n]/.test(s), `${label} must be a single line.`)
    .refine((s) => s.trim().length > 0, `${label} cannot be empty; clear it instead.`);

/** A user name as it may be set now; stored names are read leniently (older versions accepted any text). */
export const UserName = singleLine(LIMITS.shortText, 'The user name');
/** The app's scheduled link check: off unless turned on; at most one check of every source address per interval. */
export const LinkWatchSettings = z.object({
  enabled: z.boolean(),
  intervalHours: z.number().int().min(1, 'Check at most once an hour.').max(24 * 90, 'Check at least once every 90 days.'),
});
export type LinkWatchSettings = z.infer<typeof LinkWatchSettings>;

export const LibrarySettings = z.object({
  /** Recorded as the author of changes (the journal, the custody table) and as "compiled by" on dossiers. */
  userName: text(LIMITS.shortText).optional(),
  /** Who to contact about the dossier; also the author address later sync will record. */
  userEmail: z.email('Type an email address such as name@example.org.').max(254).optional(),
  /** The export dialog's defaults. */
  citationStyle: CitationStyle.optional(),
  batesPrefix: BatesPrefix.optional(),
  marking: singleLine(80, 'A marking').optional(),
  linkWatch: LinkWatchSettings.optional(),
  /** The roles people can have in a case; absent means DEFAULT_PERSON_ROLES (shared/people.ts). */
  personRoles: PersonRoleList.optional(),
});
export type LibrarySettings = z.infer<typeof LibrarySettings>;

/** library.json: what belongs to the library rather than to one case. */
export const LibraryFile = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: RecordId,
  name: Title,
  createdAt: Timestamp,
  settings: LibrarySettings.default({}),
  tags: z.array(TagDefinition).default([]),
  savedSearches: z.array(SavedSearch).default([]),
  /** The people register (shared/people.ts), library-wide: one person can appear in several cases. */
  people: z.array(Person).default([]),
});
export type LibraryFile = z.infer<typeof LibraryFile>;

export const RecordKind = z.enum(['case', 'source', 'note', 'event']);
export type RecordKind = z.infer<typeof RecordKind>;

/** Points at one record anywhere in the library. */
export const RecordRef = z.object({ caseId: RecordId, kind: RecordKind, id: RecordId });
export type RecordRef = z.infer<typeof RecordRef>;

/** Points at a person of the library's people register (they belong to no one case). */
export const PersonRef = z.object({ kind: z.literal('person'), id: RecordId });
export type PersonRef = z.infer<typeof PersonRef>;

/** What the trash can hold: a case or one of its records, or a person of the register. */
export const TrashRef = z.union([RecordRef, PersonRef]);
export type TrashRef = z.infer<typeof TrashRef>;

/** True when `tag` is `root` or lies beneath it ("theme" contains "theme/misogyny", not "themes"). */
export function tagWithin(tag: string, root: string): boolean {
  return tag === root || tag.startsWith(`${root}/`);
}
