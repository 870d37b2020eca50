/*
 * The orientation a JPEG asks to be shown in. Cameras and phones store the pixels as the sensor read them and
 * record in the Exif Orientation tag (TIFF tag 274) how to turn them upright; every photo viewer obeys it, and a
 * PDF, which knows nothing of Exif, would otherwise show a phone photo on its side.
 */

/**
 * Where the stored image's first row and first column go when it is shown, by Orientation value (TIFF 6.0,
 * tag 274): 1 row at the top, column at the left (as stored); 6 row at the right, column at the top (turned a
 * quarter clockwise); and so on through the eight ways of turning and mirroring a rectangle.
 */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const EXIF = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const ORIENTATION_TAG = 0x0112;

/** The Exif orientation of a JPEG; 1 (as stored) when it has none, or none that can be read. */
export function jpegOrientation(bytes: Uint8Array): Orientation {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2; // after the start-of-image marker
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xda || marker === 0xd9) break; // image data, or the end: no metadata after them
    const length = view.getUint16(at + 2);
    const start = at + 4;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) break;
    if (marker === 0xe1 && EXIF.every((b, i) => bytes[start + i] === b)) return tiffOrientation(view, start + 6, end);
    at = end;
  }
  return 1;
}

/** Tag 274 in the first directory of the TIFF structure at `tiff` (an Exif segment's body, up to `end`). */
function tiffOrientation(view: DataView, tiff: number, end: number): Orientation {
  if (tiff + 8 > end) return 1;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const little = order === 0x4949;
  const u16 = (at: number) => view.getUint16(at, little);
  if (u16(tiff + 2) !== 42) return 1;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    const value = u16(entry + 2) === 3 ? u16(entry + 8) : 0; // type SHORT, the value held in the entry itself
    return value >= 1 && value <= 8 ? (value as Orientation) : 1;
  }
  return 1;
}

/** Whether the orientation turns the image a quarter, so that it is shown with its width and height swapped. */
export const turnsSideways = (o: Orientation): boolean => o >= 5;

/**
 * The matrix placing an image so that it is shown upright in the box (x, y, w, h), where w and h are the shown
 * width and height. The image occupies the unit square, its first row along the top (v = 1) and first column
 * along the left (u = 0); each case sends that row and column where the tag says they belong.
 */
export function orientationMatrix(o: Orientation, x: number, y: number, w: number, h: number): [number, number, number, number, number, number] {
  switch (o) {
    case 2:
      return [-w, 0, 0, h, x + w, y];
    case 3:
      return [-w, 0, 0, -h, x + w, y + h];
    case 4:
      return [w, 0, 0, -h, x, y + h];
    case 5:
      return [0, -h, -w, 0, x + w, y + h];
    case 6:
      return [0, -h, w, 0, x, y + h];
    case 7:
      return [0, h, w, 0, x, y];
    case 8:
      return [0, h, -w, 0, x + w, y];
    default:
      return [w, 0, 0, h, x, y];
  }
}
