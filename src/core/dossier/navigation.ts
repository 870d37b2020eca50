/*
 * Links and bookmarks, built from pdf-lib's low-level objects (it has no API for either): /Link annotations
 * with an explicit /Dest or a /URI action, and an /Outlines tree mirroring the contents.
 */
import { PDFArray, PDFDict, PDFName, PDFNull, PDFNumber, PDFHexString, PDFString, type PDFContext, type PDFRef } from 'pdf-lib';
import type { Assembly } from './assemble';
import type { LinkArea } from './blocks';
import type { ContentsEntry } from './context';
import { num } from './render';

export interface Destinations {
  context: PDFContext;
  assembly: Assembly;
  pageRefs: PDFRef[];
}

/** An explicit destination: the top of the anchored block on our pages; the whole page for merged exhibit pages. */
export function destination(d: Destinations, anchor: string): PDFArray | undefined {
  const at = d.assembly.anchors.get(anchor);
  if (!at) return undefined;
  const pageRef = d.pageRefs[at.page];
  if (d.assembly.pages[at.page].kind === 'imported') return d.context.obj([pageRef, PDFName.of('Fit')]);
  return d.context.obj([pageRef, PDFName.of('XYZ'), PDFNull, PDFNumber.of(Math.round(Math.min(at.y, 842))), PDFNull]);
}

/** URIs must be 7-bit ASCII in a PDF: non-ASCII characters are percent-encoded as a browser would. */
function asciiUri(uri: string): string {
  try {
    return new URL(uri).href;
  } catch {
    return encodeURI(uri);
  }
}

export function linkAnnotations(d: Destinations, links: LinkArea[]): PDFRef[] {
  const refs: PDFRef[] = [];
  for (const link of links) {
    const rect = [link.x1, link.y1, link.x2, link.y2].map((v) => PDFNumber.of(Number(num(v))));
    const dict = d.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0] }) as PDFDict;
    if (link.target.kind === 'uri') {
      dict.set(PDFName.of('A'), d.context.obj({ Type: 'Action', S: 'URI', URI: PDFString.of(asciiUri(link.target.uri)) }));
    } else {
      const dest = destination(d, link.target.anchor);
      if (!dest) continue;
      dict.set(PDFName.of('Dest'), dest);
    }
    refs.push(d.context.register(dict));
  }
  return refs;
}

interface Node {
  entry: ContentsEntry;
  ref: PDFRef;
  children: Node[];
}

/** Builds /Outlines from the listed contents entries; cases start open, their sub-entries closed. */
export function buildOutline(d: Destinations, entries: ContentsEntry[]): PDFRef | undefined {
  const listed = entries.filter((e) => e.listed && d.assembly.anchors.has(e.key));
  if (!listed.length) return undefined;
  const { context } = d;
  const root: Node[] = [];
  const stack: Node[] = [];
  for (const entry of listed) {
    const node: Node = { entry, ref: context.nextRef(), children: [] };
    while (stack.length && stack[stack.length - 1].entry.level >= entry.level) stack.pop();
    (stack.length ? stack[stack.length - 1].children : root).push(node);
    stack.push(node);
  }
  const outlinesRef = context.nextRef();
  const write = (nodes: Node[], parent: PDFRef) => {
    nodes.forEach((node, i) => {
      const dict = context.obj({
        Title: PDFHexString.fromText(node.entry.title.replace(/\s+/g, ' ').trim()),
        Parent: parent,
      }) as PDFDict;
      const dest = destination(d, node.entry.key);
      if (dest) dict.set(PDFName.of('Dest'), dest);
      if (i > 0) dict.set(PDFName.of('Prev'), nodes[i - 1].ref);
      if (i < nodes.length - 1) dict.set(PDFName.of('Next'), nodes[i + 1].ref);
      if (node.children.length) {
        dict.set(PDFName.of('First'), node.children[0].ref);
        dict.set(PDFName.of('Last'), node.children[node.children.length - 1].ref);
        // Negative: closed. Level-1 entries open to show their sections; deeper ones stay closed.
        const open = node.entry.level === 1;
        dict.set(PDFName.of('Count'), PDFNumber.of(open ? visible(node) : -node.children.length));
        write(node.children, node.ref);
      }
      context.assign(node.ref, dict);
    });
  };
  write(root, outlinesRef);
  const total = root.reduce((sum, n) => sum + 1 + (n.entry.level === 1 ? visible(n) : 0), 0);
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: root[0].ref, Last: root[root.length - 1].ref, Count: total }));
  return outlinesRef;
}

/** Descendants shown when a node is open: its children, plus those of children that are themselves open. */
function visible(node: Node): number {
  return node.children.reduce((sum, c) => sum + 1 + (c.entry.level === 1 && c.children.length ? visible(c) : 0), 0);
}
