/*
 * The window's first-run offer, in a terminal: when the bridge is started with --first-run (by `npm start`
 * on a machine without the desktop binary) and no library is there yet, the person chooses the sample
 * library or an empty one, as the window's dialog offers. Without a terminal to ask in, the sample library
 * is made, as the dialog's default button would.
 */
import { createInterface } from 'node:readline/promises';
import { createLibrary } from '../core/library-session';
import { createSampleLibrary } from '../core/sample/build-sample';
import { resolveStartupLibrary, type FirstRunChoice } from '../core/first-run';

async function askInTerminal(dir: string): Promise<FirstRunChoice> {
  if (!process.stdin.isTTY) {
    process.stdout.write(`Welcome to Casefolio: no library at ${dir} yet, so the sample library is made there (cases built from one published article).\n`);
    return 'sample';
  }
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    for (;;) {
      const answer = (await terminal.question(`Welcome to Casefolio. No library at ${dir} yet: start with the [s]ample library (cases built from one published article), an [e]mpty library, or [q]uit? [s] `)).trim().toLowerCase();
      if (answer === '' || answer.startsWith('s')) return 'sample';
      if (answer.startsWith('e')) return 'empty';
      if (answer.startsWith('q')) return 'quit';
    }
  } finally {
    terminal.close();
  }
}

/** The library folder to serve (made now if the person asked for one); undefined when they chose to quit. */
export function firstRunLibrary(dir: string): Promise<string | undefined> {
  return resolveStartupLibrary({
    defaultDir: dir,
    ask: () => askInTerminal(dir),
    chooseFolder: async () => undefined,
    createSample: async (target) => (await createSampleLibrary(target, { warm: false })).close(),
    createEmpty: async (target) => (await createLibrary(target, 'My case library', { warm: false })).close(),
  });
}
