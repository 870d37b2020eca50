/*
 * Links and bookmarks, built from pdf-lib's low-level objects (it has no API for either): /Link annotations
 * with an explicit /Dest or a /URI action, and an /Outlines tree mirroring the contents, with each merged
 * exhibit's own bookmarks under its entry.
 */
import { PDFArray, PDFDict, PDFName, PDFNull, PDFNumber, PDFHexString, PDFString, type PDFContext, type PDFRef } from 'pdf-lib';
import type { Assembly } from './assemble';
import type { LinkArea } from './typesetting/blocks';
import type { ContentsEntry } from './context';
import { anchors } from './model';
import { RawValue } from './raw-pdf/objects';
import type { ExhibitBookmark } from './raw-pdf/outline';
import { num } from './typesetting/render';

export interface Destinations {
  context: PDFContext;
  assembly: Assembly;
  pageRefs: PDFRef[];
}

/** Where an anchor points: its page, and on our own pages the top of the anchored block (undefined: the whole page). */
function place(d: Destinations, anchor: string): { pageRef: PDFRef; top?: number } | undefined {
  const at = d.assembly.anchors.get(anchor);
  if (!at) return undefined;
  const pageRef = d.pageRefs[at.page];
  return d.assembly.pages[at.page].kind === 'imported' ? { pageRef } : { pageRef, top: Math.round(Math.min(at.y, 842)) };
}

/** An explicit destination: the top of the anchored block on our pages; the whole page for merged exhibit pages. */
export function destination(d: Destinations, anchor: string): PDFArray | undefined {
  const at = place(d, anchor);
  if (!at) return undefined;
  if (at.top === undefined) return d.context.obj([at.pageRef, PDFName.of('Fit')]);
  return d.context.obj([at.pageRef, PDFName.of('XYZ'), PDFNull, PDFNumber.of(at.top), PDFNull]);
}

/**
 * A link annotation to a destination in the dossier, as the text pdf-lib writes for its dictionary. A 3,000-page
 * dossier has thousands of them: as pdf-lib objects each was a dictionary, three arrays and a dozen number and name
 * objects (about 1 KB) held until the file was written; as bytes about 100. The file's bytes are the same.
 */
function destinationLinkText(link: LinkArea, at: { pageRef: PDFRef; top?: number }, printable: boolean | undefined): string {
  const rect = [link.x1, link.y1, link.x2, link.y2].map(num).join(' ');
  const dest = at.top === undefined ? `[ ${at.pageRef} /Fit ]` : `[ ${at.pageRef} /XYZ null ${at.top} null ]`;
  return `<<\n/Type /Annot\n/Subtype /Link\n/Rect [ ${rect} ]\n/Border [ 0 0 0 ]\n${printable ? '/F 4\n' : ''}/Dest ${dest}\n>>`;
}

/** URIs must be 7-bit ASCII in a PDF: non-ASCII characters are percent-encoded as a browser would. */
function asciiUri(uri: string): string {
  try {
    return new URL(uri).href;
  } catch {
    return encodeURI(uri);
  }
}

/** `printable`: set the annotation's Print flag, which PDF/A requires of every annotation. */
export function linkAnnotations(d: Destinations, links: LinkArea[], options: { printable?: boolean } = {}): PDFRef[] {
  const refs: PDFRef[] = [];
  for (const link of links) {
    if (link.target.kind === 'dest') {
      const at = place(d, link.target.anchor);
      if (at) refs.push(d.context.register(RawValue.ofText(destinationLinkText(link, at, options.printable))));
      continue;
    }
    const rect = [link.x1, link.y1, link.x2, link.y2].map((v) => PDFNumber.of(Number(num(v))));
    const dict = d.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0] }) as PDFDict;
    if (options.printable) dict.set(PDFName.of('F'), PDFNumber.of(4));
    dict.set(PDFName.of('A'), d.context.obj({ Type: 'Action', S: 'URI', URI: PDFString.of(asciiUri(link.target.uri)) }));
    refs.push(d.context.register(dict));
  }
  return refs;
}

/** An exhibit's own bookmarks, to be nested under its entry: keyed by the entry's key (the exhibit's anchor). */
export type NestedBookmarks = ReadonlyMap<string, { exhibit: string; bookmarks: ExhibitBookmark[] }>;

interface Node {
  title: string;
  dest?: PDFArray;
  open: boolean;
  ref: PDFRef;
  children: Node[];
}

/**
 * Builds /Outlines from the listed contents entries; cases start open, their sub-entries closed. Under each
 * exhibit's entry go the exhibit's own bookmarks, open or closed as they were in its file.
 */
export function buildOutline(d: Destinations, entries: ContentsEntry[], nested: NestedBookmarks = new Map()): PDFRef | undefined {
  const listed = entries.filter((e) => e.listed && d.assembly.anchors.has(e.key));
  if (!listed.length) return undefined;
  const { context } = d;
  const root: Node[] = [];
  const stack: { level: number; node: Node }[] = [];
  for (const entry of listed) {
    const node: Node = { title: entry.title, dest: destination(d, entry.key), open: entry.level === 1, ref: context.nextRef(), children: [] };
    const own = nested.get(entry.key);
    if (own) node.children = own.bookmarks.map((b) => bookmarkNode(d, own.exhibit, b));
    while (stack.length && stack[stack.length - 1].level >= entry.level) stack.pop();
    (stack.length ? stack[stack.length - 1].node.children : root).push(node);
    stack.push({ level: entry.level, node });
  }
  const outlinesRef = context.nextRef();
  const write = (nodes: Node[], parent: PDFRef) => {
    nodes.forEach((node, i) => {
      const dict = context.obj({
        Title: PDFHexString.fromText(node.title.replace(/\s+/g, ' ').trim()),
        Parent: parent,
      }) as PDFDict;
      if (node.dest) dict.set(PDFName.of('Dest'), node.dest);
      if (i > 0) dict.set(PDFName.of('Prev'), nodes[i - 1].ref);
      if (i < nodes.length - 1) dict.set(PDFName.of('Next'), nodes[i + 1].ref);
      if (node.children.length) {
        dict.set(PDFName.of('First'), node.children[0].ref);
        dict.set(PDFName.of('Last'), node.children[node.children.length - 1].ref);
        // Positive: open, showing this many descendants; negative: closed, showing as many once opened (§12.3.3).
        dict.set(PDFName.of('Count'), PDFNumber.of(node.open ? shown(node) : -shown(node)));
        write(node.children, node.ref);
      }
      context.assign(node.ref, dict);
    });
  };
  write(root, outlinesRef);
  const total = root.reduce((sum, n) => sum + 1 + (n.open ? shown(n) : 0), 0);
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: root[0].ref, Last: root[root.length - 1].ref, Count: total }));
  return outlinesRef;
}

/** One of an exhibit's bookmarks, its destination moved to the exhibit page's place in the dossier. */
function bookmarkNode(d: Destinations, exhibit: string, bookmark: ExhibitBookmark): Node {
  const at = bookmark.target && d.assembly.anchors.get(anchors.exhibitPage(exhibit, bookmark.target.page + 1));
  let dest: PDFArray | undefined;
  if (at && bookmark.target) {
    const { fit, params } = bookmark.target.view;
    dest = d.context.obj([d.pageRefs[at.page], PDFName.of(fit), ...params.map((p) => (p === null ? PDFNull : PDFNumber.of(p)))]);
  }
  return { title: bookmark.title, dest, open: bookmark.open, ref: d.context.nextRef(), children: bookmark.children.map((b) => bookmarkNode(d, exhibit, b)) };
}

/** The descendants an open node shows: its children, and theirs for each child that is itself open. */
function shown(node: Node): number {
  return node.children.reduce((sum, c) => sum + 1 + (c.open ? shown(c) : 0), 0);
}
