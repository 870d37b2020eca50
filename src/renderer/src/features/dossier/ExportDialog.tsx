/*
 * Export a dossier: choose the cases and the parts, the citation style of the sources lists, a protective
 * marking and Bates numbering, then where to save it; a progress bar follows the engine through its phases, and the finished file can be
 * opened from here.
 */
import { Alert, Autocomplete, Button, Checkbox, Group, NumberInput, Progress, ScrollArea, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconBook2, IconCircleCheck, IconDownload, IconFileTypePdf } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { DossierExport } from '../../../../shared/api/types';
import { DEFAULT_CITATION_STYLE, type CitationStyleId } from '../../../../shared/citation-styles';
import { DOSSIER_SECTIONS, DossierSettings, PAPER_SIZES, type DossierSection, type PaperSize } from '../../../../shared/dossier';
import { dossierFileName } from '../../../../shared/file-names';
import { api, callWithProgress, host } from '../../api';
import { messageOf } from '../../app/actions';
import { TaskFailed, TaskModal } from '../../ui/TaskModal';
import { getState, useAppState } from '../../app/store';
import { formatBytes } from '../sources/Attachments';
import { validate } from '../../ui/form';
import './dossier.css';
import { DossierPreview, type PreviewRequest } from './DossierPreview';
import { DossierViewer } from './DossierViewer';
import { CaseOrder, dossierTitle } from './CaseOrder';
import { MARKINGS, STYLE_OPTIONS } from './choices';

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

const PAPER_OPTIONS = PAPER_SIZES.map((size) => ({ value: size, label: size === 'A4' ? 'A4 (210 × 297 mm)' : 'US Letter (8½ × 11 in)' }));

/** The settings chosen here, checked by the contract's own schema: its messages appear beside the fields. */
const ChosenSettings = DossierSettings.omit({ buildDate: true });

type Stage = { name: 'form' } | { name: 'running'; phase: string; done: number; total: number } | { name: 'done'; result: DossierExport } | { name: 'failed'; message: string };

export function ExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const cases = useAppState((s) => s.cases);
  const settings = useAppState((s) => s.library?.settings);
  /** Ticked cases, in dossier order. */
  const [chosen, setChosen] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  /** Once the person types a title it is theirs; until then it follows the cases ticked. */
  const [titleTyped, setTitleTyped] = useState(false);
  const [sections, setSections] = useState<string[]>([...DOSSIER_SECTIONS]);
  const [citationStyle, setCitationStyle] = useState<CitationStyleId>(DEFAULT_CITATION_STYLE);
  const [marking, setMarking] = useState('');
  const [bates, setBates] = useState('');
  const [batesStart, setBatesStart] = useState<number | string>(1);
  const [paperSize, setPaperSize] = useState<PaperSize>('A4');
  const [pdfa, setPdfa] = useState(false);
  const [redact, setRedact] = useState(false);
  const [stage, setStage] = useState<Stage>({ name: 'form' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [timelineFigure, setTimelineFigure] = useState(false);
  const [viewing, setViewing] = useState<string>();

  useEffect(() => {
    if (!opened) return;
    const current = getState().caseId;
    const initial = current ? [current] : [];
    setChosen(initial);
    setTitle(dossierTitle(initial, cases));
    setTitleTyped(false);
    setCitationStyle(settings?.citationStyle ?? DEFAULT_CITATION_STYLE);
    setMarking(settings?.marking ?? '');
    setBates(settings?.batesPrefix ?? '');
    setStage({ name: 'form' });
    setErrors({});
    // Reset only when the dialog opens, not each time the case list reloads behind it.
  }, [opened]);

  const choose = (next: string[]) => {
    setChosen(next);
    if (!titleTyped) setTitle(dossierTitle(next, cases));
  };
  const toggleCase = (id: string, on: boolean) => choose(on ? [...chosen, id] : chosen.filter((c) => c !== id));

  /** The dossier's settings as the form holds them, cases in the order chosen: what both the preview and the export are built from. */
  const settingsFromForm = (): PreviewRequest => ({
    cases: chosen.filter((id) => cases.some((c) => c.id === id)),
    title: title.trim(),
    sections: DOSSIER_SECTIONS.filter((s) => sections.includes(s)),
    citationStyle,
    paperSize,
    timelineFigure,
    ...(pdfa ? { pdfa: true } : {}),
    ...(redact ? { redact: true } : {}),
    ...(marking.trim() ? { marking: marking.trim() } : {}),
    ...(bates.trim() ? { bates: { prefix: bates.trim(), start: Number(batesStart) || 1 } } : {}),
  });

  const start = async () => {
    const { cases: ordered, ...chosenSettings } = settingsFromForm();
    const checked = validate(ChosenSettings, chosenSettings);
    const problems: Record<string, string> = checked.ok ? {} : { ...checked.errors };
    if (chosen.length === 0) problems.cases = 'Choose at least one case.';
    if (sections.length === 0) problems.sections = 'Choose at least one part.';
    if (!title.trim()) problems.title = 'A dossier needs a title.';
    setErrors(problems);
    if (!checked.ok || Object.keys(problems).length) return;
    try {
      const date = new Date().toISOString().slice(0, 10);
      const name = dossierFileName(title, date);
      const { path } = await api['dossier:chooseOutput']({ suggestedName: redact ? name.replace(/(\.pdf)?$/, ' (redacted).pdf') : name });
      if (!path) return;
      setStage({ name: 'running', phase: 'Starting', done: 0, total: 1 });
      const result = await callWithProgress(
        'dossier:export',
        { ...checked.value, cases: ordered, outputPath: path },
        (p) => setStage({ name: 'running', phase: PHASES[p.phase] ?? p.phase, done: p.done, total: p.total }),
      );
      setStage({ name: 'done', result });
    } catch (error) {
      setStage({ name: 'failed', message: messageOf(error) });
    }
  };

  const open = async (path: string, as: 'view' | 'download') => {
    try {
      const action = await api['dossier:open']({ path });
      if (!action.url) return;
      if (as === 'view') return void window.open(action.url, '_blank', 'noopener');
      // The browser asks where to save it (or puts it in Downloads, as the person set it up).
      const link = document.createElement('a');
      link.href = action.url;
      link.download = path.split(/[\\/]/).pop() ?? 'dossier.pdf';
      link.click();
    } catch (error) {
      setStage({ name: 'failed', message: messageOf(error) });
    }
  };

  // What a preview is built from: the same settings as the export, once they are valid.
  const form = settingsFromForm();
  const { cases: _ordered, ...formSettings } = form;
  const previewRequest: PreviewRequest | undefined = chosen.length && sections.length && title.trim() && ChosenSettings.safeParse(formSettings).success ? form : undefined;

  const running = stage.name === 'running';
  return (
    <TaskModal opened={opened} busy={running} title="Export dossier" onClose={onClose}>
      {stage.name === 'form' && (
        <Stack gap="md">
          <div>
            <Group justify="space-between" mb={6}>
              <Text size="sm" fw={500}>
                Cases
              </Text>
              <Group gap={4}>
                <Button size="compact-xs" variant="subtle" onClick={() => choose([...chosen, ...cases.map((c) => c.id).filter((id) => !chosen.includes(id))])}>
                  All
                </Button>
                <Button size="compact-xs" variant="subtle" onClick={() => choose([])}>
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
            <CaseOrder chosen={chosen} cases={cases} onChange={setChosen} />
          </div>
          <Group grow align="flex-start">
            <TextInput
              label="Title"
              value={title}
              onChange={(e) => {
                setTitle(e.currentTarget.value);
                setTitleTyped(true);
              }}
              error={errors.title}
            />
            <Select
              label="Citation style"
              data={STYLE_OPTIONS}
              value={citationStyle}
              onChange={(value) => value && setCitationStyle(value as CitationStyleId)}
              allowDeselect={false}
              disabled={!sections.includes('sources')}
            />
            <Select label="Paper" data={PAPER_OPTIONS} value={paperSize} onChange={(value) => value && setPaperSize(value as PaperSize)} allowDeselect={false} />
          </Group>
          <Checkbox.Group label="Parts" value={sections} onChange={setSections} error={errors.sections}>
            <div className="export-sections">
              {DOSSIER_SECTIONS.map((s) => (
                <Checkbox key={s} value={s} label={SECTION_LABELS[s]} />
              ))}
            </div>
          </Checkbox.Group>
          <Switch label="Timeline figure before each chronology" checked={timelineFigure} onChange={(e) => setTimelineFigure(e.currentTarget.checked)} disabled={!sections.includes('chronology')} />
          <Group grow align="flex-start">
            <Autocomplete label="Marking" description="On the cover and every page" placeholder="None" data={MARKINGS} value={marking} onChange={setMarking} error={errors.marking} />
            <TextInput label="Bates prefix" description="Stamped on every page" placeholder="None" value={bates} onChange={(e) => setBates(e.currentTarget.value)} error={errors.bates} />
            <NumberInput label="First number" description="Of the first page" min={0} value={batesStart} onChange={setBatesStart} disabled={!bates.trim()} />
          </Group>
          <Switch
            label="Archival PDF/A-1b"
            description="For long-term keeping: exhibits that break its rules are merged unchanged and named in a warning"
            checked={pdfa}
            onChange={(e) => setPdfa(e.currentTarget.checked)}
          />
          <Switch
            label="Redacted copy for publication"
            description="Every name of every anonymised person replaced by their cipher, exhibit pages that name them rebuilt; the file is checked before it is saved, and a redaction log for the legal team is saved beside it"
            checked={redact}
            onChange={(e) => setRedact(e.currentTarget.checked)}
          />
          <DossierPreview request={previewRequest} />
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
          {stage.result.redactionLog && (
            <Text size="sm">
              Redacted: {stage.result.redactionLog.replaced.toLocaleString('en-GB')} names replaced, {stage.result.redactionLog.pagesRebuilt.toLocaleString('en-GB')} exhibit pages rebuilt. The redaction log
              (it names the people left out: keep it within the legal team) is saved beside the dossier as {stage.result.redactionLog.textPath}
            </Text>
          )}
          {host === 'browser' && (
            <Text size="sm" c="dimmed">
              In a browser the dossier is kept in the library’s exports folder: Download… saves a copy where you choose.
            </Text>
          )}
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
            <Button variant="default" leftSection={<IconBook2 size={16} />} onClick={() => setViewing(stage.result.path)}>
              View in Casefolio
            </Button>
            {host === 'browser' && (
              <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void open(stage.result.path, 'download')}>
                Download…
              </Button>
            )}
            <Button leftSection={<IconFileTypePdf size={16} />} onClick={() => void open(stage.result.path, 'view')}>
              Open dossier
            </Button>
          </Group>
        </Stack>
      )}
      {stage.name === 'failed' && <TaskFailed title="The dossier was not exported" message={stage.message} onBack={() => setStage({ name: 'form' })} />}
      <DossierViewer path={viewing} title={title.trim() || 'Dossier'} onClose={() => setViewing(undefined)} />
    </TaskModal>
  );
}
