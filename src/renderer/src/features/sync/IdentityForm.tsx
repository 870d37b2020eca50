/*
 * Who you are: the name and email this machine records as the author of each change (the journal, the
 * chain of custody, a dossier's compiler, sync commits). Kept on this machine, not in the shared library
 * (identity:get / identity:set). Used by the settings dialog and offered by the sync panel when unset.
 */
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Identity, type IdentityInfo } from '../../../../shared/sync';
import { api } from '../../api';
import { refresh } from '../../app/store';
import { errorsFromCall, validate, type FieldErrors } from '../../ui/form';

/** Loads this machine's identity whenever `active` turns true (a dialog opening). */
export function useIdentity(active: boolean): [IdentityInfo | undefined, (next: IdentityInfo) => void] {
  const [identity, setIdentity] = useState<IdentityInfo>();
  useEffect(() => {
    if (!active) return;
    let live = true;
    api['identity:get']({}).then(
      (found) => live && setIdentity(found),
      () => live && setIdentity({}),
    );
    return () => {
      live = false;
    };
  }, [active]);
  return [identity, setIdentity];
}

/** Checks and saves a name and email; the field errors are the schema's own sentences. */
export async function saveIdentity(values: { name: string; email: string }): Promise<{ ok: true; identity: IdentityInfo } | { ok: false; errors: FieldErrors }> {
  const checked = validate(Identity, { name: values.name, email: values.email.trim() });
  if (!checked.ok) return checked;
  try {
    const identity = await api['identity:set'](checked.value);
    await refresh();
    return { ok: true, identity };
  } catch (error) {
    return { ok: false, errors: errorsFromCall(error) };
  }
}

export function IdentityFields({ values, errors, onChange, autoFocus }: { values: { name: string; email: string }; errors: FieldErrors; onChange: (key: 'name' | 'email', value: string) => void; autoFocus?: boolean }) {
  return (
    <Group grow align="flex-start" className="identity-fields">
      <TextInput
        label="Your name"
        description="Recorded as who made each change (journal, chain of custody, sync) and as the dossier’s compiler"
        value={values.name}
        onChange={(e) => onChange('name', e.currentTarget.value)}
        error={errors.name}
        autoComplete="name"
        required
        data-autofocus={autoFocus || undefined}
      />
      <TextInput
        label="Email"
        description="Kept with your name on this computer, not in the shared library"
        value={values.email}
        onChange={(e) => onChange('email', e.currentTarget.value)}
        error={errors.email ?? errors.form}
        autoComplete="email"
        type="email"
        required
      />
    </Group>
  );
}

/** The sync panel's "who are you" step, shown before the first sync when no name is set. */
export function IdentityPrompt({ onSaved }: { onSaved: (identity: IdentityInfo) => void }) {
  const [values, setValues] = useState({ name: '', email: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    const result = await saveIdentity(values);
    setSaving(false);
    if (!result.ok) return setErrors(result.errors);
    notifications.show({ color: 'casefolio', message: `Your changes will be signed ${result.identity.name} <${result.identity.email}>.`, autoClose: 4000 });
    onSaved(result.identity);
  };
  return (
    <form
      className="identity-prompt"
      // Checked by the schema, so the message is ours (beside the field), not the browser's bubble.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">Before your first sync: who are you? Your team sees this name beside every change you make.</Text>
        <IdentityFields
          values={values}
          errors={errors}
          autoFocus
          onChange={(key, value) => {
            setValues((v) => ({ ...v, [key]: value }));
            setErrors(({ [key]: _dropped, form: _form, ...rest }) => rest);
          }}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={saving}>
            Save who I am
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
