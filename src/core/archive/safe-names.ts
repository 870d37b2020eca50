/*
 * Original file names made safe to write on any system the package may be copied to (Windows, macOS, Linux, a
 * FAT-formatted USB stick), and unique within their folder. The name stays recognisable: only what no system
 * allows is replaced, and a clash gets " (2)", " (3)"… before the extension, as a file manager would name a copy.
 */

// eslint-disable-next-line no-control-regex -- control characters are what is being removed
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F<>:"/\\|?*\u202A-\u202E\u2066-\u2069]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
/** Bytes of UTF-8, leaving room for " (999)" within the 255 most file systems allow. */
const MAX_BYTES = 200;

export function safeFileName(original: string): string {
  let name = original.normalize('NFC').replace(FORBIDDEN, '_').trim();
  name = name.replace(/^\.+/, '').replace(/[. ]+$/, '');
  if (!name) name = 'attachment';
  if (RESERVED.test(name)) name = `_${name}`;
  return truncateUtf8(name, MAX_BYTES);
}

/** Shortens the stem, keeping the extension, until the name fits in `max` bytes of UTF-8. */
function truncateUtf8(name: string, max: number): string {
  if (Buffer.byteLength(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = [...name.slice(0, name.length - extension.length)];
  while (stem.length && Buffer.byteLength(stem.join('') + extension) > max) stem.pop();
  return stem.join('') + extension;
}

/** A safe name not yet in `taken` (compared without case, as Windows and macOS do); adds it to `taken`. */
export function uniqueFileName(original: string, taken: Set<string>): string {
  const safe = safeFileName(original);
  const dot = safe.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
  let name = safe;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem} (${n})${extension}`;
  taken.add(name.toLowerCase());
  return name;
}
