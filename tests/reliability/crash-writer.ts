/*
 * The process the crash harness kills. It opens a library for writing and saves edits in a loop,
 * printing "ack <n>" after each save has returned, until it is killed with SIGKILL at a random moment.
 * Usage: crash-writer <library-dir> <first-save-number | stdin> <case-id>...
 *
 * With CASEFOLIO_CRASH_WRITES=in-place it saves the way a naive program does — straight into the file, no
 * temp file, no rename — the baseline the benchmark runs beside the real writer to show what the harness catches.
 */
import path from 'node:path';
import { CaseLibrary } from '../../src/core/case-library';
import { TEMP_SUFFIX, nodeWriteOps, type WriteOps } from '../../src/core/storage/durable-write';
import { updateCase } from '../../src/core/services/cases';

/** Opens the file a temp name stands for (".case.json.<pid>.<hex>.casefolio-tmp" → "case.json") and skips the rename. */
const inPlaceWrites: WriteOps = {
  open: (file, flags, mode) => {
    const target = path.basename(file).match(new RegExp(`^\\.(.+)\\.\\d+\\.[0-9a-f]+${TEMP_SUFFIX.replace('.', '\\.')}$`));
    return nodeWriteOps.open(target ? path.join(path.dirname(file), target[1]) : file, target ? 'w' : flags, mode);
  },
  rename: async () => undefined,
  rm: async () => undefined,
};

const [dir, firstArg, ...caseIds] = process.argv.slice(2);
// "stdin": started ahead of its turn (crash-safety.ts): the code is loaded, the library not opened until told where to start.
const first = firstArg === 'stdin' ? await firstLine() : firstArg;
// Change logs folded every few saves (never 256 KiB, which these short-lived writers never reach), so that
// kills land between a log's append and its fold, and inside folds, as well as in appends. The naive
// baseline folds after every save, so it still writes straight into case.json.
const lib = await CaseLibrary.open(dir, process.env.CASEFOLIO_CRASH_WRITES === 'in-place' ? { writeOps: inPlaceWrites, foldAboveBytes: 0 } : { foldAboveBytes: 900 });
process.stdout.write('ready\n');
for (let n = Number(first); ; n++) {
  await updateCase(lib, caseIds[n % caseIds.length], { summary: `save ${n}` });
  process.stdout.write(`ack ${n}\n`);
}

function firstLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.split('\n')[0]);
    });
    process.stdin.on('end', () => (text.includes('\n') ? undefined : reject(new Error('no start number on stdin'))));
  });
}
