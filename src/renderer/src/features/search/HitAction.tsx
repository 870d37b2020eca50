/*
 * One quick-search result: its title and the passage that matched, the matches marked, and what it is.
 * Rendered for every answer, up to 24 at a time, so a row is plain elements styled by search.css rather
 * than a nest of layout components, and a row whose hit did not change since the last keystroke is not
 * rendered again (the same record keeps its key; `sameHit` compares what it shows).
 * Passages arrive as plain text with match offsets; they are marked here with <mark> elements around text
 * nodes, so nothing a record contains is ever treated as markup.
 */
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconCalendarEvent, IconFileText, IconFolder, IconNote, IconPaperclip } from '@tabler/icons-react';
import { memo } from 'react';
import type { SearchHit, TextRange } from '../../../../shared/api/search-types';
import { formatPartialDate } from '../../../../shared/partial-date';
import { jumpTo } from '../../app/store';
import { alsoInText } from './dedupe';
import './search.css';

const ICONS = { case: IconFolder, source: IconFileText, note: IconNote, event: IconCalendarEvent, attachment: IconPaperclip } as const;
const LABELS = { case: 'Case', source: 'Source', note: 'Note', event: 'Event', attachment: 'File' } as const;

/** `text` with the stretches in `ranges` marked. */
export function Marked({ text, ranges }: { text: string; ranges: readonly TextRange[] }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at || r.end > text.length) continue;
    if (r.start > at) parts.push({ text: text.slice(at, r.start), marked: false });
    parts.push({ text: text.slice(r.start, r.end), marked: true });
    at = r.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <>
      {parts.map((p, i) =>
        p.marked ? (
          <mark key={i} className="search-mark">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

function detailOf(hit: SearchHit): string {
  const page = hit.attachment && `p. ${hit.attachment.page.label ?? hit.attachment.page.index + 1} of “${hit.attachment.sourceTitle}”`;
  return [page, hit.date && formatPartialDate(hit.date), hit.claimStatus, hit.reliability && `reliability ${hit.reliability}`].filter(Boolean).join(' · ');
}

interface HitProps {
  hit: SearchHit;
  alsoIn: string[];
}

function HitActionView({ hit, alsoIn }: HitProps) {
  const Icon = ICONS[hit.kind];
  const detail = detailOf(hit);
  return (
    <button
      type="button"
      data-action
      tabIndex={-1}
      className={`${Spotlight.classes.action} search-hit`}
      // The search box keeps the focus (and the caret) while a result is clicked.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        void jumpTo(hit.ref);
        spotlight.close();
      }}
    >
      <div className="search-hit-body">
        <Icon size={18} stroke={1.5} className="dimmed-icon" />
        <div className="search-hit-text">
          <div className="search-hit-title">
            <Marked text={hit.title} ranges={hit.titleMatches} />
          </div>
          {hit.passage && (
            <div className="search-hit-passage">
              <Marked text={hit.passage.text} ranges={hit.passage.matches} />
            </div>
          )}
          {detail && <div className="search-hit-detail">{detail}</div>}
          {alsoIn.length > 0 && (
            <div className="search-hit-passage search-also-in" title={alsoIn.join(' · ')}>
              {alsoInText(alsoIn)}
            </div>
          )}
        </div>
        <span className="search-hit-kind">{LABELS[hit.kind]}</span>
      </div>
    </button>
  );
}

/** What a row shows is all in its hit (but its score) and alsoIn, plain data: equal JSON means an equal row. */
const shown = (hit: SearchHit) => JSON.stringify(hit, (key, value: unknown) => (key === 'score' ? undefined : value));
function sameHit(a: HitProps, b: HitProps): boolean {
  return a.hit === b.hit || (shown(a.hit) === shown(b.hit) && a.alsoIn.join('\n') === b.alsoIn.join('\n'));
}

export const HitAction = memo(HitActionView, sameHit);
