/*
 * `casefolio config`: the library's settings, named as people know them from git (`user.name`), the same
 * settings the window's Settings dialog changes (library:updateSettings validates them).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { LibrarySettings } from '../../shared/domain';
import { print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

const KEYS = {
  'user.name': 'userName',
  'user.email': 'userEmail',
  'citation.style': 'citationStyle',
  'bates.prefix': 'batesPrefix',
  marking: 'marking',
} as const satisfies Record<string, keyof LibrarySettings>;
type Key = keyof typeof KEYS;

function settingKey(name: string): Key {
  if (Object.prototype.hasOwnProperty.call(KEYS, name)) return name as Key;
  throw new InvalidArgumentError(`Unknown setting “${name}”. Settings: ${Object.keys(KEYS).join(', ')}.`);
}

export function registerConfigCommand(program: Command, globals: () => GlobalOptions): void {
  const config = program.command('config').description('show or change the library’s settings: ' + Object.keys(KEYS).join(', '));

  config
    .command('get', { isDefault: true })
    .argument('[key]', 'the setting', settingKey)
    .description('print one setting, or every setting')
    .option('--json', 'print the settings as JSON')
    .action((key: Key | undefined, o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const { settings } = await api['library:info']({});
        if (key) {
          const value = settings[KEYS[key]];
          if (value === undefined) process.exitCode = 1; // as git does for a setting that is not set
          else print(String(value));
          return;
        }
        if (o.json) return printJson(settings);
        for (const [name, field] of Object.entries(KEYS)) print(`${name} = ${settings[field] ?? '(not set)'}`);
      }),
    );

  config
    .command('set')
    .argument('<key>', 'the setting', settingKey)
    .argument('<value>', 'its new value')
    .description('change a setting, e.g. config set user.name "Ada Lovelace"')
    .action((key: Key, value: string) =>
      withLibrary(globals(), 'write', async (api) => {
        await api['library:updateSettings']({ [KEYS[key]]: value.trim() });
        print(`${key} = ${value.trim()}`);
      }),
    );

  config
    .command('unset')
    .argument('<key>', 'the setting', settingKey)
    .description('clear a setting')
    .action((key: Key) =>
      withLibrary(globals(), 'write', async (api) => {
        await api['library:updateSettings']({ [KEYS[key]]: null });
        print(`${key} cleared`);
      }),
    );
}
