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
      if (changing) {
        // The name and email belong to this machine (identity:set), not to the library everyone shares.
        const { userName, userEmail, ...rest } = patchFromOptions(SETTINGS, changes, o.clear ?? []) as Record<string, unknown>;
        if (userName !== undefined || userEmail !== undefined) await api['identity:set']({ name: userName as string | null | undefined, email: userEmail as string | null | undefined });
        if (Object.keys(rest).length) await api['library:updateSettings'](rest);
      }
      const info = await api['library:info']({});
      const identity = await api['identity:get']({});
      if (o.json) return printJson({ ...info, identity });
      print(`${info.name}  (${info.path})`);
      const who = identity.name ? `${identity.name}${identity.email ? ` <${identity.email}>` : ''}` : '(no user name set: casefolio settings --user-name "Your Name" --user-email you@example.org)';
      print(`${info.caseCount} cases; changes recorded as made by: ${who}`);
      for (const p of info.problems) print(`  set aside on open: ${p.file}: ${p.reason}${p.movedTo ? ` (moved to ${p.movedTo})` : ''}`);
    });
  });
}
