/*
 * One of a person's cases in the person form: the role, and which of the case's events and sources they
 * appear in (what `casefolio person link --event/--source` sets). The case's records are read when the
 * row appears; a linked record since moved to the trash stays listed, marked, so saving never drops it.
 */
import { ActionIcon, Group, MultiSelect, Select, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CaseFile } from '../../../../shared/domain';
import { formatPartialDate } from '../../../../shared/partial-date';
import type { PersonCaseLink } from '../../../../shared/people';
import { api } from '../../api';

interface Option {
  value: string;
  label: string;
}

function optionsFor(file: CaseFile | undefined, linked: string[], kind: 'events' | 'sources'): Option[] {
  const records = file ? (kind === 'events' ? file.events.map((e) => ({ value: e.id, label: `${formatPartialDate(e.date)} · ${e.title}` })) : file.sources.map((s) => ({ value: s.id, label: s.title }))) : [];
  const known = new Set(records.map((r) => r.value));
  return [...records, ...linked.filter((id) => !known.has(id)).map((id) => ({ value: id, label: `${id} (in the trash)` }))];
}

interface PickerProps {
  label: 'Events' | 'Sources';
  caseTitle: string;
  placeholder: string;
  data: Option[];
  value: string[];
  onChange: (ids: string[]) => void;
}

function RecordPicker({ label, caseTitle, placeholder, data, value, onChange }: PickerProps) {
  return (
    <MultiSelect
      label={label}
      aria-label={`${label} in ${caseTitle}`}
      size="xs"
      placeholder={value.length ? undefined : placeholder}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      hidePickedOptions
      nothingFoundMessage={`No ${label.toLowerCase().slice(0, -1)} matches`}
    />
  );
}

interface Props {
  link: PersonCaseLink;
  caseTitle: string;
  roles: readonly string[];
  onChange: (link: Partial<PersonCaseLink> | undefined) => void;
}

export function CaseLinkRow({ link, caseTitle, roles, onChange }: Props) {
  const [file, setFile] = useState<CaseFile | undefined>();
  useEffect(() => {
    let current = true;
    api['cases:get']({ caseId: link.caseId }).then(
      (f) => current && setFile(f),
      () => current && setFile(undefined), // a case in the trash: its links are kept as they are
    );
    return () => {
      current = false;
    };
  }, [link.caseId]);

  return (
    <Stack gap={4} className="person-case">
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" className="person-case-title" truncate="end">
          {caseTitle}
        </Text>
        <Select aria-label={`Role in ${caseTitle}`} size="xs" data={[...roles]} value={link.role} onChange={(r) => r && onChange({ role: r })} allowDeselect={false} w={140} />
        <ActionIcon variant="subtle" color="gray" aria-label={`Take off ${caseTitle}`} onClick={() => onChange(undefined)}>
          <IconX size={15} />
        </ActionIcon>
      </Group>
      <Group grow gap="xs" align="flex-start" className="person-case-records">
        <RecordPicker label="Events" caseTitle={caseTitle} placeholder="Events they appear in" data={optionsFor(file, link.eventIds, 'events')} value={link.eventIds} onChange={(eventIds) => onChange({ eventIds })} />
        <RecordPicker label="Sources" caseTitle={caseTitle} placeholder="Sources about them" data={optionsFor(file, link.sourceIds, 'sources')} value={link.sourceIds} onChange={(sourceIds) => onChange({ sourceIds })} />
      </Group>
    </Stack>
  );
}
