/* The case itself: its title, status, when and where the incident happened, the summary, its tags. */
import { Group, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconFolder } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { CaseFields } from '../../../../shared/api/inputs';
import type { CaseRecord, CaseStatus } from '../../../../shared/domain';
import { api } from '../../api';
import { confirmTrashCase } from '../../app/actions';
import { openCase, refresh, setState, usePeopleNames } from '../../app/store';
import { EditorFrame } from '../../ui/EditorFrame';
import { diffPatch, errorsFromCall, optional, readDate, useFormValues, validate, type FieldErrors } from '../../ui/form';
import { Markdown } from '../../ui/Markdown';
import { dateToText, PartialDateInput } from '../../ui/PartialDateInput';
import { TagInput } from '../../ui/TagInput';

interface Values {
  title: string;
  status: CaseStatus;
  incidentDate: string;
  incidentEndDate: string;
  location: string;
  summary: string;
  tags: string[];
}

const toValues = (c?: CaseRecord): Values => ({
  title: c?.title ?? '',
  status: c?.status ?? 'open',
  incidentDate: dateToText(c?.incidentDate),
  incidentEndDate: dateToText(c?.incidentEndDate),
  location: c?.location ?? '',
  summary: c?.summary ?? '',
  tags: c?.tags ?? [],
});

export function CaseEditor({ record }: { record?: CaseRecord }) {
  const identity = record ? `${record.id}:${record.updatedAt}` : 'new-case';
  const initial = useCallback(() => toValues(record), [record]);
  const form = useFormValues<Values>(identity, initial);
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState(true);
  const names = usePeopleNames();
  const { values: v, errors, set } = form;

  const save = async () => {
    const dateErrors: FieldErrors = {};
    const fields = {
      title: v.title.trim(),
      status: v.status,
      incidentDate: readDate(v.incidentDate, 'incidentDate', dateErrors),
      incidentEndDate: readDate(v.incidentEndDate, 'incidentEndDate', dateErrors),
      location: optional(v.location),
      summary: v.summary,
      tags: v.tags,
    };
    const checked = validate(CaseFields, fields);
    const all = { ...dateErrors, ...(checked.ok ? {} : checked.errors) };
    if (Object.keys(all).length) return form.setErrors(all);
    setSaving(true);
    try {
      if (!record) {
        const created = await api['cases:create']({ fields });
        await refresh();
        setState({ draft: undefined });
        await openCase(created.id);
      } else {
        const patch = diffPatch(record as unknown as Record<string, unknown>, fields, ['title', 'status', 'incidentDate', 'incidentEndDate', 'location', 'summary', 'tags']);
        if (Object.keys(patch).length) await api['cases:update']({ caseId: record.id, patch });
        await refresh();
      }
    } catch (error) {
      form.setErrors(errorsFromCall(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <EditorFrame
      kindLabel="case"
      icon={<IconFolder size={16} stroke={1.7} />}
      meta={
        record && (
          <Text size="xs" c="dimmed" className="nowrap">
            {record.slug}
          </Text>
        )
      }
      isNew={!record}
      dirty={form.dirty}
      saving={saving}
      formError={errors.form}
      onSave={() => void save()}
      onRevert={() => (record ? form.reset() : setState({ draft: undefined }))}
      onTrash={record ? () => confirmTrashCase(record.id, record.title) : undefined}
    >
      <Stack gap="sm">
        <TextInput label="Case title" required value={v.title} error={errors.title} onChange={(e) => set('title', e.currentTarget.value)} data-autofocus={!record || undefined} className="title-field" size="md" />
        <Group grow align="flex-start">
          <Select
            label="Status"
            data={[
              { value: 'open', label: 'Open' },
              { value: 'closed', label: 'Closed' },
              { value: 'archived', label: 'Archived' },
            ]}
            value={v.status}
            onChange={(s) => s && set('status', s as CaseStatus)}
            allowDeselect={false}
          />
          <TextInput label="Location" value={v.location} error={errors.location} onChange={(e) => set('location', e.currentTarget.value)} />
        </Group>
        <Group grow align="flex-start">
          <PartialDateInput label="Incident date" value={v.incidentDate} error={errors.incidentDate} onChange={(t) => set('incidentDate', t)} />
          <PartialDateInput label="Until" value={v.incidentEndDate} error={errors.incidentEndDate} onChange={(t) => set('incidentEndDate', t)} />
        </Group>
        <div>
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={500}>
              Summary
            </Text>
            <SegmentedControl size="xs" value={preview ? 'read' : 'edit'} onChange={(m) => setPreview(m === 'read')} data={[{ value: 'read', label: 'Read' }, { value: 'edit', label: 'Edit' }]} aria-label="Summary view" />
          </Group>
          {preview && v.summary.trim() ? (
            <Paper withBorder className="markdown-preview" onDoubleClick={() => setPreview(false)} tabIndex={0} role="region" aria-label="Summary preview">
              <Markdown source={v.summary} names={names} />
            </Paper>
          ) : (
            <Textarea aria-label="Summary (Markdown)" autosize minRows={6} maxRows={20} value={v.summary} error={errors.summary} onChange={(e) => set('summary', e.currentTarget.value)} placeholder="What happened, in a few paragraphs of Markdown." />
          )}
        </div>
        <TagInput value={v.tags} onChange={(t) => set('tags', t)} error={errors.tags} />
      </Stack>
    </EditorFrame>
  );
}
