/*
 * What the window does to the library, in one place: each action calls the core through api.ts,
 * reloads what it changed, and tells the person what happened. Every change can be undone with
 * Ctrl+Z; the notice after a delete offers Undo as a button too.
 */
import { Button, Group, List, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { TrashItem } from '../../../shared/api/types';
import { ApiError } from '../../../shared/errors';
import type { TrashRef } from '../../../shared/domain';
import { api } from '../api';
import { getState, refresh, select, setState, type ListKind } from './store';

const NOUN: Record<ListKind, [string, string]> = { source: ['source', 'sources'], note: ['note', 'notes'], event: ['event', 'events'] };
export const noun = (kind: ListKind, n: number) => `${n === 1 ? 'one' : n.toLocaleString('en-GB')} ${NOUN[kind][n === 1 ? 0 : 1]}`;

export function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

export function notifyError(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: messageOf(error), autoClose: 8000 });
}

/** Runs a change, reloads, and reports a failure; returns the change's value, or undefined if it failed. */
export async function change<T>(title: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await run();
    await refresh();
    return value;
  } catch (error) {
    notifyError(title, error);
    await refresh();
    return undefined;
  }
}

let lastUndoRequest = 0;

export async function undo(): Promise<void> {
  // One key press can arrive twice: as the native menu's command and as the window's own shortcut.
  const now = Date.now();
  if (now - lastUndoRequest < 150) return;
  lastUndoRequest = now;
  try {
    const { label } = await api['history:undo']({});
    await refresh();
    if (lastUndoNotice) notifications.hide(lastUndoNotice);
    notifications.show({ title: 'Undone', message: label, color: 'casefolio', autoClose: 5000 });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOTHING_TO_UNDO') {
      notifications.show({ message: 'There is nothing to undo.', color: 'gray', autoClose: 3000 });
    } else notifyError('Could not undo', error);
  }
}

let lastUndoNotice: string | undefined;

/** A notice with an Undo button; a newer one replaces it, since Undo always undoes the latest change. */
function undoNotice(message: string): void {
  if (lastUndoNotice) notifications.hide(lastUndoNotice);
  const id = (lastUndoNotice = `undoable-${Date.now()}`);
  notifications.show({
    id,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm" className="notice-text">
          {message}
        </Text>
        <Button
          className="notice-action"
          size="compact-sm"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            void undo();
          }}
        >
          Undo
        </Button>
      </Group>
    ),
    autoClose: 7000,
  });
}

export async function trashRecords(kind: ListKind, ids: string[]): Promise<void> {
  const caseId = getState().caseId;
  if (!caseId || ids.length === 0) return;
  try {
    // One call, one change: a single Ctrl+Z brings the whole selection back.
    await api['records:trash']({ caseId, kind, ids });
  } catch (error) {
    notifyError(`Could not move ${noun(kind, ids.length)} to the trash`, error);
    return;
  }
  setState({ selection: [], focused: undefined });
  await refresh();
  undoNotice(`Moved ${noun(kind, ids.length)} to the trash.`);
}

/**
 * Trashing a whole case asks first, naming it: the trash icon of the next case lands under the pointer
 * once this one is gone, so a double click must never take two. The notice after it offers Undo.
 */
let askingToTrash = false;

export function confirmTrashCase(caseId: string, title: string): void {
  // A double click arrives as two clicks before the first dialog's overlay is up: ask once.
  if (askingToTrash) return;
  askingToTrash = true;
  modals.openConfirmModal({
    onClose: () => {
      askingToTrash = false;
    },
    title: `Move “${title}” to the trash?`,
    children: (
      <Text size="sm">
        The case moves to the trash with all its sources, notes, events and files. You can restore it from the trash, or undo straight away.
      </Text>
    ),
    labels: { confirm: 'Move case to trash', cancel: 'Cancel' },
    confirmProps: { color: 'red' },
    // The safe choice has the focus, so a stray Enter or a second click does not trash the case.
    cancelProps: { 'data-autofocus': true },
    onConfirm: () => void trashCase(caseId, title),
  });
}

async function trashCase(caseId: string, title: string): Promise<void> {
  try {
    await api['cases:delete']({ caseId });
  } catch (error) {
    notifyError('Could not move the case to the trash', error);
    return;
  }
  setState({ caseId: undefined, caseFile: undefined, selection: [], focused: undefined, draft: undefined });
  await refresh();
  undoNotice(`Moved the case “${title}” to the trash.`);
}

const ERASE_NAMED = 8;

/** Deleting for good asks first, naming what goes (the first few by name, then how many more), and says it cannot be undone. */
export function confirmErase(items: TrashItem[]): void {
  if (items.length === 0) return;
  const named = items.slice(0, ERASE_NAMED);
  const what = items.length === 1 ? `“${items[0].title}”` : `${items.length.toLocaleString('en-GB')} items`;
  modals.openConfirmModal({
    title: `Delete ${what} permanently?`,
    children: (
      <>
        <Text size="sm">These go for good, with the files attached to them that nothing else uses. This cannot be undone.</Text>
        <List size="sm" mt="sm" spacing={2} className="erase-list">
          {named.map((item) => (
            <List.Item key={`${item.ref.kind}:${item.ref.id}`}>
              {item.ref.kind === 'case'
                ? `The case “${item.title}”, with everything in it`
                : item.ref.kind === 'person'
                  ? `“${item.title}”, from the people register`
                  : `The ${item.ref.kind} “${item.title}”, in ${item.caseTitle}`}
            </List.Item>
          ))}
        </List>
        {items.length > named.length && (
          <Text size="sm" mt={4} c="dimmed">
            and {(items.length - named.length).toLocaleString('en-GB')} more.
          </Text>
        )}
      </>
    ),
    labels: { confirm: 'Delete permanently', cancel: 'Cancel' },
    confirmProps: { color: 'red' },
    cancelProps: { 'data-autofocus': true },
    onConfirm: () => void erase(items),
  });
}

async function erase(items: TrashItem[]): Promise<void> {
  const report = await change('Could not delete permanently', () => api['trash:erase']({ items: items.map((i) => i.ref) }));
  if (!report) return;
  const files = report.files === 0 ? '' : ` and ${report.files === 1 ? 'one stored file' : `${report.files.toLocaleString('en-GB')} stored files`}`;
  notifications.show({ color: 'casefolio', message: `Deleted permanently: ${report.items === 1 ? 'one item' : `${report.items.toLocaleString('en-GB')} items`}${files}.`, autoClose: 6000 });
}

/** One call restores whatever the trash lists: the trash's own id (and case, for a record) names it, whatever its kind. */
export async function restoreFromTrash(ref: TrashRef): Promise<void> {
  const restored = await change('Could not restore', () => api['trash:restore']({ id: ref.id, caseId: ref.kind === 'person' ? undefined : ref.caseId }));
  if (restored) notifications.show({ message: `Restored “${restored.title}”.`, color: 'casefolio', autoClose: 4000 });
}

export async function tagRecords(tag: string, kind: ListKind, ids: string[], add: boolean): Promise<void> {
  const caseId = getState().caseId;
  if (!caseId || ids.length === 0) return;
  const targets = ids.map((id) => ({ caseId, kind, id }));
  const result = await change(add ? 'Could not tag' : 'Could not untag', () => (add ? api['tags:apply']({ tag, targets }) : api['tags:remove']({ tag, targets })));
  if (result) {
    const verb = add ? `Tagged ${noun(kind, result.changed)} with` : `Removed from ${noun(kind, result.changed)} the tag`;
    undoNotice(result.changed === 0 ? `Nothing changed: ${add ? 'all already had' : 'none had'} “${tag}”.` : `${verb} “${tag}”.`);
  }
}

/** Opens an empty editor for a new record; it is created when the person saves it. */
export function startNewRecord(kind: ListKind): void {
  if (!getState().caseId) return;
  setState({ view: kind === 'source' ? 'sources' : kind === 'note' ? 'notes' : 'chronology', draft: kind, selection: [], focused: undefined });
}

/** After a record is created or saved: show it selected, with the draft closed. */
export function showSaved(id: string): void {
  setState({ draft: undefined });
  select([id], id);
}
