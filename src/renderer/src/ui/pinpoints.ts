/* The kinds of pinpoint a citation can carry, as the pickers show them. */
import type { PinpointKind } from '../../../shared/domain';

export const PINPOINT_KINDS: { value: PinpointKind; label: string }[] = [
  { value: 'page', label: 'Page' },
  { value: 'paragraph', label: 'Paragraph' },
  { value: 'timestamp', label: 'Time' },
  { value: 'section', label: 'Section' },
];
