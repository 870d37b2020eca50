/*
 * The sync panel: who you are (asked once, before the first sync), publishing this library to a shared git
 * repository, "Sync now" with a progress bar, when the last sync was, what came in and from whom, and what
 * stopped a run, said as a sentence with what to do: an unreachable remote (everything stays here, try
 * again), a run held back because it would delete too much (review, or sync anyway), conflicts to resolve.
 */
import { Alert, Button, Divider, Drawer, Group, List, Loader, Progress, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCloudOff, IconGitMerge, IconRefresh, IconTrashX } from '@tabler/icons-react';
import { useState } from 'react';
import { SyncRemote, type SyncReport } from '../../../../shared/sync';
import { AccessToken } from './AccessToken';
import { IdentityPrompt } from './IdentityForm';
import { heldBackText, incomingText, interruptedText, outgoingText, reportText, stepText, whenText } from './sync-text';
import { clearFailure, loadSyncStatus, publish, runSync, useSyncState } from './use-sync';

export function SyncPanel({ opened, onClose, onShowConflicts }: { opened: boolean; onClose: () => void; onShowConflicts: () => void }) {
  const status = useSyncState((s) => s.status);
  const busy = useSyncState((s) => s.busy);
  const identity = status?.identity;
  const known = Boolean(identity?.name && identity?.email);

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title="Sync with your team" className="sync-panel" closeButtonProps={{ 'aria-label': 'Dismiss' }}>
      {!status ? (
        <Loader size="sm" />
      ) : (
        <Stack gap="md">
          {!known && !busy ? (
            <IdentityPrompt onSaved={() => void loadSyncStatus()} />
          ) : (
            <Text size="sm" c="dimmed" className="sync-identity">
              Your changes are signed {identity?.name} &lt;{identity?.email}&gt;.
            </Text>
          )}
          {known && (status.configured ? <SyncNow /> : <Publish />)}
          {known && status.openConflicts > 0 && (
            <Alert color="orange" variant="light" icon={<IconGitMerge size={18} />} title={`${status.openConflicts === 1 ? 'One conflict needs' : `${status.openConflicts} conflicts need`} your choice`} className="sync-conflicts-alert">
              <Stack gap="xs">
                <Text size="sm">The same field was changed on two computers, or a record edited on one and deleted on the other. Both versions are kept until you choose.</Text>
                <Group>
                  <Button size="xs" variant="light" color="orange" onClick={onShowConflicts}>
                    Resolve conflicts…
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function Publish() {
  const [remote, setRemote] = useState('');
  const [error, setError] = useState<string>();
  const busy = useSyncState((s) => s.busy);
  const failure = useSyncState((s) => s.failure);
  const checked = SyncRemote.safeParse(remote);
  const submit = async () => {
    if (!checked.success) return setError(checked.error.issues[0].message);
    await publish(checked.data);
  };
  return (
    <form
      className="sync-publish"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">This library is on this computer only. Publish it to an empty repository on your team’s git host (Gitea, GitLab, a private GitHub repository); everyone who clones it can then sync.</Text>
        <TextInput
          label="Shared repository"
          description="Its https:// address, e.g. https://git.example.org/team/library.git"
          value={remote}
          onChange={(e) => {
            setRemote(e.currentTarget.value);
            setError(undefined);
            clearFailure();
          }}
          error={error}
          autoComplete="off"
          spellCheck={false}
        />
        {checked.success && <AccessToken remote={checked.data} />}
        {failure && <FailureAlert message={failure.message} unreachable={failure.code === 'SYNC_UNREACHABLE'} onRetry={() => void submit()} />}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Publish this library
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SyncNow() {
  const status = useSyncState((s) => s.status)!;
  const busy = useSyncState((s) => s.busy);
  const progress = useSyncState((s) => s.progress);
  const report = useSyncState((s) => s.report);
  const failure = useSyncState((s) => s.failure);
  const running = busy || Boolean(status.running);
  const shown = report ?? status.lastReport;
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : undefined;

  return (
    <Stack gap="sm" className="sync-now">
      <div>
        <Text size="sm">
          Shared through <span className="sync-remote">{status.remote}</span>
          {status.branch ? ` (${status.branch})` : ''}
        </Text>
        <Text size="sm" c="dimmed" className="sync-last">
          Last synced {whenText(status.lastSyncAt)}.
        </Text>
        {status.interrupted && !running && (
          <Text size="sm" className="sync-interrupted">
            {interruptedText(status.interrupted)}
          </Text>
        )}
      </div>
      <Group>
        <Button leftSection={<IconRefresh size={16} />} onClick={() => void runSync()} loading={running} loaderProps={{ type: 'dots' }}>
          Sync now
        </Button>
      </Group>
      {running && (
        <Stack gap={4} className="sync-progress">
          <Progress value={percent ?? 100} animated={percent === undefined} striped={percent === undefined} aria-label="Sync progress" size="md" />
          <Text size="xs" c="dimmed" aria-live="polite">
            {progress ? stepText(progress.step) : 'Syncing'}
            {progress && progress.total > 0 ? ` — step ${progress.done + 1} of ${progress.total}` : '…'}
          </Text>
        </Stack>
      )}
      {failure && !running && <FailureAlert message={failure.message} unreachable={failure.code === 'SYNC_UNREACHABLE'} onRetry={() => void runSync()} />}
      {/* An interrupted run came after the last outcome: that outcome is not what the last sync did. */}
      {shown?.heldBack && !running && report === shown ? <HeldBack report={shown} /> : shown && !running && !failure && !status.interrupted && <Outcome report={shown} />}
      <Divider />
      <AccessToken remote={status.remote ?? ''} />
    </Stack>
  );
}

/** What the last run did; "what came in" lists each author on a line of its own. */
function Outcome({ report }: { report: SyncReport }) {
  return (
    <Stack gap={4} className="sync-outcome" aria-live="polite">
      {report.incoming.length > 1 ? (
        <>
          <Text size="sm">Came in:</Text>
          <List size="sm" className="sync-incoming">
            {report.incoming.map((inc) => (
              <List.Item key={inc.author.email}>{incomingText(inc)}</List.Item>
            ))}
          </List>
          <Text size="sm">{outgoingText(report)}</Text>
        </>
      ) : (
        <Text size="sm">{reportText(report)}</Text>
      )}
      {report.refusedFiles?.length ? (
        <Text size="sm" c="red">
          {`${report.refusedFiles.length === 1 ? 'One file' : `${report.refusedFiles.length} files`} arrived with contents that do not match their name and were refused: ${report.refusedFiles.join(', ')}.`}
        </Text>
      ) : null}
    </Stack>
  );
}

function HeldBack({ report }: { report: SyncReport }) {
  const [reviewing, setReviewing] = useState(false);
  const held = report.heldBack!;
  return (
    <Alert color="yellow" variant="light" icon={<IconTrashX size={18} />} title="This sync is held back" className="sync-held-back">
      <Stack gap="xs">
        <Text size="sm">{heldBackText(held)}</Text>
        {reviewing && (
          <Stack gap={4} className="sync-held-back-review">
            <Text size="sm">These deletions were made on another computer. If they were not meant, ask whoever made them before you go on: until you choose Sync anyway, nothing here changes and nothing is sent.</Text>
            {held.cases.length > 0 && (
              <List size="sm">
                {held.cases.map((c) => (
                  <List.Item key={c}>{`The case “${c}”, with everything in it`}</List.Item>
                ))}
              </List>
            )}
          </Stack>
        )}
        <Group gap="xs">
          {!reviewing && (
            <Button size="xs" variant="default" onClick={() => setReviewing(true)}>
              Review…
            </Button>
          )}
          <Button size="xs" color="red" variant="light" onClick={() => void runSync({ confirmDeletions: true })}>
            Sync anyway
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function FailureAlert({ message, unreachable, onRetry }: { message: string; unreachable: boolean; onRetry: () => void }) {
  return (
    <Alert color={unreachable ? 'yellow' : 'red'} variant="light" icon={unreachable ? <IconCloudOff size={18} /> : <IconAlertTriangle size={18} />} title={unreachable ? 'The shared repository could not be reached' : 'The sync did not finish'} className="sync-failure">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        <Group>
          <Button size="xs" variant="light" color={unreachable ? 'yellow' : 'red'} onClick={onRetry} className="sync-retry">
            Try again
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
