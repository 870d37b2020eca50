/*
 * Settings: who you are (recorded in the journal and the custody table as the author of each change, and
 * on a dossier's cover), the export dialog's defaults, and the theme. Name and email belong to this
 * computer (identity:set, features/sync/IdentityForm.tsx), since a shared library would share them; the
 * defaults to the library (library:updateSettings; `casefolio settings` changes the same); the theme to this window.
 */
import { Autocomplete, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { CitationStyleId } from '../../../../shared/citation-styles';
import type { LibrarySettings } from '../../../../shared/domain';
import { api } from '../../api';
import { refresh, useAppState } from '../../app/store';
import { errorsFromCall, type FieldErrors } from '../../ui/form';
import { MARKINGS, STYLE_OPTIONS } from '../dossier/choices';
import { IdentityFields, saveIdentity, useIdentity } from '../sync/IdentityForm';

type Values = Record<'citationStyle' | 'batesPrefix' | 'marking', string>;

const toValues = (s: LibrarySettings | undefined): Values => ({
  citationStyle: s?.citationStyle ?? '',
  batesPrefix: s?.batesPrefix ?? '',
  marking: s?.marking ?? '',
});

export function SettingsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const settings = useAppState((s) => s.library?.settings);
  // keepTransitions: without it Mantine pauses transitions with an inline <style>, which the CSP refuses.
  const { colorScheme, setColorScheme } = useMantineColorScheme({ keepTransitions: true });
  const [values, setValues] = useState<Values>(() => toValues(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [identity] = useIdentity(opened);
  const [you, setYou] = useState({ name: '', email: '' });

  useEffect(() => {
    setYou({ name: identity?.name ?? '', email: identity?.email ?? '' });
  }, [identity]);

  useEffect(() => {
    if (!opened) return;
    setValues(toValues(settings));
    setErrors({});
    // Filled in when the dialog opens; a reload behind it must not wipe what is being typed.
  }, [opened]);

  const set = (key: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const save = async () => {
    const youChanged = you.name.trim() !== (identity?.name ?? '') || you.email.trim() !== (identity?.email ?? '');
    if (youChanged) {
      const saved = await saveIdentity(you);
      if (!saved.ok) return setErrors(saved.errors);
    }
    const before = toValues(settings);
    const patch: Record<string, string | null> = {};
    for (const key of Object.keys(values) as (keyof Values)[]) {
      const value = values[key].trim();
      if (value !== before[key]) patch[key] = value === '' ? null : value;
    }
    if (Object.keys(patch).length === 0) {
      if (youChanged) notifications.show({ color: 'casefolio', message: 'Settings saved.', autoClose: 3000 });
      return onClose();
    }
    setSaving(true);
    try {
      await api['library:updateSettings'](patch);
      await refresh();
      notifications.show({ color: 'casefolio', message: 'Settings saved.', autoClose: 3000 });
      onClose();
    } catch (error) {
      setErrors(errorsFromCall(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Settings" size="lg">
      <Stack gap="md">
        <Text size="sm" fw={600}>
          You
        </Text>
        <IdentityFields
          values={you}
          errors={errors}
          autoFocus
          onChange={(key, value) => {
            setYou((v) => ({ ...v, [key]: value }));
            setErrors(({ [key]: _dropped, form: _form, ...rest }) => rest);
          }}
        />
        <Text size="sm" fw={600}>
          Dossier defaults
        </Text>
        <Group grow align="flex-start">
          <Select label="Citation style" placeholder="OSCOLA" data={STYLE_OPTIONS} value={values.citationStyle || null} onChange={(v) => set('citationStyle', (v as CitationStyleId | null) ?? '')} error={errors.citationStyle} clearable />
          <TextInput label="Bates prefix" placeholder="None" value={values.batesPrefix} onChange={(e) => set('batesPrefix', e.currentTarget.value)} error={errors.batesPrefix} />
          <Autocomplete label="Marking" placeholder="None" data={MARKINGS} value={values.marking} onChange={(v) => set('marking', v)} error={errors.marking} />
        </Group>
        <div>
          <Text size="sm" fw={500} id="theme-label" mb={4}>
            Theme
          </Text>
          <SegmentedControl
            aria-labelledby="theme-label"
            value={colorScheme}
            onChange={(v) => setColorScheme(v as MantineColorScheme)}
            data={[
              { value: 'auto', label: 'Follow system' },
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
            ]}
          />
        </div>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
