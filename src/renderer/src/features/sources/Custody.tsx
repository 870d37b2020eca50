/*
 * A source's chain of custody: each attached file's custody (added when and by whom, how it was
 * captured, whether the stored file still matches its hash) and the audit journal's entries for the
 * source, newest first. Read from the core each time the case reloads (after every change the window
 * makes) and on request, since a file can change on disk behind the app's back.
 *
 * Times are shown in local time with the UTC value on hover; hashes shortened, with the full value on
 * hover and a copy button. Integrity is said in words and an icon as well as a colour.
 */
import { ActionIcon, Alert, Anchor, Badge, Button, CopyButton, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCircleCheck, IconCopy, IconFileAlert, IconFileX, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CustodySummary, ExhibitCustody, JournalEntry, JournalListing } from '../../../../shared/api/types';
import type { SourceRecord } from '../../../../shared/domain';
import { api } from '../../api';
import { messageOf } from '../../app/actions';
import { useAppState } from '../../app/store';

interface Loaded {
  journal: JournalListing;
  custody: CustodySummary;
}

const FIELD_LABELS: Record<string, string> = {
  kind: 'kind',
  title: 'title',
  authors: 'authors',
  publisher: 'publisher',
  publishedDate: 'published',
  accessedDate: 'accessed',
  url: 'web address',
  archiveUrl: 'archived copy',
  reliability: 'reliability',
  description: 'description',
  tags: 'tags',
  attachments: 'attachments',
  deletedAt: 'trash',
};

const FILE_OP_LABELS: Record<JournalEntry['files'][number]['op'], string> = { attached: 'Attached', detached: 'Detached', restored: 'Restored by repair' };

const OP_LABELS: Record<JournalEntry['records'][number]['op'], string> = {
  created: 'Created',
  updated: 'Changed',
  deleted: 'Moved to the trash',
  restored: 'Restored',
  removed: 'Removed',
  purged: 'Deleted for good',
};

const INTEGRITY = {
  intact: { color: 'teal', label: 'Intact', detail: 'The stored file matches its SHA-256.', icon: IconCircleCheck },
  changed: { color: 'red', label: 'Changed', detail: 'The stored file no longer matches the SHA-256 it was stored under.', icon: IconFileAlert },
  missing: { color: 'orange', label: 'Missing', detail: 'The stored file is not in the library’s files folder.', icon: IconFileX },
} as const;

export function Custody({ source }: { source: SourceRecord }) {
  const caseId = useAppState((s) => s.caseId);
  // A new case file after every change the window makes: reload with it.
  const caseFile = useAppState((s) => s.caseFile);
  const [checks, setChecks] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    if (!caseId) return;
    let current = true;
    setLoading(true);
    Promise.all([api['journal:list']({ caseId, sourceId: source.id }), api['evidence:custody']({ caseId, sourceIds: [source.id] })])
      .then(([journal, custody]) => current && (setLoaded({ journal, custody }), setError(undefined)))
      .catch((e: unknown) => current && setError(messageOf(e)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [caseId, source.id, caseFile, checks]);

  if (error) {
    return (
      <Alert color="red" variant="light" title="The chain of custody could not be read">
        {error}
      </Alert>
    );
  }
  if (!loaded) return <Loader size="sm" />;
  const { journal, custody } = loaded;
  const entries = [...journal.entries].reverse();
  return (
    <Stack gap="md" className="custody">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>
            Files
          </Text>
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed">
              Checked <When at={custody.checkedAt} />
            </Text>
            <Button size="compact-xs" variant="subtle" leftSection={<IconRefresh size={13} />} loading={loading} onClick={() => setChecks((n) => n + 1)}>
              Check again
            </Button>
          </Group>
        </Group>
        {custody.exhibits.length === 0 ? (
          <Text size="sm" c="dimmed">
            No files attached.
          </Text>
        ) : (
          custody.exhibits.map((x) => <FileCustody key={x.attachmentId} exhibit={x} all={custody.exhibits} />)
        )}
      </Stack>
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          Changes
        </Text>
        {journal.problems.length > 0 && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Some lines of the journal could not be read" className="journal-problems">
            <Text size="sm">They are skipped; the rest of the journal is shown.</Text>
            {journal.problems.slice(0, 5).map((p) => (
              <Text size="xs" key={p.line}>
                Line {p.line}: {p.reason}
              </Text>
            ))}
          </Alert>
        )}
        {entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            No changes recorded yet.
          </Text>
        ) : (
          <Stack gap={0} className="journal-list">
            {entries.map((e, i) => (
              <JournalLine key={`${e.at}-${i}`} entry={e} sourceId={source.id} />
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

function FileCustody({ exhibit: x, all }: { exhibit: ExhibitCustody; all: ExhibitCustody[] }) {
  const integrity = INTEGRITY[x.integrity];
  const Icon = integrity.icon;
  const c = x.capture;
  const renders = c?.renderingOf ? all.find((a) => a.attachmentId === c.renderingOf) : undefined;
  return (
    <Paper withBorder p="xs" className="custody-file" data-integrity={x.integrity}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={500} truncate="end" title={x.fileName}>
          {x.fileName}
        </Text>
        <Badge color={integrity.color} variant="light" leftSection={<Icon size={13} />} className="integrity-badge">
          {integrity.label}
        </Badge>
      </Group>
      <Text size="xs" c={x.integrity === 'intact' ? 'dimmed' : `${integrity.color}.7`} className="integrity-detail">
        {integrity.detail}
      </Text>
      <Text size="xs">
        Added <When at={x.addedAt} /> by {who(x.addedBy)}
      </Text>
      {c && !renders && (
        <Text size="xs">
          Captured <When at={c.capturedAt} /> from{' '}
          <Anchor href={c.finalUrl} target="_blank" rel="noopener noreferrer" size="xs" className="break-anywhere">
            {c.finalUrl}
          </Anchor>{' '}
          · HTTP {c.status}
          {c.redirects?.length ? ` · after ${c.redirects.length} redirect${c.redirects.length === 1 ? '' : 's'} from ${c.requestedUrl}` : ''}
        </Text>
      )}
      {renders && <Text size="xs">PDF rendering of the capture “{renders.fileName}”, made by the desktop app from the stored HTML</Text>}
      <Hash sha256={x.sha256} />
    </Paper>
  );
}

function JournalLine({ entry: e, sourceId }: { entry: JournalEntry; sourceId: string }) {
  const records = e.records.filter((r) => !(r.kind === 'source' && r.id === sourceId && r.op === 'updated' && e.files.length > 0 && sameAsFiles(r.fields)));
  return (
    <div className="journal-entry">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={500}>
          {e.action}
        </Text>
        {e.undo && (
          <Badge size="xs" variant="outline" color="gray">
            Undo
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        <When at={e.at} /> · {who(e.who)}
      </Text>
      {records.map((r) => (
        <Text size="xs" key={`${r.kind}-${r.id}-${r.op}`}>
          {OP_LABELS[r.op]} {r.kind} “{r.title}”{r.fields?.length ? `: ${r.fields.map((f) => FIELD_LABELS[f] ?? f).join(', ')}` : ''}
        </Text>
      ))}
      {e.files.map((f) => (
        <Group gap={6} key={`${f.op}-${f.attachmentId}`} wrap="nowrap">
          <Text size="xs">
            {FILE_OP_LABELS[f.op]} “{f.fileName}”
          </Text>
          <Hash sha256={f.sha256} />
        </Group>
      ))}
    </div>
  );
}

/** A source "updated: attachments" beside the files it lists says nothing more. */
const sameAsFiles = (fields: string[] | undefined) => fields?.length === 1 && fields[0] === 'attachments';

const who = (name: string | null | undefined) => (name === undefined ? 'someone (not in the journal)' : (name ?? 'no user name set at the time'));

/** A moment in local time, with its UTC value on hover. */
function When({ at }: { at: string }) {
  const local = new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <Tooltip label={`${at.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')} UTC`} withArrow openDelay={300}>
      <time dateTime={at} className="when">
        {local}
      </time>
    </Tooltip>
  );
}

/** A SHA-256 shortened, with the whole of it on hover and a button to copy it. */
function Hash({ sha256 }: { sha256: string }) {
  return (
    <Group gap={2} wrap="nowrap" className="hash">
      <Tooltip label={`SHA-256 ${sha256}`} withArrow openDelay={300} multiline maw={340}>
        <Text size="xs" ff="monospace" c="dimmed" data-sha256={sha256}>
          sha256 {sha256.slice(0, 12)}…
        </Text>
      </Tooltip>
      <CopyButton value={sha256}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy the full SHA-256'} withArrow>
            <ActionIcon size="xs" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy the full SHA-256">
              {copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
