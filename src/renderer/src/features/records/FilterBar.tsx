/* Search within the list, filters (tag subtree, kind, date range, claim status), sorting, and saving a filter as a search. */
import { ActionIcon, Badge, Button, CloseButton, Group, Indicator, Menu, MultiSelect, Popover, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowsSort, IconBookmarkPlus, IconFilter, IconSearch, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useState } from 'react';
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type ClaimStatus, type SourceKind } from '../../../../shared/domain';
import { api } from '../../api';
import { ModalForm } from '../../ui/ModalForm';
import { change } from '../../app/actions';
import { setFilter, useAppState, type RecordView } from '../../app/store';
import { PartialDateInput } from '../../ui/PartialDateInput';
import { CLAIM_LABELS } from '../chronology/claims';
import { EMPTY_FILTER, filterToQuery, isFilterEmpty, type RecordFilter } from './record-filter';

export interface SortState {
  by: string;
  descending: boolean;
}

export const SORT_OPTIONS: Record<RecordView, { value: string; label: string }[]> = {
  sources: [
    { value: 'title', label: 'Title' },
    { value: 'published', label: 'Date published' },
    { value: 'added', label: 'Date added' },
    { value: 'kind', label: 'Kind' },
  ],
  notes: [
    { value: 'updated', label: 'Last changed' },
    { value: 'created', label: 'Date written' },
    { value: 'title', label: 'Title' },
  ],
  chronology: [
    { value: 'date', label: 'Date' },
    { value: 'status', label: 'Claim status' },
    { value: 'title', label: 'Title' },
  ],
};

function activeFilterCount(f: RecordFilter): number {
  return (f.tag ? 1 : 0) + (f.kinds.length ? 1 : 0) + (f.claims.length ? 1 : 0) + (f.from || f.to ? 1 : 0);
}

function SaveSearchForm({ filter, onDone }: { filter: RecordFilter; onDone: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    if (!name.trim()) return setError('Give the search a name.');
    const saved = await change('Could not save the search', () => api['searches:save']({ name: name.trim(), query: filterToQuery(filter) }));
    if (saved) onDone();
  };
  return (
    <ModalForm onSubmit={submit}>
      <Text size="sm" c="dimmed">
        {filterToQuery(filter)}
      </Text>
      <TextInput label="Name" placeholder="e.g. IOPC findings" value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} data-autofocus />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit">Save search</Button>
      </Group>
    </ModalForm>
  );
}

function saveSearch(filter: RecordFilter): void {
  const id = modals.open({ title: 'Save this search', children: <SaveSearchForm filter={filter} onDone={() => modals.close(id)} /> });
}

interface Props {
  view: RecordView;
  sort: SortState;
  onSort: (sort: SortState) => void;
}

export function FilterBar({ view, sort, onSort }: Props) {
  const filter = useAppState((s) => s.filter);
  const tags = useAppState((s) => s.tags);
  const [opened, setOpened] = useState(false);
  const update = (patch: Partial<RecordFilter>) => setFilter({ ...filter, ...patch });
  const count = activeFilterCount(filter);
  const sortLabel = SORT_OPTIONS[view].find((o) => o.value === sort.by)?.label ?? '';

  return (
    <div className="filter-bar">
      <Group gap={6} wrap="nowrap">
        <TextInput
          className="filter-search"
          size="xs"
          placeholder={`Search ${view === 'chronology' ? 'the chronology' : view}…`}
          aria-label={`Search ${view}`}
          leftSection={<IconSearch size={14} />}
          value={filter.text}
          onChange={(e) => update({ text: e.currentTarget.value })}
          rightSection={filter.text ? <CloseButton size="xs" aria-label="Clear search" onClick={() => update({ text: '' })} /> : null}
        />
        <Popover opened={opened} onChange={setOpened} position="bottom-end" width={320} shadow="md" withArrow>
          {/* The popover's ARIA attributes go on the button itself, not on the badge around it. */}
          <Indicator label={count} size={15} disabled={count === 0} offset={3}>
            <Popover.Target>
              <Tooltip label="Filters" withArrow>
                <ActionIcon variant={count ? 'light' : 'default'} size="md" aria-label="Filters" onClick={() => setOpened((o) => !o)}>
                  <IconFilter size={16} stroke={1.6} />
                </ActionIcon>
              </Tooltip>
            </Popover.Target>
          </Indicator>
          <Popover.Dropdown>
            <Stack gap="sm">
              <Select
                label="Tag (and everything beneath it)"
                placeholder="Any tag"
                data={tags.map((t) => t.path)}
                value={filter.tag ?? null}
                onChange={(tag) => update({ tag: tag ?? undefined })}
                searchable
                clearable
                comboboxProps={{ withinPortal: false }}
              />
              {view === 'sources' && (
                <MultiSelect
                  label="Kind"
                  placeholder={filter.kinds.length ? undefined : 'Any kind'}
                  data={SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_KIND_LABELS[k] }))}
                  value={filter.kinds}
                  onChange={(kinds) => update({ kinds: kinds as SourceKind[] })}
                  clearable
                  comboboxProps={{ withinPortal: false }}
                />
              )}
              {view === 'chronology' && (
                <MultiSelect
                  label="Claim status"
                  placeholder={filter.claims.length ? undefined : 'Any status'}
                  data={(Object.keys(CLAIM_LABELS) as ClaimStatus[]).map((c) => ({ value: c, label: CLAIM_LABELS[c] }))}
                  value={filter.claims}
                  onChange={(claims) => update({ claims: claims as ClaimStatus[] })}
                  clearable
                  comboboxProps={{ withinPortal: false }}
                />
              )}
              <Group grow align="flex-start">
                <PartialDateInput label={view === 'sources' ? 'Published from' : view === 'notes' ? 'Changed from' : 'From'} value={filter.from ?? ''} onChange={(from) => update({ from: from || undefined })} size="xs" />
                <PartialDateInput label="To" value={filter.to ?? ''} onChange={(to) => update({ to: to || undefined })} size="xs" />
              </Group>
              <Group justify="space-between">
                <Button size="xs" variant="subtle" color="gray" onClick={() => setFilter(EMPTY_FILTER)} disabled={isFilterEmpty(filter)}>
                  Clear all
                </Button>
                <Button size="xs" variant="light" leftSection={<IconBookmarkPlus size={14} />} disabled={isFilterEmpty(filter)}
                  onClick={() => {
                    // The popover would otherwise stay open over the dialog and cover its Save button.
                    setOpened(false);
                    saveSearch(filter);
                  }}
                >
                  Save as search…
                </Button>
              </Group>
            </Stack>
          </Popover.Dropdown>
        </Popover>
        <Menu position="bottom-end" shadow="md" width={200}>
          <Menu.Target>
            <Tooltip label={`Sorted by ${sortLabel.toLowerCase()}`} withArrow>
              <ActionIcon variant="default" size="md" aria-label="Sort">
                <IconArrowsSort size={16} stroke={1.6} />
              </ActionIcon>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Sort by</Menu.Label>
            {SORT_OPTIONS[view].map((o) => (
              <Menu.Item key={o.value} onClick={() => onSort({ ...sort, by: o.value })} fw={o.value === sort.by ? 600 : undefined}>
                {o.label}
              </Menu.Item>
            ))}
            <Menu.Divider />
            <Menu.Item leftSection={sort.descending ? <IconSortDescending size={14} /> : <IconSortAscending size={14} />} onClick={() => onSort({ ...sort, descending: !sort.descending })}>
              {sort.descending ? 'Descending' : 'Ascending'}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      {count > 0 && (
        <Group gap={4} mt={6} className="filter-chips">
          {filter.tag && <FilterChip label={`Tag: ${filter.tag}`} onClear={() => update({ tag: undefined })} />}
          {filter.kinds.length > 0 && <FilterChip label={`Kind: ${filter.kinds.map((k) => SOURCE_KIND_LABELS[k]).join(', ')}`} onClear={() => update({ kinds: [] })} />}
          {filter.claims.length > 0 && <FilterChip label={`Status: ${filter.claims.map((c) => CLAIM_LABELS[c]).join(', ')}`} onClear={() => update({ claims: [] })} />}
          {(filter.from || filter.to) && <FilterChip label={`${filter.from ?? '…'} – ${filter.to ?? '…'}`} onClear={() => update({ from: undefined, to: undefined })} />}
        </Group>
      )}
    </div>
  );
}

function FilterChip({ label, onClear }: { label: string; onClear: () => void }) {
  return (
    <Badge variant="light" size="md" radius="sm" tt="none" fw={500} rightSection={<CloseButton size={14} aria-label={`Remove filter ${label}`} onClick={onClear} variant="transparent" />} className="filter-chip">
      {label}
    </Badge>
  );
}
