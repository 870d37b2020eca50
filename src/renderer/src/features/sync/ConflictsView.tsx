/*
 * The open sync conflicts, each with both versions side by side and who made each and when. The person
 * keeps theirs or ours, or (for text) combines the two by hand; each choice is an ordinary change, synced
 * next time. Buttons and a textarea only, in reading order, so the whole view works from the keyboard.
 */
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { SyncConflict, SyncConflictSide } from '../../../../shared/sync';
import { canCombine, conflictTitle, valueText, whenText } from './sync-text';
import { loadConflicts, resolveConflict, useSyncState } from './use-sync';

export function ConflictsView({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const conflicts = useSyncState((s) => s.conflicts);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (opened) void loadConflicts();
  }, [opened]);

  // After a choice the conflict leaves the list: the next one's first button takes the focus, so the keyboard stays in place.
  const focusNext = () => requestAnimationFrame(() => list.current?.querySelector<HTMLButtonElement>('.conflict-card button')?.focus());

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      className="conflicts-view"
      title={
        <Group gap="xs">
          <span>Sync conflicts</span>
          <Badge color={conflicts.length ? 'orange' : 'gray'} variant="light" aria-label={`${conflicts.length} open`}>
            {conflicts.length}
          </Badge>
        </Group>
      }
    >
      <Stack gap="md" ref={list}>
        {conflicts.length === 0 ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title="No conflicts are open" className="conflicts-none">
            Every change from your team has been merged. Sync again to send your choices.
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            Until you choose, the library keeps your version and both are kept here. Your choice goes to the team with your next sync.
          </Text>
        )}
        {conflicts.map((c) => (
          <ConflictCard key={c.id} conflict={c} onResolved={focusNext} />
        ))}
      </Stack>
    </Modal>
  );
}

function ConflictCard({ conflict, onResolved }: { conflict: SyncConflict; onResolved: () => void }) {
  const [combining, setCombining] = useState(false);
  const [combined, setCombined] = useState('');
  const [error, setError] = useState<string>();
  const [working, setWorking] = useState(false);
  const combinedField = useRef<HTMLTextAreaElement>(null);
  const headingId = `conflict-${conflict.id}`;

  const choose = async (pick: 'ours' | 'theirs' | 'value', value?: unknown) => {
    setWorking(true);
    const failure = await resolveConflict(conflict.id, pick, value);
    setWorking(false);
    if (failure) setError(failure.message);
    else onResolved();
  };

  const startCombining = () => {
    const parts = [conflict.ours, conflict.theirs].filter((v): v is string => typeof v === 'string' && v.length > 0);
    setCombined(parts.join('\n\n'));
    setCombining(true);
    // The Combine button goes away: the focus moves to the text it opened, not to the page.
    requestAnimationFrame(() => combinedField.current?.focus());
  };

  return (
    <Paper component="section" withBorder p="md" radius="md" className="conflict-card" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Title order={3} size="h5" id={headingId}>
            {conflictTitle(conflict)}
          </Title>
          {conflict.caseTitle && (
            <Text size="xs" c="dimmed">
              In the case “{conflict.caseTitle}”
            </Text>
          )}
        </div>
        {/* A CSS grid, not Mantine's SimpleGrid: that one writes an inline <style>, which the CSP refuses. */}
        <div className="conflict-sides">
          <Side label="Yours" by={conflict.oursBy} value={conflict.ours} className="conflict-ours" />
          <Side label="Theirs" by={conflict.theirsBy} value={conflict.theirs} className="conflict-theirs" />
        </div>
        {combining && (
          <Textarea
            label="Combined text"
            description="Edit it into the version to keep; it replaces both."
            value={combined}
            onChange={(e) => setCombined(e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={12}
            ref={combinedField}
            className="conflict-combined"
          />
        )}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group gap="xs">
          {combining ? (
            <>
              <Button size="xs" onClick={() => void choose('value', combined)} loading={working}>
                Keep the combined text
              </Button>
              <Button size="xs" variant="default" onClick={() => setCombining(false)}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <Button size="xs" variant="light" onClick={() => void choose('ours')} loading={working}>
                {conflict.ours === undefined ? 'Keep it deleted' : 'Keep yours'}
              </Button>
              <Button size="xs" variant="light" onClick={() => void choose('theirs')} disabled={working}>
                {conflict.theirs === undefined ? 'Delete it, as they did' : 'Take theirs'}
              </Button>
              {canCombine(conflict) && (
                <Button size="xs" variant="default" onClick={startCombining} disabled={working}>
                  Combine…
                </Button>
              )}
            </>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function Side({ label, by, value, className }: { label: string; by: SyncConflictSide; value: unknown; className: string }) {
  return (
    <div className={`conflict-side ${className}`}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <Text size="xs" c="dimmed">
        {by.name || by.email}, {whenText(by.at)}
      </Text>
      <Text size="sm" className="conflict-value" mt={4}>
        {valueText(value)}
      </Text>
    </div>
  );
}
