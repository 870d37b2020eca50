/* Placeholder until the export dialog is wired to dossier:export. */
export function ExportDialog(_props: { opened: boolean; onClose: () => void }) {
  return null;
}
