/* The left pane: the library's cases with their counts, the tag tree, saved searches and the trash. */
import { ActionIcon, Group, NavLink, ScrollArea, Text, Tooltip } from '@mantine/core';
import { IconBookmark, IconFolder, IconFolderOpen, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import type { CaseSummary } from '../../../../shared/api/types';
import { api } from '../../api';
import { change } from '../../app/actions';
import { openCase, setFilter, setState, setView, useAppState } from '../../app/store';
import { queryToFilter } from '../records/record-filter';
import { TagTree } from '../tags/TagTree';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function caseCounts(c: CaseSummary): string {
  return [plural(c.counts.sources, 'source', 'sources'), plural(c.counts.notes, 'note', 'notes'), plural(c.counts.events, 'event', 'events')].join(' · ');
}

function Section({ title, action, children }: { title: string; action?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="sidebar-section" aria-label={title}>
      <Group justify="space-between" className="sidebar-heading" wrap="nowrap">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" lts={0.6}>
          {title}
        </Text>
        {action}
      </Group>
      {children}
    </section>
  );
}

export function Sidebar() {
  const cases = useAppState((s) => s.cases);
  const caseId = useAppState((s) => s.caseId);
  const view = useAppState((s) => s.view);
  const savedSearches = useAppState((s) => s.savedSearches);

  return (
    <nav className="sidebar" aria-label="Library">
      <ScrollArea className="sidebar-scroll" type="hover" scrollbarSize={8}>
        <Section
          title="Cases"
          action={
            <Tooltip label="New case" withArrow>
              <ActionIcon size="sm" variant="subtle" color="gray" aria-label="New case" onClick={() => setState({ draft: 'case', selection: [], focused: undefined })}>
                <IconPlus size={15} />
              </ActionIcon>
            </Tooltip>
          }
        >
          <div className="case-list" role="list">
            {cases.map((c) => {
              const active = c.id === caseId && view !== 'trash';
              return (
                <NavLink
                  key={c.id}
                  role="listitem"
                  active={active}
                  label={c.title}
                  title={c.title}
                  description={caseCounts(c)}
                  leftSection={active ? <IconFolderOpen size={17} stroke={1.5} /> : <IconFolder size={17} stroke={1.5} />}
                  onClick={() => void openCase(c.id)}
                  className="case-link"
                  data-case={c.slug}
                  variant="light"
                />
              );
            })}
            {cases.length === 0 && (
              <Text size="xs" c="dimmed" px="sm">
                No cases yet.
              </Text>
            )}
          </div>
        </Section>
        <Section title="Tags">
          <TagTree />
        </Section>
        <Section title="Saved searches">
          {savedSearches.length === 0 ? (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              Filter a list, then “Save as search” to keep it here.
            </Text>
          ) : (
            savedSearches.map((s) => (
              <NavLink
                key={s.id}
                label={s.name}
                title={s.query}
                leftSection={<IconBookmark size={15} stroke={1.5} />}
                className="saved-search"
                onClick={() => {
                  if (view === 'trash') setView('sources');
                  setFilter(queryToFilter(s.query));
                }}
                rightSection={
                  <ActionIcon
                    size="xs"
                    variant="subtle"
                    color="gray"
                    aria-label={`Delete saved search ${s.name}`}
                    className="hover-action"
                    onClick={(e) => {
                      e.stopPropagation();
                      void change('Could not delete the saved search', () => api['searches:delete']({ id: s.id }));
                    }}
                  >
                    <IconX size={12} />
                  </ActionIcon>
                }
              />
            ))
          )}
        </Section>
      </ScrollArea>
      <div className="sidebar-footer">
        <NavLink label="Trash" leftSection={<IconTrash size={17} stroke={1.5} />} active={view === 'trash'} onClick={() => setView('trash')} variant="light" className="trash-link" />
      </div>
    </nav>
  );
}
