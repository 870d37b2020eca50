/* The note editor: a Markdown body with a live preview, quotations linked to a source with a pinpoint, tags. */
import { ActionIcon, Button, Group, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconNote, IconPlus, IconQuote, IconX } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { NoteFields } from '../../../../shared/api/inputs';
import type { NoteRecord, PinpointKind, SourceRecord } from '../../../../shared/domain';
import { api } from '../../api';
import { showSaved, trashRecords } from '../../app/actions';
import { getState, refresh, setState, useAppState, usePeopleNames } from '../../app/store';
import { EditorFrame } from '../../ui/EditorFrame';
import { diffPatch, errorsFromCall, useFormValues, validate } from '../../ui/form';
import { Markdown } from '../../ui/Markdown';
import { PINPOINT_KINDS } from '../../ui/pinpoints';
import { TagInput } from '../../ui/TagInput';

interface QuotationDraft {
  key: string;
  id?: string;
  sourceId: string | null;
  quote: string;
  pinpointKind: PinpointKind;
  pinpoint: string;
}

interface Values {
  title: string;
  body: string;
  quotations: QuotationDraft[];
  tags: string[];
}


let drafts = 0;
const toValues = (n?: NoteRecord): Values => ({
  title: n?.title ?? '',
  body: n?.body ?? '',
  tags: n?.tags ?? [],
  quotations: (n?.quotations ?? []).map((q) => ({ key: q.id, id: q.id, sourceId: q.sourceId, quote: q.quote, pinpointKind: q.pinpoint?.kind ?? 'page', pinpoint: q.pinpoint?.value ?? '' })),
});

function toFields(v: Values) {
  return {
    title: v.title.trim(),
    body: v.body,
    tags: v.tags,
    quotations: v.quotations.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      sourceId: q.sourceId ?? '',
      quote: q.quote.trim(),
      ...(q.pinpoint.trim() ? { pinpoint: { kind: q.pinpointKind, value: q.pinpoint.trim() } } : {}),
    })),
  };
}

export function NoteEditor({ note }: { note?: NoteRecord }) {
  const sources = useAppState((s) => s.caseFile?.sources ?? []);
  const identity = note ? `${note.id}:${note.updatedAt}` : 'new-note';
  const initial = useCallback(() => toValues(note), [note]);
  const form = useFormValues<Values>(identity, initial);
  const [mode, setMode] = useState<'write' | 'preview' | 'split'>('split');
  const [saving, setSaving] = useState(false);
  const names = usePeopleNames();
  const { values: v, errors, set } = form;

  const save = async () => {
    const fields = toFields(v);
    const missingSource = fields.quotations.findIndex((q) => !q.sourceId);
    if (missingSource >= 0) return form.setErrors({ quotations: `Quotation ${missingSource + 1}: choose the source it comes from.` });
    const checked = validate(NoteFields, fields);
    if (!checked.ok) return form.setErrors(checked.errors);
    const caseId = getState().caseId!;
    setSaving(true);
    try {
      if (!note) {
        const created = await api['notes:create']({ caseId, fields });
        await refresh();
        showSaved(created.id);
      } else {
        const patch = diffPatch(note as unknown as Record<string, unknown>, fields, ['title', 'body', 'tags', 'quotations']);
        if (Object.keys(patch).length) await api['notes:update']({ caseId, noteId: note.id, patch });
        await refresh();
      }
    } catch (error) {
      form.setErrors(errorsFromCall(error));
    } finally {
      setSaving(false);
    }
  };

  const updateQuote = (key: string, patch: Partial<QuotationDraft>) => set('quotations', v.quotations.map((q) => (q.key === key ? { ...q, ...patch } : q)));

  return (
    <EditorFrame
      kindLabel="note"
      icon={<IconNote size={16} stroke={1.7} />}
      isNew={!note}
      dirty={form.dirty}
      saving={saving}
      formError={errors.form}
      onSave={() => void save()}
      onRevert={() => (note ? form.reset() : setState({ draft: undefined }))}
      onTrash={note ? () => void trashRecords('note', [note.id]) : undefined}
    >
      <Stack gap="sm">
        <TextInput label="Title" required value={v.title} error={errors.title} onChange={(e) => set('title', e.currentTarget.value)} data-autofocus={!note || undefined} className="title-field" />
        <div>
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={500}>
              Note
            </Text>
            <SegmentedControl
              size="xs"
              value={mode}
              onChange={(m) => setMode(m as typeof mode)}
              data={[
                { value: 'write', label: 'Write' },
                { value: 'split', label: 'Both' },
                { value: 'preview', label: 'Preview' },
              ]}
              aria-label="Note view"
            />
          </Group>
          <div className="note-body" data-mode={mode}>
            {mode !== 'preview' && (
              <Textarea aria-label="Note body (Markdown)" autosize minRows={8} maxRows={24} value={v.body} error={errors.body} onChange={(e) => set('body', e.currentTarget.value)} placeholder="Write in Markdown: **bold**, _italic_, - lists, [links](https://…)" className="mono-input" />
            )}
            {mode !== 'write' && (
              <Paper withBorder className="markdown-preview" aria-label="Preview" tabIndex={0} role="region">
                {v.body.trim() ? <Markdown source={v.body} names={names} /> : <Text size="sm" c="dimmed">Nothing to preview yet.</Text>}
              </Paper>
            )}
          </div>
        </div>
        <QuotationsEditor quotations={v.quotations} sources={sources} error={errors.quotations} onChange={(q) => set('quotations', q)} onUpdate={updateQuote} />
        <TagInput value={v.tags} onChange={(t) => set('tags', t)} error={errors.tags} />
      </Stack>
    </EditorFrame>
  );
}

interface QuotationsProps {
  quotations: QuotationDraft[];
  sources: SourceRecord[];
  error?: string;
  onChange: (q: QuotationDraft[]) => void;
  onUpdate: (key: string, patch: Partial<QuotationDraft>) => void;
}

function QuotationsEditor({ quotations, sources, error, onChange, onUpdate }: QuotationsProps) {
  const sourceOptions = sources.map((s) => ({ value: s.id, label: s.title }));
  const add = () => onChange([...quotations, { key: `draft-${++drafts}`, sourceId: sources.length === 1 ? sources[0].id : null, quote: '', pinpointKind: 'paragraph', pinpoint: '' }]);
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Quotations
        </Text>
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={add} disabled={sources.length === 0}>
          Add quotation
        </Button>
      </Group>
      {sources.length === 0 && (
        <Text size="xs" c="dimmed">
          Add a source to this case to quote from it.
        </Text>
      )}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      {quotations.map((q, i) => (
        <Paper key={q.key} withBorder p="sm" className="quotation" data-quotation={i + 1}>
          <Group gap={6} mb={6} wrap="nowrap">
            <IconQuote size={15} stroke={1.6} className="dimmed-icon" />
            <Select aria-label={`Source of quotation ${i + 1}`} placeholder="From which source?" data={sourceOptions} value={q.sourceId} onChange={(id) => onUpdate(q.key, { sourceId: id })} searchable size="xs" style={{ flex: 1 }} />
            <Tooltip label="Remove this quotation" withArrow>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Remove quotation ${i + 1}`} onClick={() => onChange(quotations.filter((x) => x.key !== q.key))}>
                <IconX size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Textarea aria-label={`Quotation ${i + 1}`} placeholder="The words exactly as the source has them" autosize minRows={2} maxRows={10} value={q.quote} onChange={(e) => onUpdate(q.key, { quote: e.currentTarget.value })} size="sm" />
          <Group gap={6} mt={6} wrap="nowrap">
            <Select aria-label={`Pinpoint kind ${i + 1}`} data={PINPOINT_KINDS} value={q.pinpointKind} onChange={(k) => k && onUpdate(q.key, { pinpointKind: k as PinpointKind })} allowDeselect={false} size="xs" w={120} />
            <TextInput aria-label={`Pinpoint ${i + 1}`} placeholder={q.pinpointKind === 'timestamp' ? '01:23:45' : q.pinpointKind === 'section' ? '§ 4.2' : '14'} value={q.pinpoint} onChange={(e) => onUpdate(q.key, { pinpoint: e.currentTarget.value })} size="xs" style={{ flex: 1 }} />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
