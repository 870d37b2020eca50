/*
 * Import a Zotero library: the data folder (the one holding zotero.sqlite and storage/), whether collections
 * become cases or tags on one case, and Zotero's linked-files folder if files are linked relative to it.
 * A progress bar follows the import item by item; the report says what came in and which files could not.
 */
import { Alert, Button, Group, Progress, Radio, ScrollArea, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ZoteroImportReport } from '../../../../shared/api/types';
import { callWithProgress } from '../../api';
import { messageOf } from '../../app/actions';
import { TaskFailed, TaskModal } from '../../ui/TaskModal';
import { refresh, useAppState } from '../../app/store';

type Stage = { name: 'form' } | { name: 'running'; done: number; total: number } | { name: 'done'; report: ZoteroImportReport } | { name: 'failed'; message: string };

export function ZoteroImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const cases = useAppState((s) => s.cases);
  const [dir, setDir] = useState('');
  const [linked, setLinked] = useState('');
  const [collectionsAs, setCollectionsAs] = useState<'cases' | 'tags'>('cases');
  const [caseId, setCaseId] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ name: 'form' });
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (opened) setStage({ name: 'form' });
  }, [opened]);

  const start = async () => {
    if (!dir.trim()) return setError('Give the folder that holds zotero.sqlite.');
    setError(undefined);
    setStage({ name: 'running', done: 0, total: 0 });
    try {
      const report = await callWithProgress(
        'zotero:import',
        { dir: dir.trim(), collectionsAs, ...(collectionsAs === 'tags' && caseId ? { caseId } : {}), ...(linked.trim() ? { linkedFilesBase: linked.trim() } : {}) },
        (p) => setStage({ name: 'running', done: p.done, total: p.total }),
      );
      setStage({ name: 'done', report });
      await refresh();
    } catch (e) {
      setStage({ name: 'failed', message: messageOf(e) });
    }
  };

  const running = stage.name === 'running';
  return (
    <TaskModal opened={opened} busy={running} title="Import a Zotero library" onClose={onClose}>
      {stage.name === 'form' && (
        <Stack gap="md">
          <TextInput
            label="Zotero data folder"
            description="The folder holding zotero.sqlite and storage/ (Zotero shows it under Settings › Advanced › Files and Folders). Close Zotero first so its latest changes are in the file."
            placeholder="/home/you/Zotero"
            value={dir}
            error={error}
            onChange={(e) => setDir(e.currentTarget.value)}
            data-autofocus
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
          <Radio.Group label="Collections become" value={collectionsAs} onChange={(v) => setCollectionsAs(v as 'cases' | 'tags')}>
            <Group mt={6}>
              <Radio value="cases" label="Cases (one per collection)" />
              <Radio value="tags" label="Tags on one case" />
            </Group>
          </Radio.Group>
          {collectionsAs === 'tags' && (
            <Select label="Case to import into" placeholder="A new case, “Zotero library”" data={cases.map((c) => ({ value: c.id, label: c.title }))} value={caseId} onChange={setCaseId} clearable searchable />
          )}
          <TextInput label="Linked files folder (optional)" description="Zotero’s “Linked Attachment Base Directory”, if files are linked relative to it." value={linked} onChange={(e) => setLinked(e.currentTarget.value)} inputWrapperOrder={['label', 'input', 'description', 'error']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void start()}>Import</Button>
          </Group>
        </Stack>
      )}
      {stage.name === 'running' && (
        <Stack gap="sm" className="zotero-progress">
          <Text size="sm">{stage.total ? `Importing item ${stage.done.toLocaleString('en-GB')} of ${stage.total.toLocaleString('en-GB')}` : 'Reading the Zotero database…'}</Text>
          <Progress value={stage.total ? (100 * stage.done) / stage.total : 0} animated size="lg" aria-label="Import progress" />
        </Stack>
      )}
      {stage.name === 'done' && (
        <Stack gap="sm" className="zotero-report">
          <Alert color="green" icon={<IconCircleCheck size={18} />} title="Imported">
            {`${stage.report.sourcesAdded} sources, ${stage.report.notesAdded} notes and ${stage.report.attachmentsAdded} files from ${stage.report.items} items${stage.report.sourcesSkipped ? `; ${stage.report.sourcesSkipped} were already here` : ''}.`}
          </Alert>
          <ScrollArea.Autosize mah={240}>
            {stage.report.cases.map((c) => (
              <Text size="sm" key={c.caseId}>
                {`${c.created ? 'New case' : 'Case'} “${c.title}”: ${c.sources} sources, ${c.notes} notes`}
              </Text>
            ))}
            {stage.report.missingFiles.map((m) => (
              <Text size="sm" c="orange" key={`${m.key}-${m.item}`}>
                {`Not copied: ${m.file} (${m.item}) — ${m.reason}`}
              </Text>
            ))}
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      )}
      {stage.name === 'failed' && <TaskFailed title="The import did not finish" message={stage.message} onBack={() => setStage({ name: 'form' })} />}
    </TaskModal>
  );
}
