/* The source editor: bibliographic fields, reliability, tags and attached files; and, once saved, its chain of custody. */
import { ActionIcon, Group, Select, Stack, Tabs, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconExternalLink, IconFileText, IconHistory, IconPencil } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { SourceFields } from '../../../../shared/api/inputs';
import { HttpUrl, RELIABILITY_LABELS, SOURCE_KIND_LABELS, SOURCE_KINDS, type ReliabilityGrade, type SourceKind, type SourceRecord } from '../../../../shared/domain';
import { api } from '../../api';
import { showSaved, trashRecords } from '../../app/actions';
import { getState, refresh, setState } from '../../app/store';
import { EditorFrame } from '../../ui/EditorFrame';
import { diffPatch, errorsFromCall, optional, readDate, useFormValues, validate, type FieldErrors } from '../../ui/form';
import { dateToText, PartialDateInput } from '../../ui/PartialDateInput';
import { TagInput } from '../../ui/TagInput';
import { Attachments } from './Attachments';
import { BibliographicInputs, bibliographicFields, bibliographicValues, publisherLabel, TEXT_FIELDS, type BibliographicValues } from './BibliographicFields';
import { authorsToText, textToAuthors } from './authors';
import { Custody } from './Custody';
import { LinkStatus } from './LinkStatus';

interface Values {
  kind: SourceKind;
  title: string;
  authors: string;
  publisher: string;
  publishedDate: string;
  accessedDate: string;
  url: string;
  archiveUrl: string;
  reliability: string;
  description: string;
  tags: string[];
  bib: BibliographicValues;
}

const KEYS = ['kind', 'title', 'authors', 'publisher', 'publishedDate', 'accessedDate', 'url', 'archiveUrl', 'reliability', 'description', 'tags', ...TEXT_FIELDS, 'editors'] as const;

const toValues = (s?: SourceRecord): Values => ({
  kind: s?.kind ?? 'news-article',
  title: s?.title ?? '',
  authors: authorsToText(s?.authors ?? []),
  publisher: s?.publisher ?? '',
  publishedDate: dateToText(s?.publishedDate),
  accessedDate: dateToText(s?.accessedDate),
  url: s?.url ?? '',
  archiveUrl: s?.archiveUrl ?? '',
  reliability: s?.reliability ?? '',
  description: s?.description ?? '',
  tags: s?.tags ?? [],
  bib: bibliographicValues(s),
});

function toFields(v: Values, errors: FieldErrors) {
  return {
    kind: v.kind,
    title: v.title.trim(),
    authors: textToAuthors(v.authors),
    publisher: optional(v.publisher),
    publishedDate: readDate(v.publishedDate, 'publishedDate', errors),
    accessedDate: readDate(v.accessedDate, 'accessedDate', errors),
    url: optional(v.url),
    archiveUrl: optional(v.archiveUrl),
    reliability: (v.reliability || undefined) as ReliabilityGrade | undefined,
    description: optional(v.description),
    tags: v.tags,
    ...bibliographicFields(v.bib),
  };
}

export function SourceEditor({ source }: { source?: SourceRecord }) {
  const identity = source ? `${source.id}:${source.updatedAt}` : 'new-source';
  const initial = useCallback(() => toValues(source), [source]);
  const form = useFormValues<Values>(identity, initial);
  const [saving, setSaving] = useState(false);
  const { values: v, errors, set } = form;

  const save = async () => {
    const dateErrors: FieldErrors = {};
    const fields = toFields(v, dateErrors);
    const checked = validate(SourceFields, fields);
    const allErrors = { ...dateErrors, ...(checked.ok ? {} : checked.errors) };
    if (Object.keys(allErrors).length) return form.setErrors(allErrors);
    const caseId = getState().caseId!;
    setSaving(true);
    try {
      if (!source) {
        const created = await api['sources:create']({ caseId, fields });
        await refresh();
        showSaved(created.id);
      } else {
        const patch = diffPatch(source as unknown as Record<string, unknown>, fields, KEYS);
        if (Object.keys(patch).length) await api['sources:update']({ caseId, sourceId: source.id, patch });
        await refresh();
      }
    } catch (error) {
      form.setErrors(errorsFromCall(error));
    } finally {
      setSaving(false);
    }
  };

  const fieldsForm = (
    <Stack gap="sm">
      <Textarea label="Title" required autosize minRows={1} maxRows={4} value={v.title} error={errors.title} onChange={(e) => set('title', e.currentTarget.value)} data-autofocus={!source || undefined} className="title-field" />
      <Group grow align="flex-start">
        <Select label="Kind" data={SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_KIND_LABELS[k] }))} value={v.kind} onChange={(k) => k && set('kind', k as SourceKind)} allowDeselect={false} error={errors.kind} />
        <Select
          label="Reliability"
          placeholder="Not graded"
          data={Object.entries(RELIABILITY_LABELS).map(([grade, label]) => ({ value: grade, label: `${grade} — ${label}` }))}
          value={v.reliability || null}
          onChange={(r) => set('reliability', r ?? '')}
          clearable
          error={errors.reliability}
        />
      </Group>
      <Textarea label="Authors" description="One per line: “Family, Given” for a person, or an organisation’s full name." autosize minRows={1} maxRows={6} value={v.authors} error={errors.authors} onChange={(e) => set('authors', e.currentTarget.value)} inputWrapperOrder={['label', 'input', 'description', 'error']} />
      {publisherLabel(v.kind) && <TextInput label={publisherLabel(v.kind)} value={v.publisher} error={errors.publisher} onChange={(e) => set('publisher', e.currentTarget.value)} />}
      <BibliographicInputs kind={v.kind} values={v.bib} errors={errors} onChange={(field, value) => set('bib', { ...v.bib, [field]: value })} />
      <Group grow align="flex-start">
        <PartialDateInput label="Published" value={v.publishedDate} error={errors.publishedDate} onChange={(t) => set('publishedDate', t)} />
        <PartialDateInput label="Accessed" value={v.accessedDate} error={errors.accessedDate} onChange={(t) => set('accessedDate', t)} />
      </Group>
      <TextInput label="Web address" placeholder="https://" value={v.url} error={errors.url} onChange={(e) => set('url', e.currentTarget.value)} type="url" rightSection={<OpenLink url={v.url} />} rightSectionPointerEvents="all" />
      <TextInput label="Archived copy" placeholder="https://web.archive.org/…" value={v.archiveUrl} error={errors.archiveUrl} onChange={(e) => set('archiveUrl', e.currentTarget.value)} type="url" rightSection={<OpenLink url={v.archiveUrl} />} rightSectionPointerEvents="all" />
      {source?.url && <LinkStatus source={source} />}
      {source ? (
        <Attachments source={source} />
      ) : (
        <Text size="sm" c="dimmed">
          Files can be attached once the source is added.
        </Text>
      )}
      <Textarea label="Description" description="Markdown" autosize minRows={3} maxRows={14} value={v.description} error={errors.description} onChange={(e) => set('description', e.currentTarget.value)} />
      <TagInput value={v.tags} onChange={(t) => set('tags', t)} error={errors.tags} />
    </Stack>
  );

  return (
    <EditorFrame
      kindLabel="source"
      icon={<IconFileText size={16} stroke={1.7} />}
      isNew={!source}
      dirty={form.dirty}
      saving={saving}
      formError={errors.form}
      onSave={() => void save()}
      onRevert={() => (source ? form.reset() : setState({ draft: undefined }))}
      onTrash={source ? () => void trashRecords('source', [source.id]) : undefined}
    >
      {source ? (
        <Tabs defaultValue="details" keepMounted={false} className="source-tabs">
          <Tabs.List mb="sm">
            <Tabs.Tab value="details" leftSection={<IconPencil size={14} stroke={1.6} />}>
              Details
            </Tabs.Tab>
            <Tabs.Tab value="custody" leftSection={<IconHistory size={14} stroke={1.6} />}>
              Chain of custody
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details">{fieldsForm}</Tabs.Panel>
          <Tabs.Panel value="custody">
            <Custody source={source} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        fieldsForm
      )}
    </EditorFrame>
  );
}

/** Opens a web address in the system browser (the desktop app hands http and https links to it, nothing else). */
function OpenLink({ url }: { url: string }) {
  if (!HttpUrl.safeParse(url.trim()).success) return null;
  return (
    <Tooltip label="Open in your browser" withArrow>
      <ActionIcon component="a" href={url.trim()} target="_blank" rel="noopener noreferrer" variant="subtle" color="gray" size="sm" aria-label="Open in your browser">
        <IconExternalLink size={15} />
      </ActionIcon>
    </Tooltip>
  );
}
