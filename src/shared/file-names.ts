/*
 * File names made from user text (a dossier's title) that every file system accepts: Windows refuses
 * < > : " / \ | ? *, control characters, names ending in a dot or a space, and device names such as CON or
 * LPT1 whatever their extension. Shared so the window suggests the same name the host then uses.
 */

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** A title as the stem of a file name: "Child Q: strip search" → "Child Q - strip search"; at most `max` characters. */
export function safeFileStem(title: string, max = 80): string {
  let stem = title
    .replace(/\s*:+\s*/g, ' - ')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f<>"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  stem = [...stem].slice(0, max).join('').replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  if (RESERVED.test(stem)) stem = `${stem} file`;
  return /[\p{L}\p{N}]/u.test(stem) ? stem : ''; // nothing but punctuation names nothing
}

/** "Sarah Everard" → "Sarah Everard – dossier 2026-01-31.pdf". */
export function dossierFileName(title: string, date: string): string {
  return `${safeFileStem(title) || 'Casefolio'} – dossier ${date}.pdf`;
}

/** A suggested PDF name made safe, whoever suggested it: the core applies this before any host sees the name. */
export function safePdfName(name: string): string {
  return `${safeFileStem(name.replace(/\.pdf$/i, ''), 120) || 'Casefolio dossier'}.pdf`;
}
