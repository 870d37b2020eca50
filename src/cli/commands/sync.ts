/*
 * casefolio sync: a library shared by a team through a git repository. `sync` pulls, merges record by
 * record and pushes; `sync init` publishes this library; `sync clone` puts a shared one on a new machine;
 * `sync status`, `sync conflicts` and `sync resolve` show and settle what a run could not decide.
 * Credentials come from CASEFOLIO_GIT_TOKEN or git's credential helper, never from the library.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { HEADLESS_SHELL } from '../../core/shell';
import type { Api } from '../../shared/api/client';
import { ApiError } from '../../shared/errors';
import { describeIncoming, SyncRemote, type SyncConflict, type SyncReport, type SyncStatus } from '../../shared/sync';
import { plural, print, printJson } from '../io';
import { resolveLibraryDir, type GlobalOptions } from '../library-access';

/** Opens the library for writing with the command line's credentials (sync holds the writer's lock while it runs). */
/** The sync engine (isomorphic-git) and the session load when a sync command runs, not with every command. */
const core = {
  session: () => import('../../core/library-session'),
  clone: () => import('../../core/sync/clone'),
  credentials: () => import('../../core/sync/credentials'),
};

async function withSyncSession<T>(globals: GlobalOptions, work: (api: Api) => Promise<T>): Promise<T> {
  const [{ openLibrary, withLibrarySession }, { commandLineCredentials }] = await Promise.all([core.session(), core.credentials()]);
  const open = openLibrary(resolveLibraryDir(globals), { warm: false, readOnly: globals.readOnly === true, shell: { ...HEADLESS_SHELL, gitCredentials: commandLineCredentials() } });
  return withLibrarySession(open, (session) => work(session.api));
}

function printReport(report: SyncReport): void {
  if (report.heldBack) {
    const { deletions, percent, cases } = report.heldBack;
    process.stderr.write(
      `casefolio: this sync would delete ${plural(deletions, 'record')} (${percent} % of the library)${cases.length ? `, including the whole case${cases.length === 1 ? '' : 's'} ${cases.map((c) => `“${c}”`).join(', ')}` : ''}. ` +
        'Nothing was changed. Check with the team, then run casefolio sync --yes to go on.\n',
    );
    process.exitCode = 1;
    return;
  }
  if (report.upToDate) return print('Up to date.');
  for (const entry of report.incoming) print(`Received ${describeIncoming(entry)} <${entry.author.email}>.`);
  if (report.pushedCommits) print(`Sent ${plural(report.pushedCommits, 'change')}.`);
  for (const file of report.refusedFiles ?? []) print(`Refused ${file}: its bytes do not match its name (SHA-256); it was left out.`);
  if (report.conflicts) print(`${plural(report.conflicts, 'conflict')} kept with both versions: casefolio sync conflicts`);
  for (const file of report.localOnlyFiles ?? []) print(`Kept on this computer only: ${file} (above the 256 MiB a sync carries).`);
}

function printStatus(status: SyncStatus): void {
  if (!status.configured) print('Not shared: publish this library with casefolio sync init <address of an empty git repository>.');
  else print(`Shared through ${status.remote} (${status.branch}); last sync: ${status.lastSyncAt ?? 'never'}.`);
  print(`Changes signed as: ${status.identity.name ? `${status.identity.name} <${status.identity.email ?? 'no email'}>` : '(not set: casefolio settings --user-name "Your Name" --user-email you@example.org)'}`);
  if (status.interrupted) print(`The last sync was interrupted (it stopped in its “${status.interrupted.step}” step; started ${status.interrupted.startedAt}); nothing is lost: run casefolio sync to complete it.`);
  if (status.openConflicts) print(`${plural(status.openConflicts, 'open conflict')}: casefolio sync conflicts`);
}

const shown = (value: unknown) => (value === null || value === undefined ? '(deleted)' : typeof value === 'string' ? value : JSON.stringify(value));

function printConflicts(conflicts: SyncConflict[]): void {
  if (!conflicts.length) return print('No open conflicts.');
  for (const c of conflicts) {
    print(`${c.id}  ${c.caseTitle ? `${c.caseTitle} › ` : ''}${c.kind} “${c.recordTitle}”${c.field ? `, ${c.field}` : ': edited on one side, deleted on the other'}`);
    print(`    ours   (${c.oursBy.name}, ${c.oursBy.at}): ${shown(c.ours)}`);
    print(`    theirs (${c.theirsBy.name}, ${c.theirsBy.at}): ${shown(c.theirs)}`);
  }
  print('Resolve one with casefolio sync resolve <id> --ours | --theirs | --value JSON');
}

function parseRemote(remote: string): string {
  const parsed = SyncRemote.safeParse(remote);
  if (!parsed.success) throw new ApiError('INVALID_INPUT', parsed.error.issues[0].message);
  return parsed.data;
}

export function registerSyncCommands(program: Command, globals: () => GlobalOptions): void {
  const sync = program
    .command('sync')
    .description('share the library with a team through a git repository: pull, merge record by record, push')
    .option('--yes', 'go on with a sync that would delete more than 10 % of the records or a whole case')
    .option('--json', 'print what the sync did as JSON')
    .action((o: { yes?: boolean; json?: boolean }) =>
      withSyncSession(globals(), async (api) => {
        const report = await api['sync:run']({ confirmDeletions: o.yes === true });
        if (o.json) {
          printJson(report);
          if (report.heldBack) process.exitCode = 1;
        } else printReport(report);
      }),
    );
  // commander gives a --json written after a subcommand (`sync status --json`) to `sync`'s own --json option.
  const asJson = (o: { json?: boolean }) => o.json === true || sync.opts().json === true;
  sync
    .command('init <remote>')
    .description('publish this library to an empty git repository (https address) and share it from now on')
    .option('--json', 'print the sync status as JSON')
    .action((remote: string, o: { json?: boolean }) =>
      withSyncSession(globals(), async (api) => {
        const status = await api['sync:init']({ remote: parseRemote(remote) });
        if (asJson(o)) printJson(status);
        else print(`Published to ${status.remote}. Others join with: casefolio sync clone ${status.remote} <folder>`);
      }),
    );
  sync
    .command('clone <remote> <dir>')
    .description('put a shared library on this computer, in a new folder')
    .option('--json', 'print the folder and any refused files as JSON')
    .action(async (remote: string, dir: string, o: { json?: boolean }) => {
      const target = path.resolve(dir);
      const [{ openLibrary }, { cloneLibrary }, { commandLineCredentials }] = await Promise.all([core.session(), core.clone(), core.credentials()]);
      const { refusedFiles } = await cloneLibrary(target, parseRemote(remote), commandLineCredentials());
      const session = await openLibrary(target, { warm: false });
      const info = await session.api['library:info']({});
      await session.close();
      if (asJson(o)) return printJson({ dir: target, name: info.name, cases: info.caseCount, refusedFiles });
      print(`Cloned “${info.name}” (${plural(info.caseCount, 'case')}) into ${target}.`);
      for (const file of refusedFiles) print(`Refused ${file}: its bytes do not match its name (SHA-256); it was left out.`);
      print(`Set your name for your changes: casefolio settings --library ${target} --user-name "Your Name" --user-email you@example.org`);
    });
  sync
    .command('status')
    .description('whether the library is shared, with which repository, the last sync and open conflicts')
    .option('--json', 'print the status as JSON')
    .action((o: { json?: boolean }) =>
      withSyncSession({ ...globals(), readOnly: true }, async (api) => {
        const status = await api['sync:status']({});
        if (asJson(o)) printJson(status);
        else printStatus(status);
      }),
    );
  sync
    .command('conflicts')
    .description('the conflicts a sync kept with both versions: the same field changed on both sides, or edited on one and deleted on the other')
    .option('--json', 'print the conflicts as JSON')
    .action((o: { json?: boolean }) =>
      withSyncSession({ ...globals(), readOnly: true }, async (api) => {
        const conflicts = await api['sync:conflicts']({});
        if (asJson(o)) printJson(conflicts);
        else printConflicts(conflicts);
      }),
    );
  sync
    .command('resolve <id>')
    .description('settle a conflict: keep ours, take theirs, or set a value (JSON); synced next time')
    .option('--ours', 'keep this computer’s version')
    .option('--theirs', 'take the version that came in')
    .option('--value <json>', 'set this value instead (JSON, e.g. "\\"A new title\\"")')
    .option('--json', 'print the conflicts still open as JSON')
    .action((id: string, o: { ours?: boolean; theirs?: boolean; value?: string; json?: boolean }) => {
      const picks = [o.ours, o.theirs, o.value !== undefined].filter(Boolean).length;
      if (picks !== 1) throw new ApiError('INVALID_INPUT', 'Give exactly one of --ours, --theirs or --value JSON.');
      let value: unknown;
      if (o.value !== undefined) {
        try {
          value = JSON.parse(o.value);
        } catch {
          throw new ApiError('INVALID_INPUT', `--value must be JSON, e.g. --value '"A new title"' (a string in quotes) or --value null.`);
        }
      }
      return withSyncSession(globals(), async (api) => {
        const rest = await api['sync:resolve']({ conflictId: id, pick: o.ours ? 'ours' : o.theirs ? 'theirs' : 'value', ...(o.value !== undefined ? { value } : {}) });
        if (asJson(o)) printJson(rest);
        else print(`Resolved. ${rest.length ? `${plural(rest.length, 'conflict')} still open.` : 'No conflicts left.'} Run casefolio sync to share the resolution.`);
      });
    });
}
