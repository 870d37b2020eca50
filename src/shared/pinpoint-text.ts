/*
 * A pinpoint as people write it after a citation: "p. 12", "pp. 12–14", "para. 5", "[5]", "at 01:02:03",
 * "§ 4.2". The inverse of formatPinpoint; a bare number is a page, as OSCOLA reads it.
 */
import { formatPinpoint, type Pinpoint } from './domain';

const FORMS: { kind: Pinpoint['kind']; pattern: RegExp }[] = [
  { kind: 'page', pattern: /^(?:pp?\.|pages?\b|pp?(?=\s))\s*(.+)$/i },
  { kind: 'paragraph', pattern: /^(?:paras?\.|paragraphs?\b|paras?(?=\s))\s*(.+)$/i },
  { kind: 'paragraph', pattern: /^\[(.+)\]$/ },
  { kind: 'timestamp', pattern: /^at\s+(.+)$/i },
  { kind: 'timestamp', pattern: /^(\d{1,2}(?::\d{2}){1,2})$/ },
  { kind: 'page', pattern: /^([0-9ivxlcdm]+(?:\s*[-–]\s*[0-9ivxlcdm]+)?)$/i },
];

export function pinpointFromText(text: string): Pinpoint {
  const trimmed = text.trim();
  for (const { kind, pattern } of FORMS) {
    const match = pattern.exec(trimmed);
    if (match) return { kind, value: match[1].trim() };
  }
  return { kind: 'section', value: trimmed };
}

export const pinpointToText = formatPinpoint;
