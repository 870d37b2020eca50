/* The people register: everyone the library's cases are about, filtered by case, with roles and anonymity at a glance. */
import { Badge, Button, Group, ScrollArea, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconPlus, IconShieldLock, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { setState, useAppState } from '../../app/store';
import { PaneHeader } from '../../ui/PaneHeader';

export function PeopleList() {
  const people = useAppState((s) => s.people);
  const cases = useAppState((s) => s.cases);
  const personId = useAppState((s) => s.personId);
  const [caseId, setCaseId] = useState<string | null>(null);
  const shown = caseId ? people.filter((p) => p.cases.some((c) => c.caseId === caseId)) : people;

  return (
    <div className="record-pane">
      <PaneHeader
        title="People"
        description="Everyone the cases are about. Anonymised people are replaced by their cipher in redacted dossiers."
        actions={
          <Button size="sm" variant="light" className="people-new" leftSection={<IconPlus size={16} />} onClick={() => setState({ personId: 'new' })}>
            New person
          </Button>
        }
      />
      <Group px="md" pb="xs">
        <Select
          label="Case"
          size="xs"
          placeholder="All cases"
          clearable
          data={cases.map((c) => ({ value: c.id, label: c.title }))}
          value={caseId}
          onChange={setCaseId}
          className="people-case-filter"
        />
      </Group>
      <ScrollArea className="list-area" type="auto">
        {shown.length === 0 && (
          <Stack align="center" gap={6} mt="xl" c="dimmed">
            <IconUsers size={28} stroke={1.4} />
            <Text size="sm">{people.length === 0 ? 'No people yet. Add the people your cases are about.' : 'No one is linked to this case.'}</Text>
          </Stack>
        )}
        <ul className="people-list" aria-label="People">
          {shown.map((p) => (
            <li key={p.id}>
              <UnstyledButton className="person-row" data-person={p.id} aria-current={p.id === personId || undefined} onClick={() => setState({ personId: p.id })}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500} truncate="end">
                    {p.name}
                  </Text>
                  {p.anonymity && (
                    <Badge size="xs" variant="light" color="grape" radius="sm" leftSection={<IconShieldLock size={11} />} tt="none">
                      {p.anonymity.cipher}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" truncate="end">
                  {p.cases.length ? p.cases.map((c) => `${c.role} · ${cases.find((k) => k.id === c.caseId)?.title ?? 'a case in the trash'}`).join('; ') : 'Not linked to a case'}
                </Text>
              </UnstyledButton>
            </li>
          ))}
        </ul>
      </ScrollArea>
    </div>
  );
}
