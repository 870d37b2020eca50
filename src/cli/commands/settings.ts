/*
 * casefolio settings: the open library's name, folder and settings, and changing them (the name recorded
 * as the author of changes, which the custody report and dossiers show). Options are the contract's.
 */
import type { Command } from 'commander';
import { contract } from '../../shared/api/contract';
import { addSpecOptions } from '../fields/field-options';
import { fieldSetOf, patchFromOptions } from '../fields/record-fields';
import { collect, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

const SETTINGS = fieldSetOf('library', contract['library:updateSettings'].input);

export function registerSettingsCommand(program: Command, globals: () => GlobalOptions): void {
  const settings = program
    .command('settings')
    .description('show the library and its settings; change them with the options (e.g. --user-name "A. Researcher")')
    .option('--clear <setting>', 'empty a setting, e.g. --clear user-name (repeatable)', collect)
    .option('--json', 'print the library and its settings as JSON');
  const given = addSpecOptions(settings, SETTINGS.specs.map((spec) => ({ spec })));
  settings.action((o: { clear?: string[]; json?: boolean } & Record<string, unknown>) => {
    const changes = given.given(o);
    const changing = changes.size > 0 || (o.clear ?? []).length > 0;
    return withLibrary(globals(), changing ? 'write' : 'read', async (api) => {
      if (changing) await api['library:updateSettings'](patchFromOptions(SETTINGS, changes, o.clear ?? []));
      const info = await api['library:info']({});
      if (o.json) return printJson(info);
      print(`${info.name}  (${info.path})`);
      print(`${info.caseCount} cases; changes recorded as made by: ${info.settings.userName ?? '(no user name set: casefolio settings --user-name "Your Name")'}`);
      for (const p of info.problems) print(`  set aside on open: ${p.file}: ${p.reason}${p.movedTo ? ` (moved to ${p.movedTo})` : ''}`);
    });
  });
}
