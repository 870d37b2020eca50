/*
 * What the dossier will hold, decided before any layout: the live (not trashed) records of each case, the
 * numbering of sources (S1, S2… within each case) and exhibits (EV-1, EV-2… across the dossier, in order of first
 * citation), and the anchor names every link, contents entry and bookmark points at.
 */
import type { Attachment, CaseFile, CaseRecord, EventRecord, NoteRecord, SourceRecord } from '../../shared/domain';
import { comparePartialDates } from '../../shared/partial-date';
import type { DossierSection } from './types';

export const anchors = {
  cover: 'cover',
  contents: 'contents',
  case: (caseId: string) => `case/${caseId}`,
  section: (caseId: string, section: 'summary' | 'chronology' | 'sources' | 'notes') => `case/${caseId}/${section}`,
  source: (caseId: string, sourceId: string) => `source/${caseId}/${sourceId}`,
  note: (caseId: string, noteId: string) => `note/${caseId}/${noteId}`,
  event: (caseId: string, eventId: string) => `event/${caseId}/${eventId}`,
  exhibits: 'exhibits',
  exhibit: (number: string) => `exhibit/${number}`,
  /** Page `page` (1-based) of an exhibit's own content, after its separator sheet. */
  exhibitPage: (number: string, page: number) => `exhibit/${number}/page/${page}`,
  /** The last page belonging to an exhibit (its own last page, or its placeholder). */
  exhibitEnd: (number: string) => `exhibit/${number}/end`,
  tagIndex: 'tag-index',
  integrity: 'integrity',
  lastPage: 'last-page',
} as const;

export interface SourceModel {
  record: SourceRecord;
  /** "S1", "S2"… in the order the case lists its sources. */
  label: string;
  anchor: string;
  exhibits: ExhibitSlot[];
}

export interface CaseModel {
  file: CaseFile;
  record: CaseRecord;
  /** 1-based position in the dossier. */
  position: number;
  sources: SourceModel[];
  sourceById: Map<string, SourceModel>;
  /** Chronological; undated events last; ties keep the order recorded. */
  events: EventRecord[];
  notes: NoteRecord[];
}

export interface ExhibitCitation {
  caseModel: CaseModel;
  source: SourceModel;
  attachment: Attachment;
}

/** One distinct file (by SHA-256) to be bundled; a file attached to several sources is bundled once. */
export interface ExhibitSlot {
  number: string;
  index: number;
  anchor: string;
  sha256: string;
  /** The first citation's attachment record: its file name, type, size and date added describe the exhibit. */
  attachment: Attachment;
  citedBy: ExhibitCitation[];
  /** For a captured web page (HTML): the exhibit holding the window's PDF rendering of it, when it has one. */
  renderedAs?: ExhibitSlot;
}

export interface DossierModel {
  cases: CaseModel[];
  exhibits: ExhibitSlot[];
}

const live = <T extends { deletedAt?: string }>(records: T[]): T[] => records.filter((r) => !r.deletedAt);

export function buildModel(cases: CaseFile[], sections: ReadonlySet<DossierSection>): DossierModel {
  const exhibits: ExhibitSlot[] = [];
  const bySha = new Map<string, ExhibitSlot>();
  const models = cases.map((file, i): CaseModel => {
    const sources = live(file.sources).map(
      (record, n): SourceModel => ({ record, label: `S${n + 1}`, anchor: anchors.source(file.case.id, record.id), exhibits: [] }),
    );
    const events = live(file.events)
      .map((event, order) => ({ event, order }))
      .sort((a, b) => comparePartialDates(a.event.date, b.event.date) || a.order - b.order)
      .map((e) => e.event);
    return {
      file,
      record: file.case,
      position: i + 1,
      sources,
      sourceById: new Map(sources.map((s) => [s.record.id, s])),
      events,
      notes: live(file.notes),
    };
  });
  if (sections.has('exhibits')) {
    for (const caseModel of models) {
      for (const source of caseModel.sources) {
        for (const attachment of source.record.attachments) {
          // A capture's web archive is for replay tools; its page (and the page's PDF rendering) stand for it here.
          if (attachment.capture?.webArchiveOf) continue;
          let slot = bySha.get(attachment.sha256);
          if (!slot) {
            const number = `EV-${exhibits.length + 1}`;
            slot = { number, index: exhibits.length, anchor: anchors.exhibit(number), sha256: attachment.sha256, attachment, citedBy: [] };
            exhibits.push(slot);
            bySha.set(attachment.sha256, slot);
          }
          slot.citedBy.push({ caseModel, source, attachment });
          if (!source.exhibits.includes(slot)) source.exhibits.push(slot);
        }
      }
    }
  }
  // A web capture made in the window has its HTML and a PDF rendering of it side by side: the rendering is
  // what a reader can look at, so the HTML exhibit points to it rather than standing in as a page of markup.
  for (const slot of exhibits) {
    for (const { source, attachment } of slot.citedBy) {
      slot.renderedAs ??= source.exhibits.find((other) => other !== slot && other.citedBy.some((c) => c.source === source && c.attachment.capture?.renderingOf === attachment.id));
    }
  }
  return { cases: models, exhibits };
}
