/*
 * The cases of the Library of Congress's BagIt conformance suite (github.com/LibraryOfCongress/bagit-conformance-suite,
 * folders v0.97 and v1.0), rebuilt here as small descriptions from which the test writes each bag: same layout, same
 * defect, same expected verdict, our own file contents. Left out: the suite's windows-only cases (they test Windows
 * path handling) and two "warning" cases that only mean something on a case-insensitive or normalising file system
 * (macOS): duplicate-file-with-different-case and same-filename-listed-twice-with-different-normalization.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';

export interface BagSpec {
  /** bagit.txt's exact text; default a declaration of `version` in UTF-8. */
  bagit?: string | Buffer;
  version?: string;
  /** Tag files are written in this encoding (bagit.txt always in UTF-8). */
  encoding?: string;
  info?: string;
  payload: Record<string, string>;
  /** Payload manifests: algorithm → lines; default, one line "checksum  path" per payload file. */
  manifests?: Record<string, string[] | 'auto'>;
  /** Extra lines appended to the generated manifest. */
  extraManifestLines?: string[];
  /** Manifest line separator and checksum/path separator. */
  eol?: string;
  separator?: string;
  /** Paths listed under a different name in the manifest (bag path → listed path). */
  listedAs?: Record<string, string>;
  /** Payload files written but not listed. */
  unlisted?: Record<string, string>;
  /** Written after the manifests were computed (a corruption). */
  overwrite?: Record<string, string>;
  fetch?: string;
  /** Tag manifests: 'auto' (over every tag file written), or lines; none by default. */
  tagmanifest?: 'auto' | string[];
  /** Tag files to leave out after the tag manifest was made. */
  dropTagFiles?: string[];
}

export interface ConformanceCase {
  name: string;
  valid: boolean;
  /** A file the report must name (for invalid bags). */
  names?: string;
  spec: BagSpec;
}

const hash = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');
const TWO_FILES = { 'data/bare-filename': 'a file without an extension\n', 'data/text-file.txt': 'a text file\n' };
const FIVE_FILES = { 'data/dir1/test3.txt': 'three\n', 'data/dir2/dir3/test5.txt': 'five\n', 'data/dir2/test4.txt': 'four\n', 'data/test1.txt': 'one\n', 'data/test2.txt': 'two\n' };
const INFO = 'Bag-Software-Agent: a conformance fixture\nBagging-Date: 2017-11-03\n';

export async function writeSpec(root: string, spec: BagSpec): Promise<void> {
  const encode = (text: string) => (spec.encoding ? iconv.encode(text, spec.encoding, { addBOM: /utf-?16/i.test(spec.encoding) }) : Buffer.from(text, 'utf8'));
  const put = async (rel: string, data: Buffer) => {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), data);
  };
  const eol = spec.eol ?? '\n';
  const sep = spec.separator ?? '  ';
  const tagFiles = new Map<string, Buffer>();
  const bagit = spec.bagit ?? `BagIt-Version: ${spec.version ?? '1.0'}\nTag-File-Character-Encoding: ${spec.encoding ?? 'UTF-8'}\n`;
  tagFiles.set('bagit.txt', Buffer.isBuffer(bagit) ? bagit : Buffer.from(bagit, 'utf8'));
  if (spec.info !== undefined) tagFiles.set('bag-info.txt', encode(spec.info));
  for (const [rel, text] of Object.entries({ ...spec.payload, ...spec.unlisted })) await put(rel, Buffer.from(text, 'utf8'));
  for (const [algorithm, lines] of Object.entries(spec.manifests ?? { md5: 'auto' })) {
    const generated =
      lines === 'auto'
        ? Object.entries(spec.payload).map(([rel, text]) => `${hash(algorithm, Buffer.from(text, 'utf8'))}${sep}${spec.listedAs?.[rel] ?? rel}`)
        : lines;
    tagFiles.set(`manifest-${algorithm}.txt`, encode([...generated, ...(spec.extraManifestLines ?? [])].map((l) => l + eol).join('')));
  }
  if (spec.fetch !== undefined) tagFiles.set('fetch.txt', encode(spec.fetch));
  if (spec.tagmanifest) {
    const algorithm = Object.keys(spec.manifests ?? { md5: 1 })[0];
    const lines = spec.tagmanifest === 'auto' ? [...tagFiles].map(([name, data]) => `${hash(algorithm, data)}${sep}${name}`) : spec.tagmanifest;
    tagFiles.set(`tagmanifest-${algorithm}.txt`, encode(lines.map((l) => l + eol).join('')));
  }
  for (const [name, data] of tagFiles) if (!spec.dropTagFiles?.includes(name)) await put(name, data);
  for (const [rel, text] of Object.entries(spec.overwrite ?? {})) await put(rel, Buffer.from(text, 'utf8'));
}

/** A bag's files as payload of another bag (bag-in-a-bag, minimal-bag): the inner bag's tag files become data. */
function innerBag(prefix: string, files: Record<string, string>): Record<string, string> {
  const manifest = Object.entries(files).map(([rel, text]) => `${hash('md5', Buffer.from(text))}  ${rel}\n`).join('');
  const bagit = 'BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n';
  const out: Record<string, string> = { [`${prefix}bagit.txt`]: bagit, [`${prefix}bag-info.txt`]: INFO, [`${prefix}manifest-md5.txt`]: manifest };
  for (const [rel, text] of Object.entries(files)) out[`${prefix}${rel}`] = text;
  return out;
}

export const CONFORMANCE_CASES: ConformanceCase[] = [
  // v1.0/valid
  { name: 'v1.0/valid/basicBag', valid: true, spec: { payload: { 'data/hello.txt': 'hello\n' }, manifests: { sha512: 'auto' }, tagmanifest: 'auto' } },
  // v0.97/valid
  { name: 'v0.97/valid/basic-bag', valid: true, spec: { version: '0.97', info: INFO + 'Payload-Oxum: 40.2\n', payload: TWO_FILES, tagmanifest: 'auto' } },
  { name: 'v0.97/valid/bag-in-a-bag', valid: true, spec: { version: '0.97', info: INFO, payload: innerBag('data/bag/', FIVE_FILES), eol: '\r\n', tagmanifest: 'auto' } },
  {
    name: 'v0.97/valid/bag-with-encoded-names',
    valid: true,
    spec: {
      version: '0.97',
      info: INFO,
      payload: { 'data/dir1/~test3.txt': 'three\n', 'data/%7Edir2/dir3/test5.txt': 'five\n', 'data/%7Edir2/test4.txt': 'four\n', 'data/%7Etest1.txt': 'one\n', 'data/%test2.txt': 'two\n' },
      eol: '\r\n',
      separator: ' ',
      tagmanifest: 'auto',
    },
  },
  { name: 'v0.97/valid/bag-with-escapable-characters', valid: true, spec: { version: '0.97', info: INFO, payload: { ...FIVE_FILES, 'data/test file with spaces.txt': 'spaces\n' }, eol: '\r\n', tagmanifest: 'auto' } },
  { name: 'v0.97/valid/bag-with-leading-dot-slash-in-manifest', valid: true, spec: { version: '0.97', info: INFO, payload: FIVE_FILES, listedAs: { 'data/test2.txt': './data/test2.txt' }, eol: '\r\n', separator: ' ', tagmanifest: 'auto' } },
  { name: 'v0.97/valid/bag-with-space', valid: true, spec: { version: '0.97', info: INFO, payload: { ...FIVE_FILES, 'data/test 1.txt': 'one, with a space\n' }, eol: '\r\n', tagmanifest: 'auto' } },
  {
    name: 'v0.97/valid/duplicate-metadata-entries',
    valid: true,
    spec: { version: '0.97', info: 'Bagging-Date: 2016-02-26\nBagging-Date: 2016-03-10\nContact-Name: A\ncontact-name: B\nCase-Test: 1\nCASE-TEST: 2\ncase-test: 3', payload: TWO_FILES, tagmanifest: 'auto' },
  },
  {
    name: 'v0.97/valid/holey-bag',
    valid: true,
    spec: {
      version: '0.97',
      info: INFO,
      payload: FIVE_FILES,
      fetch: Object.keys(FIVE_FILES).map((rel) => `http://localhost:8989/holey-bag/${rel} - ${rel}\r\n`).join(''),
      eol: '\r\n',
      tagmanifest: 'auto',
    },
  },
  { name: 'v0.97/valid/minimal-bag', valid: true, spec: { version: '0.97', info: INFO, payload: innerBag('data/', { 'data/bare-filename': 'bare\n', 'data/text-file.txt': 'text\n' }), tagmanifest: 'auto' } },
  {
    name: 'v0.97/valid/uncommon-metadata-separators',
    valid: true,
    spec: { version: '0.97', info: 'Bagging-Date: 2017-11-03\nTest-Tag: 1\nTest-Tag:   2\nTest-Tag : 3\nTest-Tag    :   5\n', payload: { 'data/README': 'readme\n' }, manifests: { sha224: 'auto' }, tagmanifest: 'auto' },
  },
  { name: 'v0.97/valid/ISO-8859-1-encoded-tag-files', valid: true, spec: { version: '0.97', encoding: 'ISO-8859-1', info: 'Contact-Name: Zoë Brontë\nBagging-Date: 2016-02-26\n', payload: TWO_FILES, tagmanifest: 'auto' } },
  { name: 'v0.97/valid/UTF-16-encoded-tag-files', valid: true, spec: { version: '0.97', encoding: 'UTF-16', info: 'Contact-Name: Zoë Brontë\nBagging-Date: 2016-02-26\n', payload: TWO_FILES, tagmanifest: 'auto' } },
  // v0.97/warning: valid, with a warning.
  { name: 'v0.97/warning/made-with-md5sum-tools', valid: true, spec: { version: '0.97', info: INFO, payload: { 'data/hello.txt': 'hello\n' }, listedAs: { 'data/hello.txt': '*data/hello.txt' }, separator: ' ', tagmanifest: 'auto' } },
  { name: 'v0.97/warning/relative-path', valid: true, spec: { version: '0.97', info: INFO, payload: { 'data/hello.txt': 'hello\n' }, listedAs: { 'data/hello.txt': './data/hello.txt' }, manifests: { sha512: 'auto' }, tagmanifest: 'auto' } },
  {
    name: 'v0.97/warning/same-filename-listed-twice-with-the-same-hash',
    valid: true,
    spec: { version: '0.97', info: INFO, payload: { 'data/README': 'readme\n' }, manifests: { sha256: 'auto' }, extraManifestLines: [`${hash('sha256', Buffer.from('readme\n'))}  data/README`], tagmanifest: 'auto' },
  },
  { name: 'v0.97/warning/special-system-files', valid: true, spec: { version: '0.97', info: INFO, payload: { 'data/Thumbs.db': 'not really a thumbnail cache\n' }, manifests: { sha512: 'auto' }, tagmanifest: 'auto' } },

  // v1.0/invalid
  { name: 'v1.0/invalid/bagit-with-invalid-whitespace', valid: false, names: 'bagit.txt', spec: { bagit: 'BagIt-Version : 1.0\nTag-File-Character-Encoding : UTF-8\n', info: INFO, payload: { 'data/README': 'readme\n' }, manifests: { sha256: 'auto' } } },
  { name: 'v1.0/invalid/notAllManifestsListAllFiles', valid: false, names: 'data/missingFromManifest.txt', spec: { payload: { 'data/hello.txt': 'hello\n' }, unlisted: { 'data/missingFromManifest.txt': 'not listed\n' }, manifests: { sha512: 'auto' }, tagmanifest: 'auto' } },
  {
    name: 'v1.0/invalid/same-filename-listed-twice-with-different-hashes',
    valid: false,
    names: 'manifest-sha256.txt',
    spec: { info: INFO, payload: { 'data/README': 'readme\n' }, manifests: { sha256: 'auto' }, extraManifestLines: [`deadbeef${hash('sha256', Buffer.from('readme\n')).slice(8)}  data/README`] },
  },
  {
    name: 'v1.0/invalid/same-filename-listed-twice-with-the-same-hash',
    valid: false,
    names: 'manifest-sha256.txt',
    spec: { info: INFO, payload: { 'data/README': 'readme\n' }, manifests: { sha256: 'auto' }, extraManifestLines: [`${hash('sha256', Buffer.from('readme\n'))}  data/README`] },
  },
  // v0.97/invalid
  { name: 'v0.97/invalid/baginfo-missing-encoding', valid: false, names: 'bagit.txt', spec: { bagit: 'BagIt-Version: 0.97\n', info: INFO, payload: TWO_FILES } },
  { name: 'v0.97/invalid/bom-in-bagit.txt', valid: false, names: 'bagit.txt', spec: { bagit: '\uFEFFBagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n', info: INFO, payload: { 'data/hello.txt': 'hello\n' } } },
  { name: 'v0.97/invalid/corrupt-data-file', valid: false, names: 'data/text-file.txt', spec: { version: '0.97', info: INFO, payload: TWO_FILES, overwrite: { 'data/text-file.txt': 'a text fil3\n' }, tagmanifest: 'auto' } },
  {
    name: 'v0.97/invalid/corrupt-tag-file',
    valid: false,
    names: 'bag-info.txt',
    spec: { version: '0.97', info: INFO, payload: TWO_FILES, tagmanifest: ['deadbeefe555f03147e4513070966839 bag-info.txt', 'deadbeefe0d29adc278f6a294b8c2aca bagit.txt'] },
  },
  { name: 'v0.97/invalid/extra-file-in-bag', valid: false, names: 'data/bar', spec: { version: '0.97', info: INFO, payload: { 'data/foo': 'foo\n' }, unlisted: { 'data/bar': 'bar\n' }, tagmanifest: 'auto' } },
  { name: 'v0.97/invalid/invalid-version-number', valid: false, names: 'bagit.txt', spec: { bagit: 'BagIt-Version: .97\nTag-File-Character-Encoding: UTF-8\n', info: INFO, payload: { 'data/README': 'readme\n' }, manifests: { sha256: 'auto' } } },
  { name: 'v0.97/invalid/missing-baginfo', valid: false, names: 'bag-info.txt', spec: { version: '0.97', info: INFO, payload: TWO_FILES, tagmanifest: 'auto', dropTagFiles: ['bag-info.txt'] } },
  { name: 'v0.97/invalid/missing-bagit.txt', valid: false, names: 'bagit.txt', spec: { version: '0.97', info: INFO, payload: TWO_FILES, dropTagFiles: ['bagit.txt'] } },
  {
    name: 'v0.97/invalid/out-of-scope-file-paths-using-dot-notation',
    valid: false,
    names: 'manifest-md5.txt',
    spec: { version: '0.97', info: INFO, payload: TWO_FILES, extraManifestLines: ['3e6ffc4a8a1f38a7094e15d2356d7252  ../../../README.md'] },
  },
  { name: 'v0.97/invalid/out-of-scope-file-paths-using-dot-notation-for-fetch', valid: false, names: 'fetch.txt', spec: { version: '0.97', info: INFO, payload: TWO_FILES, fetch: 'http://localhost:8989/x.txt - ../../../README.md\r\n' } },
  {
    name: 'v0.97/invalid/same-filename-listed-twice-with-different-hashes',
    valid: false,
    names: 'manifest-sha256.txt',
    spec: { version: '0.97', info: INFO, payload: { 'data/README': 'readme\n' }, manifests: { sha256: 'auto' }, extraManifestLines: [`deadbeef${hash('sha256', Buffer.from('readme\n')).slice(8)}  data/README`] },
  },
  // v0.97/linux-only
  ...(
    [
      ['absolute-path', '/tmp/foo'],
      ['shortcut', '~/foo'],
      ['shortcut-username', '~root/foo'],
    ] as const
  ).flatMap(([what, listed]): ConformanceCase[] => [
    { name: `v0.97/linux-only/out-of-scope-file-paths-using-${what}`, valid: false, names: 'manifest-md5.txt', spec: { version: '0.97', info: INFO, payload: TWO_FILES, extraManifestLines: [`3e6ffc4a8a1f38a7094e15d2356d7252  ${listed}`] } },
    { name: `v0.97/linux-only/out-of-scope-file-paths-using-${what}-for-fetch`, valid: false, names: 'fetch.txt', spec: { version: '0.97', info: INFO, payload: TWO_FILES, fetch: `https://example.org - ${listed}\r\n` } },
  ]),
];
