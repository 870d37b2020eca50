/* Adding or editing a person: names, note, anonymity (cipher, reason, order), their role in each case and the case's events and sources they appear in. */
import { Button, Divider, Group, Select, Stack, Switch, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useCallback, useState, type ReactNode } from 'react';
import { PersonFields } from '../../../../shared/api/people-inputs';
import { ANONYMITY_REASON_LABELS, AnonymityReason, DEFAULT_PERSON_ROLES, type Person, type PersonCaseLink } from '../../../../shared/people';
import { api } from '../../api';
import { change } from '../../app/actions';
import { refresh, setState, useAppState } from '../../app/store';
import { EditorFrame } from '../../ui/EditorFrame';
import { CaseLinkRow } from './CaseLinkRow';
import { errorsFromCall, optional, useFormValues, validate } from '../../ui/form';

interface Values {
  name: string;
  aliases: string[];
  note: string;
  anonymised: boolean;
  cipher: string;
  reason: AnonymityReason;
  orderRef: string;
  cases: PersonCaseLink[];
}

const toValues = (p?: Person): Values => ({
  name: p?.name ?? '',
  aliases: p?.aliases ?? [],
  note: p?.note ?? '',
  anonymised: Boolean(p?.anonymity),
  cipher: p?.anonymity?.cipher ?? '',
  reason: p?.anonymity?.reason ?? 'own-request',
  orderRef: p?.anonymity?.orderRef ?? '',
  cases: p?.cases ?? [],
});

const REASONS = AnonymityReason.options.map((value) => ({ value, label: ANONYMITY_REASON_LABELS[value] }));

export function PersonForm({ person, children }: { person?: Person; children?: ReactNode }) {
  const identity = person ? `${person.id}:${person.updatedAt}` : 'new-person';
  const initial = useCallback(() => toValues(person), [person]);
  const form = useFormValues<Values>(identity, initial);
  const { values: v, errors, set } = form;
  const [saving, setSaving] = useState(false);
  const cases = useAppState((s) => s.cases);
  const roles = useAppState((s) => s.library?.settings.personRoles ?? DEFAULT_PERSON_ROLES);
  const [newCase, setNewCase] = useState<string | null>(null);
  const caseTitle = (id: string) => cases.find((c) => c.id === id)?.title ?? 'A case in the trash';

  const save = async () => {
    const fields = {
      name: v.name.trim(),
      aliases: v.aliases.map((a) => a.trim()).filter(Boolean),
      note: optional(v.note),
      anonymity: v.anonymised ? { cipher: v.cipher.trim(), reason: v.reason, ...(optional(v.orderRef) ? { orderRef: v.orderRef.trim() } : {}) } : undefined,
      cases: v.cases,
    };
    const checked = validate(PersonFields, fields);
    if (!checked.ok) return form.setErrors(checked.errors);
    setSaving(true);
    try {
      if (person) await api['people:update']({ personId: person.id, patch: { ...fields, note: fields.note ?? null, anonymity: fields.anonymity ?? null } });
      else setState({ personId: (await api['people:create']({ fields })).id });
      await refresh();
    } catch (error) {
      form.setErrors(errorsFromCall(error));
    } finally {
      setSaving(false);
    }
  };

  const setCase = (caseId: string, link: Partial<PersonCaseLink> | undefined) =>
    set('cases', link ? v.cases.map((c) => (c.caseId === caseId ? { ...c, ...link } : c)) : v.cases.filter((c) => c.caseId !== caseId));

  return (
    <EditorFrame
      kindLabel="person"
      icon={<IconUser size={16} stroke={1.7} />}
      isNew={!person}
      dirty={form.dirty}
      saving={saving}
      formError={errors.form}
      onSave={() => void save()}
      onRevert={() => (person ? form.reset() : setState({ personId: undefined }))}
      onTrash={person ? () => void change('Could not move the person to the trash', () => api['people:delete']({ personId: person.id })) : undefined}
    >
      <Stack gap="sm">
        <TextInput label="Name" required value={v.name} error={errors.name} onChange={(e) => set('name', e.currentTarget.value)} className="title-field" size="md" data-autofocus={!person || undefined} />
        <TagsInput label="Other names and spellings" description="Initials, maiden names, nicknames: each is found and redacted like the name." value={v.aliases} error={errors.aliases} onChange={(a) => set('aliases', a)} splitChars={[';']} clearable className="person-aliases" />
        <Textarea label="Note" autosize minRows={2} maxRows={8} value={v.note} error={errors.note} onChange={(e) => set('note', e.currentTarget.value)} />
        <Divider label="Anonymity" labelPosition="left" />
        <Switch label="Anonymise: use a cipher instead of the names in redacted dossiers" checked={v.anonymised} onChange={(e) => set('anonymised', e.currentTarget.checked)} />
        {v.anonymised && (
          <>
            <Group grow align="flex-start">
              <TextInput label="Cipher" required placeholder="Person A" className="person-cipher" value={v.cipher} error={errors.anonymity} onChange={(e) => set('cipher', e.currentTarget.value)} />
              <Select label="Reason" data={REASONS} value={v.reason} onChange={(r) => r && set('reason', r as AnonymityReason)} allowDeselect={false} />
            </Group>
            <TextInput label="Order reference" description="Where a court made an order: its reference." value={v.orderRef} onChange={(e) => set('orderRef', e.currentTarget.value)} />
          </>
        )}
        <Divider label="Cases and roles" labelPosition="left" />
        {errors.cases && (
          <Text size="xs" c="red">
            {errors.cases}
          </Text>
        )}
        {v.cases.map((link) => (
          <CaseLinkRow key={link.caseId} link={link} caseTitle={caseTitle(link.caseId)} roles={roles} onChange={(patch) => setCase(link.caseId, patch)} />
        ))}
        <Group gap="xs" align="flex-end">
          <Select
            label="Add to a case"
            size="xs"
            placeholder="Choose a case"
            data={cases.filter((c) => !v.cases.some((l) => l.caseId === c.id)).map((c) => ({ value: c.id, label: c.title }))}
            value={newCase}
            onChange={setNewCase}
            searchable
            className="person-add-case"
          />
          <Button size="xs" variant="light" disabled={!newCase} onClick={() => {
            if (!newCase) return;
            set('cases', [...v.cases, { caseId: newCase, role: roles.includes('other') ? 'other' : roles[0], eventIds: [], sourceIds: [] }]);
            setNewCase(null);
          }}>
            Add
          </Button>
        </Group>
        {person && children && <Divider />}
        {person && children}
      </Stack>
    </EditorFrame>
  );
}
