/* Renaming, moving and merging a tag subtree: each asks for the target in a small dialog, then runs in the core. */
import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api } from '../../api';
import { ModalForm } from '../../ui/ModalForm';
import { change } from '../../app/actions';
import { getState, refresh, setFilter } from '../../app/store';

function changed(verb: string, n: number): void {
  notifications.show({ color: 'casefolio', message: `${verb}: ${n === 1 ? 'one record' : `${n.toLocaleString('en-GB')} records`} updated. Ctrl+Z undoes it.`, autoClose: 5000 });
}

/** Keeps a list filter on the tag pointing at the same tags after a rename. */
function followFilter(from: string, to: string): void {
  const filter = getState().filter;
  if (filter.tag && (filter.tag === from || filter.tag.startsWith(`${from}/`))) setFilter({ ...filter, tag: to + filter.tag.slice(from.length) });
}

function RenameForm({ path, onDone }: { path: string; onDone: () => void }) {
  const [to, setTo] = useState(path);
  const [error, setError] = useState<string>();
  const submit = async () => {
    const target = to.trim().replace(/\s*\/\s*/g, '/');
    if (!target || target === path) return onDone();
    try {
      const result = await api['tags:rename']({ from: path, to: target });
      followFilter(path, target);
      await refresh();
      changed(`Renamed “${path}” to “${target}”`, result.changed);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <ModalForm onSubmit={submit}>
      <Text size="sm">Renames the tag and everything beneath it, on every record in every case.</Text>
      <TextInput label="New name" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={error} data-autofocus />
      <ModalButtons label="Rename" onCancel={onDone} />
    </ModalForm>
  );
}

function TargetForm({ path, mode, onDone }: { path: string; mode: 'move' | 'merge'; onDone: () => void }) {
  const tags = getState().tags.map((t) => t.path).filter((p) => p !== path && !p.startsWith(`${path}/`));
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const submit = async () => {
    try {
      if (mode === 'merge') {
        if (!target) return setError('Choose the tag to merge into.');
        const result = await api['tags:merge']({ from: path, into: target });
        followFilter(path, target);
        await refresh();
        changed(`Merged “${path}” into “${target}”`, result.changed);
      } else {
        const result = await api['tags:move']({ path, newParent: target });
        const leaf = path.split('/').pop()!;
        followFilter(path, target ? `${target}/${leaf}` : leaf);
        await refresh();
        changed(`Moved “${path}” ${target ? `under “${target}”` : 'to the top level'}`, result.changed);
      }
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <ModalForm onSubmit={submit}>
      <Text size="sm">
        {mode === 'merge'
          ? `Every record tagged “${path}” (or beneath it) gets the chosen tag instead, and “${path}” disappears.`
          : `Moves “${path}” and everything beneath it under another tag.`}
      </Text>
      <Select
        label={mode === 'merge' ? 'Merge into' : 'New parent'}
        placeholder={mode === 'move' ? 'Top level' : 'Choose a tag'}
        data={tags}
        value={target}
        onChange={setTarget}
        searchable
        clearable={mode === 'move'}
        error={error}
        data-autofocus
      />
      <ModalButtons label={mode === 'merge' ? 'Merge' : 'Move'} onCancel={onDone} />
    </ModalForm>
  );
}

function ModalButtons({ label, onCancel }: { label: string; onCancel: () => void }) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit">{label}</Button>
    </Group>
  );
}

export function openRenameTag(path: string): void {
  const id = modals.open({ title: `Rename “${path}”`, children: <RenameForm path={path} onDone={() => modals.close(id)} /> });
}

export function openMoveTag(path: string): void {
  const id = modals.open({ title: `Move “${path}”`, children: <TargetForm path={path} mode="move" onDone={() => modals.close(id)} /> });
}

export function openMergeTag(path: string): void {
  const id = modals.open({ title: `Merge “${path}”`, children: <TargetForm path={path} mode="merge" onDone={() => modals.close(id)} /> });
}

export async function moveTagTo(path: string, newParent: string | null): Promise<void> {
  const result = await change('Could not move the tag', () => api['tags:move']({ path, newParent }));
  if (result) changed(`Moved “${path}” ${newParent ? `under “${newParent}”` : 'to the top level'}`, result.changed);
}
