/* The middle pane: the open case's sources, notes or chronology as a list, filtered and sorted; or the trash. */
import { ActionIcon, Badge, Button, Group, Menu, SegmentedControl, Tabs, Text, Tooltip } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconCalendarEvent, IconChevronDown, IconFileText, IconFolder, IconNote, IconPlus, IconTable, IconTimeline } from '@tabler/icons-react';
import { useMemo } from 'react';
import { formatPartialDate } from '../../../../shared/partial-date';
import { startNewRecord, trashRecords } from '../../app/actions';
import { select, setState, setView, useAppState, VIEW_KIND, type ListView, type RecordView } from '../../app/store';
import { Timeline } from '../chronology/Timeline';
import { TrashList } from '../trash/TrashList';
import { PeopleList } from '../people/PeopleList';
import { BulkBar } from './BulkBar';
import { FilterBar, type SortState } from './FilterBar';
import { eventMatches, noteMatches, sortEvents, sortNotes, sortSources, sourceMatches, type EventSort, type NoteSort, type SourceSort } from './record-filter';
import { RecordList } from './RecordList';
import { PaneHeader } from '../../ui/PaneHeader';
import { EventRow, NoteRow, ROW_HEIGHT, SourceRow } from './rows';

const DEFAULT_SORT: Record<RecordView, SortState> = {
  sources: { by: 'published', descending: false },
  notes: { by: 'updated', descending: true },
  chronology: { by: 'date', descending: false },
};

function focusEditor(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.editor .title-field textarea, .editor .title-field input, .editor [data-autofocus]')?.focus());
}

export function RecordPane() {
  const view = useAppState((s) => s.view);
  const caseFile = useAppState((s) => s.caseFile);
  const cases = useAppState((s) => s.cases);
  const opening = useAppState((s) => !!s.caseId && !s.caseFile);
  if (view === 'trash') return <TrashList />;
  if (view === 'people') return <PeopleList />;
  if (opening) return <div className="pane-empty" aria-busy="true" />;
  if (!caseFile) {
    return (
      <div className="pane-empty">
        <Text c="dimmed">{cases.length === 0 ? 'This library has no cases yet. Create one to begin.' : 'Choose a case on the left.'}</Text>
        <Button mt="md" leftSection={<IconPlus size={16} />} onClick={() => setState({ draft: 'case', selection: [], focused: undefined })}>
          New case
        </Button>
      </div>
    );
  }
  return <CaseRecords view={view} />;
}

function CaseHeader() {
  const record = useAppState((s) => s.caseFile!.case);
  const showingCase = useAppState((s) => !s.focused && !s.draft && s.selection.length === 0);
  const facts = [record.incidentDate && formatPartialDate(record.incidentDate), record.location].filter(Boolean).join(' · ');
  return (
    <PaneHeader
      title={record.title}
      titleLines={2}
      description={
        <Group gap={8} mt={2}>
          <Badge size="sm" variant="dot" color={record.status === 'open' ? 'green' : 'gray'} tt="none">
            {record.status === 'open' ? 'Open' : record.status === 'closed' ? 'Closed' : 'Archived'}
          </Badge>
          {facts && (
            <Text size="sm" c="dimmed">
              {facts}
            </Text>
          )}
        </Group>
      }
      actions={
        <Group gap={6} wrap="nowrap">
          <Tooltip label="Case details and summary" withArrow>
            <ActionIcon variant={showingCase ? 'light' : 'default'} size="lg" aria-label="Case details" onClick={() => setState({ selection: [], focused: undefined, draft: undefined })}>
              <IconFolder size={18} stroke={1.6} />
            </ActionIcon>
          </Tooltip>
          <Menu position="bottom-end" shadow="md">
            <Menu.Target>
              <Button size="sm" leftSection={<IconPlus size={16} />} rightSection={<IconChevronDown size={14} />}>
                Add
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconFileText size={15} />} onClick={() => startNewRecord('source')}>
                Source
              </Menu.Item>
              <Menu.Item leftSection={<IconNote size={15} />} onClick={() => startNewRecord('note')}>
                Note
              </Menu.Item>
              <Menu.Item leftSection={<IconCalendarEvent size={15} />} onClick={() => startNewRecord('event')}>
                Event
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      }
    />
  );
}

function CaseRecords({ view }: { view: RecordView }) {
  const caseFile = useAppState((s) => s.caseFile!);
  const filter = useAppState((s) => s.filter);
  const selection = useAppState((s) => s.selection);
  const [sorts, setSorts] = useLocalStorage<Record<string, SortState>>({ key: 'casefolio.sort', defaultValue: DEFAULT_SORT });
  const [chronologyMode, setChronologyMode] = useLocalStorage<'timeline' | 'table'>({ key: 'casefolio.chronology-view', defaultValue: 'timeline' });
  const sort = sorts[view] ?? DEFAULT_SORT[view];
  const kind = VIEW_KIND[view];

  const items = useMemo(() => {
    if (view === 'sources') return sortSources(caseFile.sources.filter((s) => sourceMatches(s, filter)), sort.by as SourceSort, sort.descending);
    if (view === 'notes') return sortNotes(caseFile.notes.filter((n) => noteMatches(n, filter)), sort.by as NoteSort, sort.descending);
    return sortEvents(caseFile.events.filter((e) => eventMatches(e, filter)), sort.by as EventSort, sort.descending);
  }, [caseFile, view, filter, sort.by, sort.descending]);

  const total = view === 'sources' ? caseFile.sources.length : view === 'notes' ? caseFile.notes.length : caseFile.events.length;
  const filtered = items.length !== total;
  const empty = (
    <Text c="dimmed" size="sm" ta="center">
      {total === 0 ? `No ${view === 'chronology' ? 'events' : view} in this case yet.` : 'Nothing matches these filters.'}
    </Text>
  );

  const list = (
    <RecordList
      items={items as { id: string }[]}
      selection={selection}
      onSelect={(ids, focused) => select(ids, focused)}
      onOpen={() => focusEditor()}
      onDelete={(ids) => void trashRecords(kind, ids)}
      rowHeight={ROW_HEIGHT[kind]}
      label={view}
      empty={empty}
      renderRow={(item) => {
        if (view === 'sources') return <SourceRow source={item as (typeof caseFile.sources)[number]} />;
        if (view === 'notes') return <NoteRow note={item as (typeof caseFile.notes)[number]} />;
        return <EventRow event={item as (typeof caseFile.events)[number]} />;
      }}
    />
  );

  return (
    <div className="record-pane">
      <CaseHeader />
      <Tabs value={view} onChange={(v) => v && setView(v as ListView)} className="record-tabs" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sources" leftSection={<IconFileText size={15} stroke={1.6} />} rightSection={<CountBadge n={caseFile.sources.length} />}>
            Sources
          </Tabs.Tab>
          <Tabs.Tab value="notes" leftSection={<IconNote size={15} stroke={1.6} />} rightSection={<CountBadge n={caseFile.notes.length} />}>
            Notes
          </Tabs.Tab>
          <Tabs.Tab value="chronology" leftSection={<IconCalendarEvent size={15} stroke={1.6} />} rightSection={<CountBadge n={caseFile.events.length} />}>
            Chronology
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <div className="list-toolbar">
        <FilterBar view={view} sort={sort} onSort={(next) => setSorts({ ...sorts, [view]: next })} />
        {view === 'chronology' && (
          <SegmentedControl
            size="xs"
            value={chronologyMode}
            onChange={(m) => setChronologyMode(m as 'timeline' | 'table')}
            aria-label="Chronology view"
            data={[
              { value: 'timeline', label: <Group gap={4} wrap="nowrap"><IconTimeline size={14} /> Timeline</Group> },
              { value: 'table', label: <Group gap={4} wrap="nowrap"><IconTable size={14} /> Table</Group> },
            ]}
          />
        )}
      </div>
      {filtered && (
        <Text size="xs" c="dimmed" className="list-count">
          Showing {items.length.toLocaleString('en-GB')} of {total.toLocaleString('en-GB')}
        </Text>
      )}
      {view === 'chronology' && chronologyMode === 'table' && items.length > 0 && (
        <div className="list-header row-event" role="presentation">
          <span className="row-date">Date</span>
          <span className="row-title">Event</span>
          <span className="row-sources">Sources</span>
          <span className="row-claim-head">Status</span>
        </div>
      )}
      <div className="list-area">{view === 'chronology' && chronologyMode === 'timeline' ? <Timeline events={items as (typeof caseFile.events)[number][]} empty={empty} /> : list}</div>
      <BulkBar kind={kind} />
    </div>
  );
}

function CountBadge({ n }: { n: number }) {
  return (
    <Badge size="xs" variant="light" color="gray" radius="sm" className="count-badge">
      {n.toLocaleString('en-GB')}
    </Badge>
  );
}
