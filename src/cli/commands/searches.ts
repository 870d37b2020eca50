/*
 * Saved searches from the command line: `search <query> --save NAME` saves (or updates the one of that
 * name), `searches` lists them, `searches run NAME` runs one, `searches delete NAME` deletes one. A saved
 * search is named by its name or its id, as the sidebar shows names and JSON shows ids.
 */
import type { Command } from 'commander';
import type { Api } from '../../shared/api/client';
import type { SavedSearch } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { table } from '../format';
import { ansiMarker, formatSearchResults, plainMarker } from '../format-search';
import { print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

async function findSaved(api: Api, key: string): Promise<SavedSearch> {
  const all = await api['searches:list']({});
  const found = all.find((s) => s.id === key) ?? all.find((s) => s.name === key) ?? all.find((s) => s.name.toLowerCase() === key.toLowerCase());
  if (!found) {
    throw new ApiError('NOT_FOUND', `No saved search is called “${key}”.${all.length ? ` Saved: ${all.map((s) => `“${s.name}”`).join(', ')}.` : ' Save one with `casefolio search <query> --save <name>`.'}`);
  }
  return found;
}

/** Saves a query under a name; a search already saved under that name gets the new query. */
export async function saveSearchByName(api: Api, name: string, query: string): Promise<SavedSearch> {
  const existing = (await api['searches:list']({})).find((s) => s.name === name);
  return api['searches:save']({ id: existing?.id, name, query });
}

export function printSearchResults(results: Awaited<ReturnType<Api['search:query']>>): void {
  const colour = process.stdout.isTTY && !process.env.NO_COLOR;
  print(formatSearchResults(results, colour ? ansiMarker : plainMarker));
}

export function registerSearchesCommands(program: Command, globals: () => GlobalOptions): void {
  const searches = program
    .command('searches')
    .description('the saved searches: list them, run one, delete one')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const all = await api['searches:list']({});
        if (o.json) return printJson(all);
        print(all.length ? table([['NAME', 'QUERY', 'ID'], ...all.map((s) => [s.name, s.query, s.id])]) : 'No saved searches. Save one with `casefolio search <query> --save <name>`.');
      }),
    );

  // `searches` takes --json itself (for the list), so commander gives it a --json typed after a subcommand.
  const jsonAsked = () => searches.opts<{ json?: boolean }>().json;
  searches
    .command('run <name>')
    .description('run a saved search (by name or id)')
    .option('--json', 'print the results as JSON')
    .action((key: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const saved = await findSaved(api, key);
        const results = await api['search:query']({ query: saved.query });
        if (o.json ?? jsonAsked()) printJson(results);
        else printSearchResults(results);
      }),
    );

  searches
    .command('delete <name>')
    .description('delete a saved search (by name or id)')
    .option('--json', 'print the deleted search as JSON')
    .action((key: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const saved = await findSaved(api, key);
        await api['searches:delete']({ id: saved.id });
        if (o.json ?? jsonAsked()) printJson(saved);
        else print(`Deleted the saved search “${saved.name}”.`);
      }),
    );
}
