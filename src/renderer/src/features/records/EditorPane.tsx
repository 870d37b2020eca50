/* The right pane: the editor for whatever is selected — a record, several records, a new record, or the case. */
import { Button, Stack, Text } from '@mantine/core';
import { IconTag, IconTrash } from '@tabler/icons-react';
import { noun, trashRecords } from '../../app/actions';
import { useAppState, VIEW_KIND } from '../../app/store';
import { EventEditor } from '../chronology/EventEditor';
import { CaseEditor } from '../cases/CaseEditor';
import { NoteEditor } from '../notes/NoteEditor';
import { SourceEditor } from '../sources/SourceEditor';
import { PersonPage } from '../people/PersonPage';

export function EditorPane() {
  const draft = useAppState((s) => s.draft);
  const view = useAppState((s) => s.view);
  const caseFile = useAppState((s) => s.caseFile);
  const focused = useAppState((s) => s.focused);
  const selection = useAppState((s) => s.selection);

  if (draft === 'case') return <CaseEditor key="new-case" />;
  if (view === 'trash') return <Placeholder text="Restore a record from the trash to edit it again." />;
  if (view === 'people') return <PersonPage />;
  if (!caseFile) return <Placeholder text="No case open." />;
  if (draft === 'source') return <SourceEditor key="new-source" />;
  if (draft === 'note') return <NoteEditor key="new-note" />;
  if (draft === 'event') return <EventEditor key="new-event" />;

  const kind = VIEW_KIND[view];
  if (selection.length > 1) {
    return (
      <div className="editor editor-placeholder">
        <Stack align="center" gap="xs">
          <IconTag size={30} stroke={1.3} />
          <Text fw={600}>{noun(kind, selection.length).replace(/^one/, '1')} selected</Text>
          <Text size="sm" c="dimmed" ta="center" maw={300}>
            Tag or untag them all from the bar below the list, or move them to the trash.
          </Text>
          <Button variant="light" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={() => void trashRecords(kind, selection)}>
            Move {selection.length} to trash
          </Button>
        </Stack>
      </div>
    );
  }
  if (focused) {
    if (view === 'sources') {
      const source = caseFile.sources.find((s) => s.id === focused);
      if (source) return <SourceEditor source={source} />;
    } else if (view === 'notes') {
      const note = caseFile.notes.find((n) => n.id === focused);
      if (note) return <NoteEditor note={note} />;
    } else {
      const event = caseFile.events.find((e) => e.id === focused);
      if (event) return <EventEditor event={event} />;
    }
  }
  return <CaseEditor record={caseFile.case} />;
}

function Placeholder({ text }: { text: string }) {
  return (
    <div className="editor editor-placeholder">
      <Text c="dimmed" size="sm">
        {text}
      </Text>
    </div>
  );
}
