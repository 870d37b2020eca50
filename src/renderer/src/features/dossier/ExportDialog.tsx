/*
 * Export a dossier: choose the cases and the parts, the citation style of the sources lists, a protective
 * marking and Bates numbering, then where to save it; a progress bar follows the engine through its phases, and the finished file can be
 * opened from here.
 */
import { Alert, Autocomplete, Button, Checkbox, Group, Modal, NumberInput, Progress, ScrollArea, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileTypePdf } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { DossierExport } from '../../../../shared/api/types';
import { CITATION_STYLE_IDS, CITATION_STYLE_SHORT_TITLES, DEFAULT_CITATION_STYLE, type CitationStyleId } from '../../../../shared/citation-styles';
import { DOSSIER_SECTIONS, type DossierSection } from '../../../../shared/dossier';
import { api, callWithProgress } from '../../api';
import { messageOf } from '../../app/actions';
import { getState, useAppState } from '../../app/store';
import { formatBytes } from '../sources/Attachments';

const SECTION_LABELS: Record<DossierSection, string> = {
  cover: 'Cover page',
  contents: 'Table of contents',
  summary: 'Case summaries',
  chronology: 'Chronology',
  sources: 'Sources',
  notes: 'Notes and quotations',
  exhibits: 'Exhibits (attached files)',
  'tag-index': 'Tag index',
  integrity: 'Integrity record (file hashes)',
};

const PHASES: Record<string, string> = {
  exhibits: 'Preparing exhibits',
  layout: 'Laying out the pages',
  pages: 'Writing pages',
  save: 'Saving the file',
};

const STYLE_OPTIONS = CITATION_STYLE_IDS.map((id) => ({ value: id, label: CITATION_STYLE_SHORT_TITLES[id] }));

const MARKINGS = ['CONFIDENTIAL', 'OFFICIAL-SENSITIVE', 'PRIVILEGED AND CONFIDENTIAL', 'DRAFT', 'NOT FOR PUBLICATION'];
const BATES = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,23}$/;

type Stage = { name: 'form' } | { name: 'running'; phase: string; done: number; total: number } | { name: 'done'; result: DossierExport } | { name: 'failed'; message: string };

export function ExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const cases = useAppState((s) => s.cases);
  const [chosen, setChosen] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [sections, setSections] = useState<string[]>([...DOSSIER_SECTIONS]);
  const [citationStyle, setCitationStyle] = useState<CitationStyleId>(DEFAULT_CITATION_STYLE);
  const [marking, setMarking] = useState('');
  const [bates, setBates] = useState('');
  const [batesStart, setBatesStart] = useState<number | string>(1);
  const [pdfa, setPdfa] = useState(false);
  const [stage, setStage] = useState<Stage>({ name: 'form' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!opened) return;
    const current = getState().caseId;
    const initial = current ? [current] : [];
    setChosen(initial);
    setTitle(initial.length === 1 ? (cases.find((c) => c.id === current)?.title ?? '') : '');
    setStage({ name: 'form' });
    setErrors({});
  }, [opened, cases]);

  const toggleCase = (id: string, on: boolean) => {
    const next = on ? [...chosen, id] : chosen.filter((c) => c !== id);
    setChosen(next);
    if (next.length === 1 && (!title || cases.some((c) => c.title === title))) setTitle(cases.find((c) => c.id === next[0])?.title ?? title);
  };

  const start = async () => {
    const problems: Record<string, string> = {};
    if (chosen.length === 0) problems.cases = 'Choose at least one case.';
    if (sections.length === 0) problems.sections = 'Choose at least one part.';
    if (!title.trim()) problems.title = 'A dossier needs a title.';
    if (bates.trim() && !BATES.test(bates.trim())) problems.bates = 'Letters, digits, spaces, dots, slashes or hyphens, starting with a letter or digit; at most 24.';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    try {
      const date = new Date().toISOString().slice(0, 10);
      const { path } = await api['dossier:chooseOutput']({ suggestedName: `${title.trim()} – dossier ${date}.pdf` });
      if (!path) return;
      setStage({ name: 'running', phase: 'Starting', done: 0, total: 1 });
      const ordered = cases.filter((c) => chosen.includes(c.id)).map((c) => c.id);
      const result = await callWithProgress(
        'dossier:export',
        {
          cases: ordered,
          outputPath: path,
          title: title.trim(),
          sections: DOSSIER_SECTIONS.filter((s) => sections.includes(s)),
          citationStyle,
          ...(marking.trim() ? { marking: marking.trim() } : {}),
          ...(bates.trim() ? { bates: { prefix: bates.trim(), start: Number(batesStart) || 1 } } : {}),
          ...(pdfa ? { pdfa: true } : {}),
        },
        (p) => setStage({ name: 'running', phase: PHASES[p.phase] ?? p.phase, done: p.done, total: p.total }),
      );
      setStage({ name: 'done', result });
    } catch (error) {
      setStage({ name: 'failed', message: messageOf(error) });
    }
  };

  const open = async (path: string) => {
    try {
      const action = await api['dossier:open']({ path });
      if (action.url) window.open(action.url, '_blank', 'noopener');
    } catch (error) {
      setStage({ name: 'failed', message: messageOf(error) });
    }
  };

  const running = stage.name === 'running';
  return (
    <Modal opened={opened} onClose={running ? () => undefined : onClose} title="Export dossier" size="lg" closeOnClickOutside={!running} closeOnEscape={!running} withCloseButton={!running}>
      {stage.name === 'form' && (
        <Stack gap="md">
          <div>
            <Group justify="space-between" mb={6}>
              <Text size="sm" fw={500}>
                Cases, in dossier order
              </Text>
              <Group gap={4}>
                <Button size="compact-xs" variant="subtle" onClick={() => setChosen(cases.map((c) => c.id))}>
                  All
                </Button>
                <Button size="compact-xs" variant="subtle" onClick={() => setChosen([])}>
                  None
                </Button>
              </Group>
            </Group>
            <ScrollArea.Autosize mah={180} type="auto" className="export-cases">
              <Stack gap={6} p="xs">
                {cases.map((c) => (
                  <Checkbox key={c.id} label={c.title} checked={chosen.includes(c.id)} onChange={(e) => toggleCase(c.id, e.currentTarget.checked)} />
                ))}
              </Stack>
            </ScrollArea.Autosize>
            {errors.cases && (
              <Text size="xs" c="red" mt={4}>
                {errors.cases}
              </Text>
            )}
          </div>
          <Group grow align="flex-start">
            <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
            <Select
              label="Citation style"
              data={STYLE_OPTIONS}
              value={citationStyle}
              onChange={(value) => value && setCitationStyle(value as CitationStyleId)}
              allowDeselect={false}
              disabled={!sections.includes('sources')}
            />
          </Group>
          <Checkbox.Group label="Parts" value={sections} onChange={setSections} error={errors.sections}>
            <div className="export-sections">
              {DOSSIER_SECTIONS.map((s) => (
                <Checkbox key={s} value={s} label={SECTION_LABELS[s]} />
              ))}
            </div>
          </Checkbox.Group>
          <Group grow align="flex-start">
            <Autocomplete label="Marking" description="On the cover and every page" placeholder="None" data={MARKINGS} value={marking} onChange={setMarking} />
            <TextInput label="Bates prefix" description="Stamped on every page" placeholder="None" value={bates} onChange={(e) => setBates(e.currentTarget.value)} error={errors.bates} />
            <NumberInput label="First number" description="Of the first page" min={0} value={batesStart} onChange={setBatesStart} disabled={!bates.trim()} />
          </Group>
          <Switch
            label="Archival PDF/A-1b"
            description="For long-term keeping: exhibits that break its rules are merged unchanged and named in a warning"
            checked={pdfa}
            onChange={(e) => setPdfa(e.currentTarget.checked)}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button leftSection={<IconFileTypePdf size={16} />} onClick={() => void start()}>
              Export…
            </Button>
          </Group>
        </Stack>
      )}
      {stage.name === 'running' && (
        <Stack gap="sm" py="md" aria-live="polite">
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {stage.phase}…
            </Text>
            <Text size="sm" c="dimmed">
              {stage.total > 1 ? `${stage.done} of ${stage.total}` : ''}
            </Text>
          </Group>
          <Progress value={stage.total ? (100 * stage.done) / stage.total : 0} animated size="lg" aria-label="Export progress" />
        </Stack>
      )}
      {stage.name === 'done' && (
        <Stack gap="md">
          <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} title="Dossier exported">
            {stage.result.pages.toLocaleString('en-GB')} pages, {formatBytes(stage.result.size)}. Saved as {stage.result.path}
          </Alert>
          {stage.result.warnings.length > 0 && (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={`${stage.result.warnings.length} thing${stage.result.warnings.length === 1 ? '' : 's'} to check`}>
              <Stack gap={4}>
                {stage.result.warnings.map((w, i) => (
                  <Text key={i} size="sm">
                    {w.message}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button leftSection={<IconFileTypePdf size={16} />} onClick={() => void open(stage.result.path)}>
              Open dossier
            </Button>
          </Group>
        </Stack>
      )}
      {stage.name === 'failed' && (
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The dossier was not exported">
            {stage.message}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStage({ name: 'form' })}>
              Back
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
