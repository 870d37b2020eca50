/*
 * The CLI can do what the window does: this walks the contract and fails when a call, or a field a call
 * writes, has no command-line path. Calls: every call in src/shared/api/contract.ts must be reached by a
 * real command run here (a spy on dispatch records which), unless it is listed below as the window's
 * alone. Fields: every key of each update call's patch schema is set and then cleared through `edit`
 * and read back from the library on disk.
 */
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CaseLibrary } from '../../src/core/case-library';
import { createSampleLibrary } from '../../src/core/sample/build-sample';
import { CaseRecord, EventRecord, NoteRecord, SourceRecord } from '../../src/shared/domain';
import { CALL_NAMES, contract, type CallName } from '../../src/shared/api/contract';
import { describeField, parseFieldValue, type FieldSpec } from '../../src/cli/fields/field-values';
import { DEDICATED_COMMANDS, EDITABLE_KINDS, FIELD_SCHEMAS, type EditableKind } from '../../src/cli/fields/record-fields';
import { buildProgram } from '../../src/cli/main';
import { tempDir } from '../helpers/temp-library';
import { writeZoteroDatabase } from '../core/interchange/zotero/zotero-db';
import { casefolioInProcess as cli } from '../helpers/cli-in-process';
import { startGitServer } from '../helpers/git-server';

const reached = vi.hoisted(() => new Set<string>());
vi.mock('../../src/shared/api/dispatch', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/shared/api/dispatch')>();
  return {
    ...real,
    dispatch: (...args: Parameters<typeof real.dispatch>) => {
      reached.add(String(args[1]));
      return real.dispatch(...args);
    },
  };
});

/** Calls that only a window can make; each says why the command line has no use for it. */
const WINDOW_ONLY: Partial<Record<CallName, string>> = {
  'capture:attachRendering': 'the PDF rendering of a capture is made by the desktop window’s browser engine',
  'dossier:chooseOutput': 'a save dialog; the CLI takes the output file with -o',
  'dossier:open': 'opens an exported dossier in the desktop; the CLI prints its path',
  'citations:styles': 'a read-only list; `cite --help` lists the styles the CLI accepts',
  'search:status': 'a read-only status for the window’s search box; the CLI’s `reindex` reports the index it builds',
  'library:takeOver': 'the window takes over the lock of the library it has open read-only; the CLI breaks a lock with `unlock --force` before opening',
  'attachments:add': 'the contract carries the bytes as base64; `attach` streams the file from disk into the same core service (addAttachmentFromFile)',
  'dossier:preview': 'the export dialog’s preview of the first pages; the CLI writes the dossier and the PDF viewer shows it',
  'dossier:read': 'reads back a dossier the window exported, for its own viewer; the CLI has the file it wrote',
  'credentials:status': 'the desktop window’s keychain for git tokens; the CLI reads CASEFOLIO_GIT_TOKEN or git’s credential helper',
  'credentials:save': 'the desktop window’s keychain for git tokens; the CLI reads CASEFOLIO_GIT_TOKEN or git’s credential helper',
  'credentials:forget': 'the desktop window’s keychain for git tokens; the CLI reads CASEFOLIO_GIT_TOKEN or git’s credential helper',
};

let dir: string;
let server: http.Server;
let pageUrl: string;
const ok = async (...args: string[]) => {
  const result = await cli([...args, '--library', dir]);
  if (result.code !== 0) throw new Error(`casefolio ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout.trim();
};

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>A page</title><p>Evidence</p>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/page`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function readCase(slug: string) {
  const lib = await CaseLibrary.open(dir, { readOnly: true, warm: false });
  try {
    return structuredClone(lib.requireCase(slug));
  } finally {
    await lib.close();
  }
}

describe('every contract call has a command-line path', () => {
  it('reaches every call but the window’s own by running real commands on the sample library', async () => {
    dir = path.join(await tempDir(), 'sample');
    await (await createSampleLibrary(dir)).close();
    const work = await tempDir();
    await ok('settings');
    await ok('settings', '--user-name', 'A. Researcher');
    await ok('cases');
    await ok('show', 'everard');
    await ok('new', 'A new case', '--slug', 'new-case', '--location', 'Leeds');
    await ok('edit', 'new-case', '--summary', 'Changed');
    await ok('delete', 'new-case');
    await ok('trash');
    await ok('restore', 'new-case');
    const source = await ok('add', 'source', 'new-case', '--title', 'A report');
    const second = await ok('add', 'source', 'new-case', '--title', 'Another report');
    await ok('edit', source, '--author', 'Dodd, Vikram');
    await ok('delete', source);
    await ok('restore', source);
    await ok('delete', source, second);
    await ok('restore', source);
    await ok('move', source, 'everard', '--copy');
    const ris = path.join(work, 'one.ris');
    await writeFile(ris, 'TY  - RPRT\nTI  - An imported report\nPY  - 2022\nER  - \n');
    await ok('import', ris, '--case', 'new-case');
    await ok('export', 'new-case', '--format', 'ris');
    await ok('cite', 'everard');
    const note = await ok('add', 'note', 'new-case', '--title', 'A note');
    await ok('quote', 'add', note, '--source-id', source, '--quote', 'Quoted words', '--pinpoint', 'p. 2');
    await ok('delete', note);
    await ok('restore', note);
    const event = await ok('add', 'event', 'new-case', '--date', '2022', '--title', 'An event');
    await ok('edit', event, '--claim-status', 'found');
    await ok('delete', event);
    await ok('restore', event);
    const file = path.join(work, 'evidence.txt');
    await writeFile(file, 'Evidence text');
    const attachment = (await ok('attach', 'new-case', source, file)).split(/\s+/)[0];
    await ok('text', source, attachment);
    await ok('detach', source, attachment);
    await ok('capture', 'new-case', pageUrl);
    await ok('tag', 'list');
    await ok('tag', 'define', 'review/todo', '--color', '#336699');
    await ok('tag', 'add', 'review/todo', source, event);
    await ok('tag', 'remove', 'review/todo', event);
    await ok('tag', 'rename', 'review/todo', 'review/later');
    await ok('tag', 'define', 'review/done');
    await ok('tag', 'rename', 'review/later', 'review/done', '--merge');
    await ok('tag', 'move', 'review', 'theme');
    await ok('search', 'special measures', '--save', 'Special measures');
    await ok('searches');
    await ok('searches', 'delete', 'Special measures');
    await ok('journal', 'everard');
    await ok('custody', 'everard');
    await ok('verify');
    await ok('dossier', 'everard', '-o', path.join(work, 'everard.pdf'), '--quiet');
    const unwanted = await ok('add', 'note', 'new-case', '--title', 'A note to erase');
    await ok('delete', unwanted);
    await ok('erase', unwanted, '--yes');
    await ok('links', 'check', 'new-case');
    await ok('links', 'status', 'new-case');
    await ok('export-bundle', 'new-case', path.join(work, 'bundle'));
    const zotero = path.join(work, 'zotero');
    await writeZoteroDatabase(zotero, { collections: [{ key: 'C0000001', name: 'From Zotero' }], items: [{ key: 'K0000001', type: 'report', fields: { title: 'A report from Zotero' }, collections: ['C0000001'] }] });
    await ok('import-zotero', zotero);
    await ok('person', 'add', '--name', 'A. Witness', '--case', 'new-case', '--role', 'witness');
    await ok('people');
    await ok('person', 'show', 'A. Witness');
    await ok('person', 'edit', 'A. Witness', '--note', 'Saw the arrest');
    await ok('person', 'link', 'A. Witness', '--case', 'new-case', '--event', event);
    await ok('person', 'unlink', 'A. Witness', '--case', 'new-case', '--event', event);
    await ok('person', 'delete', 'A. Witness');
    await ok('person', 'restore', 'A. Witness');
    const git = await startGitServer();
    try {
      await ok('settings', '--user-email', 'researcher@example.org', '--citation-style', 'apa');
      await ok('sync', 'init', git.repository('coverage'));
      await ok('sync');
      await ok('sync', 'status');
      await ok('sync', 'conflicts', '--json');
      expect((await cli(['sync', 'resolve', 'cf_none', '--ours', '--library', dir])).stderr).toMatch(/No open sync conflict/);
    } finally {
      await git.close();
    }
    expect((await cli(['undo', '--library', dir])).stderr).toMatch(/each casefolio command is a session of its own/);

    const missing = CALL_NAMES.filter((name) => !reached.has(name) && !WINDOW_ONLY[name]);
    expect(missing, 'contract calls no command reaches: add a command (src/cli/commands/) or list the call as the window’s own').toEqual([]);
  }, 120_000);
});

const RECORD_SCHEMAS: Record<EditableKind, z.ZodObject> = { case: CaseRecord, source: SourceRecord, note: NoteRecord, event: EventRecord };

/** The update call of each kind, from which its patch schema is read. */
const UPDATE_CALLS: Record<EditableKind, CallName> = { case: 'cases:update', source: 'sources:update', note: 'notes:update', event: 'events:update' };

function patchKeys(kind: EditableKind): string[] {
  const input = contract[UPDATE_CALLS[kind]].input as z.ZodObject;
  return Object.keys((input.shape.patch as z.ZodObject).shape);
}

/** A schema's value, found by trying typical texts until the schema accepts one. */
function textAccepted(schema: z.ZodType): string {
  const candidates = ['A changed value', 'https://example.org/changed', 'changed-slug', 'theme/changed', '#336699', '2022-06', '3', '10.1093/bjc/azz010', '0007-0955', '978-0-19-876543-2'];
  const text = candidates.find((c) => schema.safeParse(c).success);
  if (!text) throw new Error(`no sample text fits ${schema.def.type} ${JSON.stringify(schema.def).slice(0, 80)}`);
  return text;
}

const innermost = (schema: z.ZodType): z.ZodType => {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else break;
  }
  return s;
};

/** A value a schema accepts, for fields typed as JSON (a nested object with no plain-text form). */
function sampleValue(schema: z.ZodType): unknown {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) return sampleValue(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) return Object.fromEntries(Object.entries(schema.shape).map(([key, value]) => [key, sampleValue(value as z.ZodType)]));
  if (schema instanceof z.ZodArray) return [sampleValue(schema.element as z.ZodType)];
  if (schema instanceof z.ZodRecord) return { key: sampleValue(schema.valueType as z.ZodType) };
  if (schema instanceof z.ZodEnum) return schema.options[0];
  if (schema instanceof z.ZodNumber) return 1;
  if (schema instanceof z.ZodBoolean) return true;
  return textAccepted(schema);
}

/** What to type for a field: the plain-text form of a value different from the record's. */
function sampleText(spec: FieldSpec, schema: z.ZodType, current: unknown, sourceId: string): string {
  const s = spec.shape;
  const one = (() => {
    switch (s.type) {
      case 'choice':
        return s.options.find((o) => o !== current)!;
      case 'date':
        return 'c. June 2019';
      case 'number':
        return '7';
      case 'boolean':
        return current === true ? 'no' : 'yes';
      case 'author':
        return 'Dodd, Vikram';
      case 'pinpoint':
        return 'para. 4';
      case 'source-ref':
        return `${sourceId} p. 4`;
      case 'text':
        return textAccepted(innermost(schema));
      case 'json':
        return JSON.stringify(sampleValue(innermost(schema)));
    }
  })();
  return spec.map ? `key=${one}` : one;
}

describe('every field the window edits can be set and cleared from the CLI', () => {
  for (const kind of EDITABLE_KINDS) {
    it(`${kind}: each patchable field through edit --<field> and --clear`, async () => {
      dir = path.join(await tempDir(), 'library');
      await ok('init', dir);
      const caseId = (await ok('new', `Fields of a ${kind}`)).trim();
      const sourceId = await ok('add', 'source', caseId, '--title', 'Referenced source');
      const id = kind === 'case' ? caseId : kind === 'source' ? sourceId : await ok('add', kind, caseId, '--title', `A ${kind}`, ...(kind === 'event' ? ['--date', '2020'] : []));
      const recordOf = async () => {
        const file = await readCase(caseId);
        const all: Record<string, unknown>[] = [file.case, ...file.sources, ...file.notes, ...file.events];
        return all.find((r) => r.id === id)!;
      };
      const schema = FIELD_SCHEMAS[kind];
      for (const field of patchKeys(kind)) {
        const dedicated = DEDICATED_COMMANDS[kind]?.[field];
        if (dedicated) {
          const [group, verb] = dedicated.split(' / ')[0].split(' ');
          expect(buildProgram().commands.find((c) => c.name() === group)?.commands.map((c) => c.name()), `${kind}.${field}`).toContain(verb);
          continue;
        }
        const spec = describeField(field, schema.shape[field] as z.ZodType);
        const before = await recordOf();
        const text = sampleText(spec, schema.shape[field] as z.ZodType, before[field], sourceId);
        const set = await cli(['edit', id, `--${spec.flag}`, text, '--library', dir]);
        expect(set, `edit ${kind} --${spec.flag} ${text}`).toMatchObject({ code: 0, stderr: '' });
        const after = await recordOf();
        const expected = parseFieldValue(spec, [text]);
        expect(after[field], `${kind}.${field} after --${spec.flag} "${text}"`).toEqual(expected);
        expect(after[field]).not.toEqual(before[field]);

        const clear = await cli(['edit', id, '--clear', spec.flag, '--library', dir]);
        // A field the stored record cannot be without cannot be cleared (a case's slug may be left out
        // when creating, but a case always has one).
        const storedSchema = RECORD_SCHEMAS[kind].shape[field] as z.ZodType;
        if (!storedSchema.safeParse(undefined).success) {
          expect(clear.code, `${kind}.${field} is required`).toBe(1);
          expect(clear.stderr).toContain(`--${spec.flag}`);
        } else {
          expect(clear, `edit ${kind} --clear ${spec.flag}`).toMatchObject({ code: 0 });
          const cleared = (await recordOf())[field];
          const fallback = storedSchema.safeParse(undefined);
          expect(cleared, `${kind}.${field} after --clear`).toEqual(fallback.success ? fallback.data : undefined);
        }
      }
    }, 180_000);
  }
});

describe('every field can be given when a record is created', () => {
  for (const kind of EDITABLE_KINDS) {
    it(`${kind}: ${kind === 'case' ? 'new' : `add ${kind}`} takes every field of the create call`, async () => {
      dir = path.join(await tempDir(), 'library');
      await ok('init', dir);
      const caseId = await ok('new', 'Holder');
      const sourceId = await ok('add', 'source', caseId, '--title', 'Referenced source');
      const schema = FIELD_SCHEMAS[kind];
      const args: string[] = [];
      const expected: Record<string, unknown> = {};
      for (const field of Object.keys(schema.shape)) {
        if (DEDICATED_COMMANDS[kind]?.[field] || (kind === 'case' && field === 'title')) continue;
        const spec = describeField(field, schema.shape[field] as z.ZodType);
        const text = sampleText(spec, schema.shape[field] as z.ZodType, undefined, sourceId);
        args.push(`--${spec.flag}`, text);
        expected[field] = parseFieldValue(spec, [text]);
      }
      const created = JSON.parse(await ok(...(kind === 'case' ? ['new', 'A new case'] : ['add', kind, caseId]), ...args, '--json')) as Record<string, unknown>;
      expect(created).toMatchObject(expected);
      const file = await readCase(kind === 'case' ? (created.id as string) : caseId);
      const stored = [file.case, ...file.sources, ...file.notes, ...file.events].find((r) => r.id === created.id);
      expect(stored).toEqual(created);
    });
  }
});

/** Commands that print no data of their own, or print a file's own format; each says why it has no --json. */
const NO_JSON: Record<string, string> = {
  export: 'prints the exported CSL-JSON, BibTeX or RIS file itself',
  'export-json': 'prints JSON already',
  help: 'prints help',
};

describe('the command line’s shape', () => {
  it('offers --json on every command that prints data', () => {
    const leaves = (command: ReturnType<typeof buildProgram>, prefix = ''): [string, typeof command][] =>
      command.commands.flatMap((c) => {
        const name = `${prefix}${c.name()}`;
        return c.commands.length ? leaves(c, `${name} `).concat(c.options.length ? [[name, c]] : []) : [[name, c]];
      });
    const withoutJson = leaves(buildProgram())
      .filter(([name, c]) => !NO_JSON[name] && !c.options.some((o) => o.long === '--json'))
      .map(([name]) => name);
    expect(withoutJson).toEqual([]);
  });

  it('groups the commands in --help by what they are for', () => {
    const help = buildProgram().helpInformation();
    const headings = [...help.matchAll(/^(\S[^\n]*):$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Options', 'The library', 'Cases and records', 'Search', 'Team sync (git)', 'Evidence', 'Citations, dossiers and exports', 'Archival outputs', 'People', 'Commands']);
    expect(help.slice(help.indexOf('Cases and records:'), help.indexOf('Search:'))).toMatch(/\n {2}edit \[options\] <record-id>/);
  });
});
