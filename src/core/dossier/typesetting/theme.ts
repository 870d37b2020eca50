/*
 * The dossier's typography and page geometry in one place: A4 or Letter, a serif body with sans-serif headings
 * (the convention of printed legal bundles), generous margins, and muted colours that photocopy well.
 */
import type { PaperSize } from '../../../shared/dossier';

export type Rgb = readonly [number, number, number];

/** Every face the dossier may draw with; each maps to one DejaVu TrueType file shipped through npm. */
export const FACES = [
  'serif',
  'serif-bold',
  'serif-italic',
  'serif-bold-italic',
  'sans',
  'sans-bold',
  'sans-oblique',
  'sans-bold-oblique',
  'mono',
] as const;
export type FaceName = (typeof FACES)[number];

export interface TextStyle {
  readonly face: FaceName;
  readonly size: number;
  /** Distance from one baseline to the next, in points. */
  readonly leading: number;
  readonly color: Rgb;
}

/** Paper sizes in points (1/72 inch), portrait. */
export const PAPER: Record<PaperSize, { readonly width: number; readonly height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  Letter: { width: 612, height: 792 },
};
/** The margins around the frame our own pages set text in, the same on every paper size; the header and footer live in them. */
export const MARGINS = { left: 72, right: 66, top: 78, bottom: 74 } as const;

export const COLOURS = {
  text: [0.1, 0.1, 0.11],
  heading: [0.09, 0.16, 0.27],
  muted: [0.38, 0.4, 0.43],
  rule: [0.72, 0.74, 0.77],
  hairline: [0.82, 0.84, 0.86],
  link: [0.06, 0.27, 0.55],
  marking: [0.7, 0.07, 0.1],
  tableHeader: [0.91, 0.93, 0.95],
  tableStripe: [0.97, 0.975, 0.98],
  quoteBar: [0.6, 0.66, 0.74],
  warningFill: [0.99, 0.95, 0.93],
  warningRule: [0.78, 0.32, 0.2],
  white: [1, 1, 1],
} as const satisfies Record<string, Rgb>;

const style = (face: FaceName, size: number, leading: number, color: Rgb = COLOURS.text): TextStyle => ({ face, size, leading, color });

export const STYLES = {
  body: style('serif', 10.5, 15),
  bodyItalic: style('serif-italic', 10.5, 15),
  bodyBold: style('serif-bold', 10.5, 15),
  small: style('serif', 9, 12.5),
  smallMuted: style('serif', 9, 12.5, COLOURS.muted),
  quote: style('serif', 10, 14.5, [0.2, 0.21, 0.23]),
  table: style('serif', 8.8, 11.8),
  tableBold: style('serif-bold', 8.8, 11.8),
  tableHeader: style('sans-bold', 8, 11, COLOURS.heading),
  label: style('sans-bold', 8, 11, COLOURS.muted),
  mono: style('mono', 8.2, 11.5),
  h1: style('sans-bold', 19, 24, COLOURS.heading),
  h2: style('sans-bold', 13.5, 18, COLOURS.heading),
  h3: style('sans-bold', 11.5, 15, COLOURS.heading),
  h4: style('sans-bold', 10.5, 14, COLOURS.heading),
  kicker: style('sans-bold', 8.5, 12, COLOURS.muted),
  toc1: style('sans-bold', 10.5, 15, COLOURS.heading),
  toc2: style('serif', 10, 14),
  toc3: style('serif', 9.2, 12.8, [0.25, 0.26, 0.28]),
  furniture: style('sans', 7.5, 9, COLOURS.muted),
  furnitureBold: style('sans-bold', 7.5, 9, COLOURS.muted),
  marking: style('sans-bold', 7.5, 9, COLOURS.marking),
  bates: style('sans-bold', 8.5, 10, [0.15, 0.15, 0.16]),
} as const satisfies Record<string, TextStyle>;

/** Vertical rhythm, in points. */
export const SPACING = {
  paragraph: 7,
  afterH1: 10,
  beforeH2: 20,
  afterH2: 8,
  beforeH3: 14,
  afterH3: 5,
  listIndent: 18,
  quoteIndent: 16,
  tableCellX: 5,
  tableCellY: 4,
} as const;

export const withColour = (s: TextStyle, color: Rgb): TextStyle => ({ ...s, color });
export const withFace = (s: TextStyle, face: FaceName): TextStyle => ({ ...s, face });

/** The bold / italic variant of a face, as markdown emphasis asks for it. */
export function emphasise(face: FaceName, bold: boolean, italic: boolean): FaceName {
  const serif = face.startsWith('serif');
  const mono = face === 'mono';
  if (mono) return 'mono';
  const b = bold || face.includes('bold');
  const i = italic || face.includes('italic') || face.includes('oblique');
  if (serif) return b && i ? 'serif-bold-italic' : b ? 'serif-bold' : i ? 'serif-italic' : 'serif';
  return b && i ? 'sans-bold-oblique' : b ? 'sans-bold' : i ? 'sans-oblique' : 'sans';
}
