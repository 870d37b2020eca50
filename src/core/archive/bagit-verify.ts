/*
 * Checks any BagIt bag on disk, ours or another tool's, as RFC 8493 asks of a validator (§3): bagit.txt well
 * formed, every payload file listed in every payload manifest and every listed file present with the checksum
 * given, every tag manifest entry present and matching, nothing pointing outside the bag, Payload-Oxum agreeing.
 * Bags of the older drafts (0.93–0.97) are read too: tag files in the encoding bagit.txt names, and a path listed
 * twice with the same checksum is only a warning before 1.0, as those drafts did not forbid it.
 *
 * Every problem is reported, not just the first, each naming the file it concerns.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { BAG_ALGORITHMS, decodeManifestPath, hashFile, isBagAlgorithm, parseTagFile, type BagAlgorithm } from './bagit-text';

export interface BagProblem {
  /** The file concerned, relative to the bag ('data/…', 'manifest-sha256.txt'), when there is one. */
  file?: string;
  message: string;
}

export interface BagReport {
  valid: boolean;
  version?: string;
  errors: BagProblem[];
  warnings: BagProblem[];
  /** Payload files found and bytes they hold. */
  files: number;
  bytes: number;
  algorithms: BagAlgorithm[];
  /** bag-info.txt's elements, in order. */
  info: [string, string][];
}

type Manifest = Map<string, string>; // path → checksum

export async function verifyBag(root: string): Promise<BagReport> {
  const errors: BagProblem[] = [];
  const warnings: BagProblem[] = [];
  const report = (valid: boolean, rest: Partial<BagReport> = {}): BagReport => ({ valid, errors, warnings, files: 0, bytes: 0, algorithms: [], info: [], ...rest });

  const declaration = await readDeclaration(root, errors);
  if (!declaration) return report(false);
  const { version, encoding } = declaration;
  const before1 = Number(version.split('.')[0]) < 1;
  const decode = (bytes: Buffer) => iconv.decode(bytes, encoding);

  const top = await fs.readdir(root);
  const info = await readBagInfo(root, top, decode, errors);

  const payloadManifests = new Map<BagAlgorithm, Manifest>();
  const tagManifests = new Map<BagAlgorithm, Manifest>();
  for (const name of top.sort()) {
    const m = /^(tag)?manifest-([a-z0-9]+)\.txt$/.exec(name);
    if (!m) continue;
    if (!isBagAlgorithm(m[2])) {
      warnings.push({ file: name, message: `The checksum algorithm "${m[2]}" is not one this verifier knows (${BAG_ALGORITHMS.join(', ')}), so this manifest was not checked.` });
      continue;
    }
    const text = decode(await fs.readFile(path.join(root, name)));
    (m[1] ? tagManifests : payloadManifests).set(m[2], parseManifest(name, text, !m[1], before1, errors, warnings));
  }
  if (!payloadManifests.size) errors.push({ message: 'The bag has no payload manifest (manifest-<algorithm>.txt) that this verifier can check.' });

  // The payload as it is on disk.
  const payload = new Map<string, string>(); // bag path → absolute path
  await walk(root, 'data', payload, errors);
  const fetched = await readFetch(root, top, decode, errors);

  const algorithms = [...new Set([...payloadManifests.keys(), ...tagManifests.keys()])];
  const hashes = new Map<string, Map<BagAlgorithm, string>>();
  let bytes = 0;
  for (const [bagPath, file] of payload) {
    const wanted = [...payloadManifests.keys()];
    const { digests, size } = await hashFile(file, wanted);
    hashes.set(bagPath, digests);
    bytes += size;
  }
  for (const [algorithm, manifest] of payloadManifests) {
    const name = `manifest-${algorithm}.txt`;
    for (const bagPath of payload.keys()) if (!manifest.has(bagPath)) errors.push({ file: bagPath, message: `The file is in the payload but not listed in ${name}.` });
    for (const [bagPath, checksum] of manifest) {
      const actual = hashes.get(bagPath)?.get(algorithm);
      if (actual === undefined) {
        if (!fetched.has(bagPath)) errors.push({ file: bagPath, message: `${name} lists this file, but it is not in the bag.` });
        else errors.push({ file: bagPath, message: 'The file is still to be fetched (fetch.txt lists it), so the bag is not complete.' });
      } else if (actual !== checksum.toLowerCase()) errors.push({ file: bagPath, message: `Its ${algorithm} checksum does not match ${name}: the file has changed or is damaged.` });
    }
  }
  for (const [algorithm, manifest] of tagManifests) {
    const name = `tagmanifest-${algorithm}.txt`;
    for (const [tagPath, checksum] of manifest) {
      const file = path.join(root, ...tagPath.split('/'));
      const found = await fs.stat(file).then((s) => s.isFile()).catch(() => false);
      if (!found) {
        errors.push({ file: tagPath, message: `${name} lists this tag file, but it is not in the bag.` });
        continue;
      }
      const { digests } = await hashFile(file, [algorithm]);
      if (digests.get(algorithm) !== checksum.toLowerCase()) errors.push({ file: tagPath, message: `Its ${algorithm} checksum does not match ${name}: the tag file has changed or is damaged.` });
    }
  }
  checkOxum(info, payload.size, bytes, errors);
  return report(errors.length === 0, { version, files: payload.size, bytes, algorithms, info });
}

async function readDeclaration(root: string, errors: BagProblem[]): Promise<{ version: string; encoding: string } | undefined> {
  const bytes = await fs.readFile(path.join(root, 'bagit.txt')).catch(() => undefined);
  if (!bytes) {
    errors.push({ file: 'bagit.txt', message: 'There is no bagit.txt, so this folder is not a bag (or not its top folder).' });
    return undefined;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    errors.push({ file: 'bagit.txt', message: 'bagit.txt starts with a byte-order mark, which a bag declaration must not have.' });
    return undefined;
  }
  const lines = bytes.toString('utf8').split(/\r\n|\r|\n/).filter((l) => l !== '');
  const version = /^BagIt-Version: ([0-9]+\.[0-9]+)$/.exec(lines[0] ?? '')?.[1];
  const encoding = /^Tag-File-Character-Encoding: (\S+)$/.exec(lines[1] ?? '')?.[1];
  if (!version) errors.push({ file: 'bagit.txt', message: 'The first line of bagit.txt must be exactly "BagIt-Version: M.N".' });
  if (!encoding) errors.push({ file: 'bagit.txt', message: 'The second line of bagit.txt must be exactly "Tag-File-Character-Encoding: ENCODING".' });
  else if (!iconv.encodingExists(encoding)) errors.push({ file: 'bagit.txt', message: `The tag file encoding "${encoding}" is not one this verifier can read.` });
  if (lines.length > 2) errors.push({ file: 'bagit.txt', message: 'bagit.txt holds lines beyond its two declarations.' });
  return version && encoding && iconv.encodingExists(encoding) && lines.length === 2 ? { version, encoding } : undefined;
}

async function readBagInfo(root: string, top: string[], decode: (b: Buffer) => string, errors: BagProblem[]): Promise<[string, string][]> {
  if (!top.includes('bag-info.txt')) return [];
  const { elements, badLines } = parseTagFile(decode(await fs.readFile(path.join(root, 'bag-info.txt'))));
  for (const line of badLines) errors.push({ file: 'bag-info.txt', message: `Line ${line} of bag-info.txt is not "Label: value" nor the continuation of one.` });
  return elements;
}

/** A manifest's entries; a path outside the bag, or listed twice with different checksums, is an error. */
function parseManifest(name: string, text: string, payload: boolean, before1: boolean, errors: BagProblem[], warnings: BagProblem[]): Manifest {
  const entries: Manifest = new Map();
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^([0-9A-Fa-f]+)[ \t]+(.+)$/.exec(line);
    if (!m) return errors.push({ file: name, message: `Line ${i + 1} of ${name} is not "checksum path".` });
    let listed = m[2];
    if (listed.startsWith('*')) {
      warnings.push({ file: name, message: `Line ${i + 1} marks its path with "*", as md5sum's binary mode does; the mark was ignored.` });
      listed = listed.slice(1);
    }
    if (listed.startsWith('./')) {
      warnings.push({ file: name, message: `Line ${i + 1} starts its path with "./"; paths in a manifest are relative to the bag without it.` });
      listed = listed.slice(2);
    }
    const bagPath = decodeManifestPath(listed);
    const outside = outOfScope(bagPath);
    if (outside) return errors.push({ file: name, message: `Line ${i + 1} lists "${listed}", ${outside}.` });
    if (payload && !bagPath.startsWith('data/')) return errors.push({ file: name, message: `Line ${i + 1} lists "${listed}", which is not in the payload folder data/.` });
    const known = entries.get(bagPath);
    if (known !== undefined) {
      const same = known.toLowerCase() === m[1].toLowerCase();
      const problem = { file: name, message: `${name} lists "${listed}" twice${same ? '' : ' with different checksums'}.` };
      if (same && before1) warnings.push(problem);
      else errors.push(problem);
      return;
    }
    entries.set(bagPath, m[1]);
  });
  return entries;
}

/** Why a listed path points outside the bag, or undefined when it stays inside. */
export function outOfScope(bagPath: string): string | undefined {
  if (bagPath.startsWith('/') || /^[A-Za-z]:/.test(bagPath) || bagPath.startsWith('\\')) return 'an absolute path, outside the bag';
  if (bagPath.startsWith('~')) return 'a path in a home folder, outside the bag';
  if (bagPath.split(/[/\\]/).some((part) => part === '..')) return 'a path that climbs out of the bag with ".."';
  return undefined;
}

async function walk(root: string, rel: string, out: Map<string, string>, errors: BagProblem[]): Promise<void> {
  const dir = path.join(root, ...rel.split('/'));
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => undefined);
  if (!entries) {
    if (rel === 'data') errors.push({ file: 'data/', message: 'The bag has no payload folder data/.' });
    return;
  }
  for (const entry of entries) {
    const bagPath = `${rel}/${entry.name}`;
    if (entry.isDirectory()) await walk(root, bagPath, out, errors);
    else if (entry.isFile()) out.set(bagPath, path.join(dir, entry.name));
    else errors.push({ file: bagPath, message: 'This is not a regular file (a link or a device); a bag holds only files and folders.' });
  }
}

/** The paths fetch.txt says are to be fetched; a path outside data/ is an error. */
async function readFetch(root: string, top: string[], decode: (b: Buffer) => string, errors: BagProblem[]): Promise<Set<string>> {
  const listed = new Set<string>();
  if (!top.includes('fetch.txt')) return listed;
  decode(await fs.readFile(path.join(root, 'fetch.txt')))
    .split(/\r\n|\r|\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const m = /^(\S+)[ \t]+(\d+|-)[ \t]+(.+)$/.exec(line);
      if (!m) return errors.push({ file: 'fetch.txt', message: `Line ${i + 1} of fetch.txt is not "url length path".` });
      const bagPath = decodeManifestPath(m[3]);
      const outside = outOfScope(bagPath) ?? (bagPath.startsWith('data/') ? undefined : 'not in the payload folder data/');
      if (outside) return errors.push({ file: 'fetch.txt', message: `Line ${i + 1} of fetch.txt names "${m[3]}", ${outside}.` });
      listed.add(bagPath);
    });
  return listed;
}

function checkOxum(info: [string, string][], files: number, bytes: number, errors: BagProblem[]): void {
  const oxum = info.find(([label]) => label.toLowerCase() === 'payload-oxum')?.[1];
  if (oxum === undefined) return;
  const m = /^(\d+)\.(\d+)$/.exec(oxum.trim());
  if (!m) errors.push({ file: 'bag-info.txt', message: `Payload-Oxum "${oxum}" is not "octets.files".` });
  else if (Number(m[1]) !== bytes || Number(m[2]) !== files)
    errors.push({ file: 'bag-info.txt', message: `Payload-Oxum says ${m[2]} files of ${m[1]} bytes in all; the payload holds ${files} files of ${bytes} bytes.` });
}
