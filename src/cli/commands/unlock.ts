/*
 * `casefolio unlock [--force]`: what to do about a library another program has locked. Without --force it
 * only says who holds the lock (one left by a process of this computer that has died needs nothing: the
 * next program to open the library takes it over, atomically). --force breaks any lock, a lock from another computer (a network share, a synced
 * folder) included, after which that program's next change is refused: it never overwrites.
 */
import type { Command } from 'commander';
import { breakLock, lockState } from '../../core/storage/lock';
import { TAKE_OVER_RISK } from '../../shared/lock-text';
import { print, printJson } from '../io';
import { resolveLibraryDir, type GlobalOptions } from '../library-access';


export function registerUnlockCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('unlock')
    .description('say who holds the library’s lock; with --force, break it (e.g. a lock left on a network share by another computer)')
    .option('--force', `break the lock whoever holds it. ${TAKE_OVER_RISK}`)
    .option('--json', 'print the lock’s state (and whether it was broken) as JSON')
    .action(async (o: { force?: boolean; json?: boolean }) => {
      const dir = resolveLibraryDir(globals());
      const state = await lockState(dir);
      if (o.json) {
        if (o.force && state.kind !== 'free') await breakLock(dir);
        return printJson({ ...state, broken: Boolean(o.force && state.kind !== 'free') });
      }
      if (state.kind === 'free') return print('The library is not locked.');
      const who = state.kind === 'busy' ? 'a program that is opening it right now' : state.holder ? `process ${state.holder.pid} on ${state.holder.host} (since ${state.holder.since})` : 'an unreadable lock';
      if (o.force) {
        await breakLock(dir);
        return print(`Broke the lock held by ${who}.`);
      }
      if (state.kind === 'stale') return print(`The lock was left by ${who}, which is no longer running; the next Casefolio to open the library takes it over.`);
      process.stderr.write(
        `casefolio: the library is locked by ${who}${state.kind === 'held' && state.where === 'other-host' ? ', on another computer, so Casefolio cannot tell whether it is still running' : ''}. ` +
          `Close Casefolio there, or break the lock with "casefolio unlock --force". ${TAKE_OVER_RISK}\n`,
      );
      process.exitCode = 1;
    });
}
