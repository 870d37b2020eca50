/*
 * A source's web address as last checked: still there, moved, changed since its capture, or gone. From here, one
 * click captures the page as it is now, or records an archived copy's address (the Wayback Machine's copy
 * nearest to the last capture, or to today). The library-wide scheduled check is switched on and off here too.
 */
import { Badge, Button, Group, Paper, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { IconArchive, IconRefresh, IconWorldDownload } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { SourceRecord } from '../../../../shared/domain';
import type { LinkResult, LinkVerdict } from '../../../../shared/links';
import { api } from '../../api';
import { change, notifyError } from '../../app/actions';
import { getState } from '../../app/store';
import { CaptureDialog } from './CaptureDialog';

const BADGES: Record<LinkVerdict, { label: string; color: string }> = {
  ok: { label: 'Unchanged', color: 'green' },
  moved: { label: 'Moved', color: 'orange' },
  changed: { label: 'Changed', color: 'yellow' },
  gone: { label: 'Gone', color: 'red' },
  failed: { label: 'Not reached', color: 'gray' },
  skipped: { label: 'Not checked', color: 'gray' },
};

/** The Wayback Machine's address for the copy nearest to a moment: it redirects to the closest capture it holds. */
export function waybackAddress(url: string, at: string): string {
  return `https://web.archive.org/web/${at.replace(/[-:T]/g, '').slice(0, 14)}/${url}`;
}

export function LinkStatus({ source }: { source: SourceRecord }) {
  const [result, setResult] = useState<LinkResult>();
  const [checking, setChecking] = useState(false);
  const [capturing, setCapturing] = useState(false);
  const [watching, setWatching] = useState<boolean>();
  const caseId = getState().caseId!;

  const load = useCallback(async () => {
    const [status, info] = await Promise.all([api['links:status']({ caseId }), api['library:info']({})]);
    setResult(status.find((r) => r.sourceId === source.id));
    setWatching(Boolean(info.settings.linkWatch?.enabled));
  }, [caseId, source.id]);
  useEffect(() => {
    load().catch(() => undefined);
  }, [load, source.url]);

  if (!source.url) return null;

  const checkNow = async () => {
    setChecking(true);
    try {
      const report = await api['links:check']({ caseId });
      if (report.offline) notifyError('Links were not checked', new Error(report.message));
      await load();
    } catch (error) {
      notifyError('Links were not checked', error);
    } finally {
      setChecking(false);
    }
  };
  const lastCapture = source.attachments.filter((a) => a.capture && !a.capture.renderingOf && !a.capture.webArchiveOf).at(-1)?.capture?.capturedAt;
  const recordArchive = () =>
    change('The archived copy was not recorded', () =>
      api['sources:update']({ caseId, sourceId: source.id, patch: { archiveUrl: waybackAddress(source.url!, lastCapture ?? new Date().toISOString()) } }),
    );
  const toggleWatch = (enabled: boolean) =>
    change('The link check setting was not changed', async () => {
      await api['library:updateSettings']({ linkWatch: enabled ? { enabled: true, intervalHours: 24 } : null });
      setWatching(enabled);
    });
  const badge = result ? BADGES[result.verdict] : undefined;
  const problem = result && (result.verdict === 'moved' || result.verdict === 'changed' || result.verdict === 'gone');

  return (
    <Paper withBorder p="xs" radius="sm" className="link-status" data-verdict={result?.verdict ?? 'unchecked'}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={500}>
              Link
            </Text>
            {badge ? (
              <Badge color={badge.color} variant="light" size="sm">
                {badge.label}
              </Badge>
            ) : (
              <Text size="xs" c="dimmed">
                not checked yet
              </Text>
            )}
          </Group>
          <Button size="compact-xs" variant="subtle" leftSection={<IconRefresh size={14} />} loading={checking} onClick={() => void checkNow()}>
            Check now
          </Button>
        </Group>
        {result && (
          <Text size="xs" c="dimmed">
            {result.message} Checked {new Date(result.checkedAt).toLocaleString()}.
          </Text>
        )}
        {problem && (
          <Group gap="xs">
            <Button size="compact-xs" variant="light" leftSection={<IconWorldDownload size={14} />} onClick={() => setCapturing(true)}>
              Capture current version…
            </Button>
            <Tooltip label="The Wayback Machine's copy nearest to the last capture" withArrow>
              <Button size="compact-xs" variant="light" leftSection={<IconArchive size={14} />} onClick={() => void recordArchive()}>
                Record archived copy
              </Button>
            </Tooltip>
          </Group>
        )}
        {watching !== undefined && (
          <Switch size="xs" label="Check every source's link daily while the app is open (all cases; polite, obeys robots.txt)" checked={watching} onChange={(e) => void toggleWatch(e.currentTarget.checked)} />
        )}
      </Stack>
      {capturing && <CaptureDialog source={source} opened onClose={() => setCapturing(false)} />}
    </Paper>
  );
}
