/* The window: a toolbar over three panes (library, records, editor), plus quick search and the export dialog. */
import { ActionIcon, Alert, Button, EmptyState, Group, Kbd, List, Loader, Menu, Splitter, Text, Tooltip, UnstyledButton, useMantineColorScheme } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowBackUp, IconBriefcase, IconDeviceDesktop, IconFileExport, IconFileImport, IconMoon, IconPlugConnectedX, IconSearch, IconSettings, IconSun } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { AppCommand } from '../../../shared/api/events';
import { onEvent } from '../api';
import { Sidebar } from '../features/cases/Sidebar';
import { ExportDialog } from '../features/dossier/ExportDialog';
import { LockBanner } from '../features/library/LockBanner';
import { ZoteroImportDialog } from '../features/interchange/ZoteroImportDialog';
import { EditorPane } from '../features/records/EditorPane';
import { RecordPane } from '../features/records/RecordPane';
import { openQuickSearch, QuickSearch } from '../features/search/QuickSearch';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { SyncButton } from '../features/sync/SyncButton';
import { shortcut } from '../ui/keys';
import { openAbout } from './About';
import { startNewRecord, undo } from './actions';
import { refresh, setState, setView, useAppState } from './store';

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT'));
}

/** Ctrl+Z undoes typing inside a text field, and the last change to the library everywhere else. */
function undoHere(): void {
  if (isEditable(document.activeElement)) document.execCommand('undo');
  else void undo();
}

function focusPane(selector: string): void {
  document.querySelector<HTMLElement>(selector)?.focus();
}

export function App() {
  const loading = useAppState((s) => s.loading);
  const loadError = useAppState((s) => s.loadError);
  const library = useAppState((s) => s.library);
  // keepTransitions: switching themes would otherwise inject an inline <style> to pause transitions, which the CSP refuses.
  const { setColorScheme, colorScheme } = useMantineColorScheme({ keepTransitions: true });
  const [exporting, setExporting] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [importingZotero, setImportingZotero] = useState(false);

  useEffect(() => {
    void refresh();
  }, []);

  useEffect(() => {
    const handlers: Record<AppCommand, () => void> = {
      'new-case': () => setState({ draft: 'case', selection: [], focused: undefined }),
      'new-source': () => startNewRecord('source'),
      'new-note': () => startNewRecord('note'),
      'new-event': () => startNewRecord('event'),
      'quick-search': openQuickSearch,
      undo: undoHere,
      'export-dossier': () => setExporting(true),
      'show-trash': () => setView('trash'),
      'focus-cases': () => focusPane('.case-list'),
      'focus-list': () => focusPane('.record-list'),
      'focus-editor': () => focusPane('.editor input, .editor textarea'),
      'theme-system': () => setColorScheme('auto'),
      'theme-light': () => setColorScheme('light'),
      'theme-dark': () => setColorScheme('dark'),
      settings: () => setSettingsOpen(true),
      about: openAbout,
    };
    return onEvent('command', ({ command }) => handlers[command]?.());
  }, [setColorScheme]);

  // In a browser there is no native menu: the same shortcuts, handled by the window.
  useHotkeys(
    [
      ['mod+Z', (e) => {
        if (isEditable(e.target)) return;
        e.preventDefault();
        void undo();
      }],
      ['mod+E', () => setExporting(true)],
      ['mod+,', () => setSettingsOpen(true)],
    ],
    ['INPUT', 'TEXTAREA', 'SELECT'],
  );

  if (loading) {
    return (
      <div className="app-loading">
        <Loader size="sm" />
      </div>
    );
  }

  if (!library) {
    return (
      <div className="app-loading">
        <EmptyState
          icon={<IconPlugConnectedX size={26} stroke={1.5} />}
          title="Casefolio cannot reach its library"
          description={loadError ?? 'The library did not answer.'}
          maw={460}
        >
          <Button variant="light" onClick={() => void refresh()}>
            Try again
          </Button>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="app">
      <header className="topbar">
        <Group gap={10} wrap="nowrap" className="brand">
          <IconBriefcase size={20} stroke={1.7} className="brand-icon" />
          <Text fw={700} size="sm" className="brand-name">
            Casefolio
          </Text>
          {library && (
            <Text size="sm" c="dimmed" truncate="end" className="library-name" title={library.path}>
              {library.name}
            </Text>
          )}
        </Group>
        <UnstyledButton className="search-trigger" onClick={openQuickSearch}>
          <Group gap={8} wrap="nowrap">
            <IconSearch size={15} stroke={1.7} />
            <Text size="sm" c="dimmed" className="search-trigger-text">
              Search and jump…
            </Text>
            <Kbd size="xs">{shortcut('K')}</Kbd>
          </Group>
        </UnstyledButton>
        <Group gap={6} wrap="nowrap" justify="flex-end" className="topbar-actions">
          <Tooltip label={`Undo the last change (${shortcut('Z')})`} withArrow>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Undo" onClick={() => void undo()}>
              <IconArrowBackUp size={19} stroke={1.6} />
            </ActionIcon>
          </Tooltip>
          <Menu position="bottom-end" shadow="md">
            <Menu.Target>
              <Tooltip label="Theme" withArrow>
                <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Theme">
                  {colorScheme === 'dark' ? <IconMoon size={18} stroke={1.6} /> : colorScheme === 'light' ? <IconSun size={18} stroke={1.6} /> : <IconDeviceDesktop size={18} stroke={1.6} />}
                </ActionIcon>
              </Tooltip>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconDeviceDesktop size={15} />} onClick={() => setColorScheme('auto')}>
                Follow system
              </Menu.Item>
              <Menu.Item leftSection={<IconSun size={15} />} onClick={() => setColorScheme('light')}>
                Light
              </Menu.Item>
              <Menu.Item leftSection={<IconMoon size={15} />} onClick={() => setColorScheme('dark')}>
                Dark
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <SyncButton />
          <Tooltip label={`Settings (${shortcut(',')})`} withArrow>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Settings" onClick={() => setSettingsOpen(true)}>
              <IconSettings size={18} stroke={1.6} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Import from Zotero…" withArrow>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Import from Zotero…" onClick={() => setImportingZotero(true)}>
              <IconFileImport size={18} stroke={1.6} />
            </ActionIcon>
          </Tooltip>
          <Button size="xs" leftSection={<IconFileExport size={16} stroke={1.7} />} onClick={() => setExporting(true)}>
            Export dossier
          </Button>
        </Group>
      </header>
      {loadError && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} className="load-error" title="The library could not be read" withCloseButton onClose={() => void refresh()}>
          {loadError}
        </Alert>
      )}
      {library && <LockBanner library={library} />}
      {library && library.problems.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} className="load-error library-problems" title="Some files could not be used" withCloseButton>
          <List size="sm" spacing={2}>
            {library.problems.map((p) => (
              <List.Item key={p.file}>{`${p.file}: ${p.reason}${p.movedTo ? ` (kept as ${p.movedTo})` : ''}`}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Splitter className="panes" lineSize={1}>
        <Splitter.Pane defaultSize="280px" min="210px" max="440px" className="pane pane-left">
          <Sidebar />
        </Splitter.Pane>
        <Splitter.Pane defaultSize={1} min="360px" className="pane pane-middle">
          <RecordPane />
        </Splitter.Pane>
        <Splitter.Pane defaultSize="480px" min="360px" max="900px" className="pane pane-right">
          <EditorPane />
        </Splitter.Pane>
      </Splitter>
      <QuickSearch />
      <ExportDialog opened={exporting} onClose={() => setExporting(false)} />
      <SettingsDialog opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ZoteroImportDialog opened={importingZotero} onClose={() => setImportingZotero(false)} />
    </div>
  );
}
