/*
 * The text formats of a BagIt bag (RFC 8493), shared by the writer and the verifier: tag files of "Label: value"
 * lines, manifests of "checksum path" lines, and the percent-encoding of the three characters a path in a
 * manifest cannot hold as they are (CR, LF and the percent sign itself, §2.1.3).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Checksum algorithms a verifier can check, by the name used in manifest file names. */
export const BAG_ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type BagAlgorithm = (typeof BAG_ALGORITHMS)[number];
export const isBagAlgorithm = (name: string): name is BagAlgorithm => (BAG_ALGORITHMS as readonly string[]).includes(name);

/** What our bags carry: SHA-256 for everyday tools, SHA-512 as RFC 8493 recommends. */
export const WRITTEN_ALGORITHMS: readonly BagAlgorithm[] = ['sha256', 'sha512'];

export const encodeManifestPath = (p: string) => p.replace(/%/g, '%25').replace(/\n/g, '%0A').replace(/\r/g, '%0D');
export const decodeManifestPath = (p: string) => p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');

/** A tag file's text: one "Label: value" line per element, long values kept on one line. */
export function tagFileText(elements: readonly (readonly [string, string])[]): string {
  return elements.map(([label, value]) => `${label}: ${value.replace(/\r?\n/g, ' ')}\n`).join('');
}

/**
 * A tag file read leniently, as bag-info.txt may be written (§2.2.2): a label, optional whitespace, a colon,
 * the value; a line starting with whitespace continues the value before it. Returns the elements and the
 * numbers of lines that are neither.
 */
export function parseTagFile(text: string): { elements: [string, string][]; badLines: number[] } {
  const elements: [string, string][] = [];
  const badLines: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line === '') return;
    if (/^[ \t]/.test(line) && elements.length) {
      elements[elements.length - 1][1] += ` ${line.trim()}`;
      return;
    }
    const match = /^([^:\s][^:]*?)\s*:\s*(.*)$/.exec(line);
    if (match) elements.push([match[1], match[2]]);
    else badLines.push(i + 1);
  });
  return { elements, badLines };
}

/** Hashes of one file in each algorithm, read once as a stream (attachments may be hundreds of megabytes). */
export async function hashFile(file: string, algorithms: readonly BagAlgorithm[]): Promise<{ digests: Map<BagAlgorithm, string>; size: number }> {
  const hashes = algorithms.map((a) => [a, createHash(a)] as const);
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    size += (chunk as Buffer).length;
    for (const [, h] of hashes) h.update(chunk as Buffer);
  }
  return { digests: new Map(hashes.map(([a, h]) => [a, h.digest('hex')])), size };
}
