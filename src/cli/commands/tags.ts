/*
 * Tag commands beyond `tag rename` (main.ts): list the vocabulary, define a tag's colour and description,
 * move a subtree, and put a tag on or take it off records named by id (found wherever they are).
 */
import type { Command } from 'commander';
import { contract } from '../../shared/api/contract';
import type { RecordRef } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../../core/library-session';
import { locateRecord } from '../../core/services/locate';
import { addSpecOptions } from '../fields/field-options';
import { fieldSetOf, patchFromOptions } from '../fields/record-fields';
import { collect, plural, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

const TAG_FIELDS = fieldSetOf('tag', contract['tags:define'].input, ['path']);

function refsOf(lib: CaseLibrary, ids: string[], caseKey?: string): RecordRef[] {
  return [...new Set(ids)].map((id) => {
    const r = locateRecord(lib, id, caseKey);
    if (r.kind === 'quotation') throw new ApiError('INVALID_INPUT', `${id} is a quotation; tag its note ${r.noteId} instead.`);
    return { caseId: r.caseId, kind: r.kind, id: r.id };
  });
}

export function registerTagCommands(tag: Command, globals: () => GlobalOptions): void {
  tag
    .command('list')
    .description('the tag vocabulary, with how many records carry each tag')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const tags = await api['tags:list']({});
        if (o.json) return printJson(tags);
        print(tags.length ? tags.map((t) => `${t.path}  (${t.count})${t.color ? `  ${t.color}` : ''}${t.description ? `  ${t.description}` : ''}`).join('\n') : 'No tags yet.');
      }),
    );

  const define = tag
    .command('define <path>')
    .description('add a tag to the vocabulary, or change its colour or description')
    .option('--clear <field>', 'empty color or description (repeatable)', collect)
    .option('--json', 'print the tag as JSON');
  const fields = addSpecOptions(define, TAG_FIELDS.specs.map((spec) => ({ spec })));
  define.action((path: string, o: { clear?: string[]; json?: boolean } & Record<string, unknown>) =>
    withLibrary(globals(), 'write', async (api) => {
      const given = fields.given(o);
      const patch = given.size || o.clear?.length ? patchFromOptions(TAG_FIELDS, given, o.clear ?? []) : {};
      const usage = await api['tags:define']({ path, ...patch });
      if (o.json) return printJson(usage);
      print(`${usage.path}  (${plural(usage.count, 'record')})${usage.color ? `  ${usage.color}` : ''}${usage.description ? `  ${usage.description}` : ''}`);
    }),
  );

  tag
    .command('move <path> <new-parent>')
    .description('move a tag and everything beneath it under another tag ("/" for the top level)')
    .option('--json', 'print how many records changed as JSON')
    .action((path: string, newParent: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const { changed } = await api['tags:move']({ path, newParent: newParent === '/' ? null : newParent });
        if (o.json) return printJson({ changed });
        print(`Moved “${path}” ${newParent === '/' ? 'to the top level' : `under “${newParent}”`} on ${plural(changed, 'record')}.`);
      }),
    );

  for (const [verb, call, description] of [
    ['add', 'tags:apply', 'put a tag on records named by id (cases, sources, notes, events)'],
    ['remove', 'tags:remove', 'take a tag off records named by id'],
  ] as const) {
    tag
      .command(`${verb} <tag> <record-id...>`)
      .description(description)
      .option('--case <case>', 'look for the records only in this case (slug or id)')
      .option('--json', 'print how many records changed as JSON')
      .action((path: string, ids: string[], o: { case?: string; json?: boolean }) =>
        withLibrary(globals(), 'write', async (api, lib) => {
          const { changed } = await api[call]({ tag: path, targets: refsOf(lib, ids, o.case) });
          if (o.json) return printJson({ changed });
          print(`${verb === 'add' ? 'Tagged' : 'Untagged'} ${plural(changed, 'record')} ${verb === 'add' ? 'with' : 'from'} “${path}”.`);
        }),
      );
  }
}
