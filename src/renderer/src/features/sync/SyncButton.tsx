/*
 * The header's sync control: one button that opens the sync panel, spinning while a run is going and
 * carrying the open conflicts' count as a badge. Shown for every library, so an unshared one can be
 * published from here. The panel and the conflicts view hang off it, so App.tsx needs one line.
 */
import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { ConflictsView } from './ConflictsView';
import { SyncPanel } from './SyncPanel';
import { whenText } from './sync-text';
import { loadSyncStatus, useSyncState, useSyncStatusWatch } from './use-sync';
import './sync.css';

export function SyncButton() {
  const [panel, setPanel] = useState(false);
  const [conflicts, setConflicts] = useState(false);
  const status = useSyncState((s) => s.status);
  const running = useSyncState((s) => s.busy || Boolean(s.status?.running));
  useSyncStatusWatch(true);

  const open = status?.openConflicts ?? 0;
  const label = running
    ? 'Syncing…'
    : !status?.configured
      ? 'Sync: share this library with your team'
      : `Sync (last ${whenText(status.lastSyncAt)})${open ? `: ${open} ${open === 1 ? 'conflict' : 'conflicts'} to resolve` : ''}`;

  return (
    <>
      <Tooltip label={label} withArrow>
        <Indicator label={open} size={15} disabled={open === 0} offset={4} color="orange" className="sync-indicator">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={open ? `Sync, ${open} ${open === 1 ? 'conflict' : 'conflicts'} open` : 'Sync'}
            className="sync-button"
            onClick={() => {
              setPanel(true);
              void loadSyncStatus();
            }}
          >
            <IconRefresh size={18} stroke={1.6} className={running ? 'sync-spinning' : undefined} />
          </ActionIcon>
        </Indicator>
      </Tooltip>
      <SyncPanel
        opened={panel}
        onClose={() => setPanel(false)}
        onShowConflicts={() => {
          setPanel(false);
          setConflicts(true);
        }}
      />
      <ConflictsView opened={conflicts} onClose={() => setConflicts(false)} />
    </>
  );
}
