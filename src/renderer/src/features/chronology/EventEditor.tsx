/* The chronology event editor: when (as precisely as known), what, how settled the claim is, and on what sources. */
import { ActionIcon, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconCalendarEvent, IconPlus, IconX } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { EventFields } from '../../../../shared/api/inputs';
import type { ClaimStatus, EventRecord, PinpointKind } from '../../../../shared/domain';
import { api } from '../../api';
import { showSaved, trashRecords } from '../../app/actions';
import { getState, refresh, setState, useAppState } from '../../app/store';
import { EditorFrame } from '../../ui/EditorFrame';
import { diffPatch, errorsFromCall, readDate, useFormValues, validate, type FieldErrors } from '../../ui/form';
import { dateToText, PartialDateInput } from '../../ui/PartialDateInput';
import { TagInput } from '../../ui/TagInput';
import { CLAIM_DESCRIPTIONS, CLAIM_LABELS } from './claims';
import { PINPOINT_KINDS } from '../../ui/pinpoints';

interface RefDraft {
  key: string;
  sourceId: string | null;
  pinpointKind: PinpointKind;
  pinpoint: string;
}

interface Values {
  date: string;
  endDate: string;
  title: string;
  description: string;
  claimStatus: ClaimStatus;
  sources: RefDraft[];
  tags: string[];
}

let refKeys = 0;
const toValues = (e?: EventRecord): Values => ({
  date: dateToText(e?.date),
  endDate: dateToText(e?.endDate),
  title: e?.title ?? '',
  description: e?.description ?? '',
  claimStatus: e?.claimStatus ?? 'alleged',
  tags: e?.tags ?? [],
  sources: (e?.sources ?? []).map((r) => ({ key: `ref-${++refKeys}`, sourceId: r.sourceId, pinpointKind: r.pinpoint?.kind ?? 'paragraph', pinpoint: r.pinpoint?.value ?? '' })),
});

export function EventEditor({ event }: { event?: EventRecord }) {
  const caseSources = useAppState((s) => s.caseFile?.sources ?? []);
  const identity = event ? `${event.id}:${event.updatedAt}` : 'new-event';
  const initial = useCallback(() => toValues(event), [event]);
  const form = useFormValues<Values>(identity, initial);
  const [saving, setSaving] = useState(false);
  const { values: v, errors, set } = form;

  const save = async () => {
    const dateErrors: FieldErrors = {};
    if (!v.date.trim()) dateErrors.date = 'An event needs a date, even if only a year: 2022, June 2022, 28/06/2022.';
    const fields = {
      date: readDate(v.date, 'date', dateErrors),
      endDate: readDate(v.endDate, 'endDate', dateErrors),
      title: v.title.trim(),
      description: v.description.trim() ? v.description : undefined,
      claimStatus: v.claimStatus,
      tags: v.tags,
      sources: v.sources
        .filter((r) => r.sourceId)
        .map((r) => ({ sourceId: r.sourceId!, ...(r.pinpoint.trim() ? { pinpoint: { kind: r.pinpointKind, value: r.pinpoint.trim() } } : {}) })),
    };
    const checked = validate(EventFields, fields);
    const all = { ...(checked.ok ? {} : checked.errors), ...dateErrors };
    if (Object.keys(all).length) return form.setErrors(all);
    const caseId = getState().caseId!;
    setSaving(true);
    try {
      if (!event) {
        const created = await api['events:create']({ caseId, fields: fields as never });
        await refresh();
        showSaved(created.id);
      } else {
        const patch = diffPatch(event as unknown as Record<string, unknown>, fields, ['date', 'endDate', 'title', 'description', 'claimStatus', 'tags', 'sources']);
        if (Object.keys(patch).length) await api['events:update']({ caseId, eventId: event.id, patch });
        await refresh();
      }
    } catch (error) {
      form.setErrors(errorsFromCall(error));
    } finally {
      setSaving(false);
    }
  };

  const sourceOptions = caseSources.map((s) => ({ value: s.id, label: s.title }));
  const updateRef = (key: string, patch: Partial<RefDraft>) => set('sources', v.sources.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <EditorFrame
      kindLabel="event"
      icon={<IconCalendarEvent size={16} stroke={1.7} />}
      isNew={!event}
      dirty={form.dirty}
      saving={saving}
      formError={errors.form}
      onSave={() => void save()}
      onRevert={() => (event ? form.reset() : setState({ draft: undefined }))}
      onTrash={event ? () => void trashRecords('event', [event.id]) : undefined}
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <PartialDateInput label="Date" required value={v.date} error={errors.date} onChange={(t) => set('date', t)} data-autofocus={!event || undefined} />
          <PartialDateInput label="Until" description="For events that lasted" value={v.endDate} error={errors.endDate} onChange={(t) => set('endDate', t)} />
        </Group>
        <Textarea label="What happened" required autosize minRows={1} maxRows={4} value={v.title} error={errors.title} onChange={(e) => set('title', e.currentTarget.value)} className="title-field" />
        <Select
          label="Claim status"
          description={CLAIM_DESCRIPTIONS[v.claimStatus]}
          data={(Object.keys(CLAIM_LABELS) as ClaimStatus[]).map((c) => ({ value: c, label: CLAIM_LABELS[c] }))}
          value={v.claimStatus}
          onChange={(c) => c && set('claimStatus', c as ClaimStatus)}
          allowDeselect={false}
          error={errors.claimStatus}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <Textarea label="Details" description="Markdown" autosize minRows={3} maxRows={12} value={v.description} error={errors.description} onChange={(e) => set('description', e.currentTarget.value)} />
        <Stack gap={6}>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              Sources
            </Text>
            <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} disabled={caseSources.length === 0} onClick={() => set('sources', [...v.sources, { key: `ref-${++refKeys}`, sourceId: caseSources.length === 1 ? caseSources[0].id : null, pinpointKind: 'paragraph', pinpoint: '' }])}>
              Cite a source
            </Button>
          </Group>
          {errors.sources && (
            <Text size="xs" c="red">
              {errors.sources}
            </Text>
          )}
          {v.sources.length === 0 && (
            <Text size="xs" c="dimmed">
              No source cited yet. An event in a dossier should rest on at least one source.
            </Text>
          )}
          {v.sources.map((r, i) => (
            <Paper key={r.key} withBorder p={8}>
              <Group gap={6} wrap="nowrap">
                <Select aria-label={`Cited source ${i + 1}`} data={sourceOptions} value={r.sourceId} onChange={(id) => updateRef(r.key, { sourceId: id })} searchable size="xs" style={{ flex: 1 }} placeholder="Which source?" />
                <Select aria-label={`Pinpoint kind ${i + 1}`} data={PINPOINT_KINDS} value={r.pinpointKind} onChange={(k) => k && updateRef(r.key, { pinpointKind: k as PinpointKind })} allowDeselect={false} size="xs" w={112} />
                <TextInput aria-label={`Pinpoint ${i + 1}`} placeholder="e.g. 12" value={r.pinpoint} onChange={(e) => updateRef(r.key, { pinpoint: e.currentTarget.value })} size="xs" w={80} />
                <Tooltip label="Remove this citation" withArrow>
                  <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Remove citation ${i + 1}`} onClick={() => set('sources', v.sources.filter((x) => x.key !== r.key))}>
                    <IconX size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Paper>
          ))}
        </Stack>
        <TagInput value={v.tags} onChange={(t) => set('tags', t)} error={errors.tags} />
      </Stack>
    </EditorFrame>
  );
}
