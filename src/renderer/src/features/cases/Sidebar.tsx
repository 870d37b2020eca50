/* The left pane: the library's cases with their counts, the tag tree, saved searches, the people register and the trash. */
import { ActionIcon, Group, NavLink, ScrollArea, Text, Tooltip } from '@mantine/core';
import { IconBookmark, IconPlus, IconTrash, IconUsers, IconX } from '@tabler/icons-react';
import { api } from '../../api';
import { change } from '../../app/actions';
import { isRecordView, setFilter, setState, setView, useAppState } from '../../app/store';
import { CaseList } from './CaseList';
import { queryToFilter } from '../records/record-filter';
import { TagTree } from '../tags/TagTree';

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
          <CaseList />
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
                  if (!isRecordView(view)) setView('sources');
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
        <NavLink label="People" leftSection={<IconUsers size={17} stroke={1.5} />} active={view === 'people'} onClick={() => setView('people')} variant="light" className="people-link" />
        <NavLink label="Trash" leftSection={<IconTrash size={17} stroke={1.5} />} active={view === 'trash'} onClick={() => setView('trash')} variant="light" className="trash-link" />
      </div>
    </nav>
  );
}
