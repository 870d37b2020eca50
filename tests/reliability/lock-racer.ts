/*
 * One of the processes the lock race (lock-race.test.ts) starts at the same instant. Each round it waits at
 * a barrier (a file the test creates), tries to open the library for writing with a slowed stale-lock
 * takeover, and, if it won, saves notes and reports each acknowledged save; it keeps the lock until the
 * test has heard from every racer, so two writers at once would be seen.
 * Usage: lock-racer <library-dir> <control-dir> <racer-index> <rounds> <case-id> <notes-per-win>
 */
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLibrary, type LibrarySession } from '../../src/core/library-session';
import { isApiError } from '../../src/shared/errors';

const [dir, control, index, rounds, caseId, notesPerWin] = process.argv.slice(2);

async function barrier(name: string): Promise<void> {
  while (!existsSync(path.join(control, name))) await sleep(1);
}

for (let round = 0; round < Number(rounds); round++) {
  await writeFile(path.join(control, `ready-${round}-${index}`), '');
  await barrier(`go-${round}`);
  let session: LibrarySession | undefined;
  let result: { won: boolean; acked: string[]; code?: string; message?: string };
  try {
    // The slowed step: between judging the planted lock stale and moving it aside.
    session = await openLibrary(dir, { warm: false, lock: { beforeTakeover: () => sleep(Math.random() * 15) } });
    const api = session.api; // journalled, as every edge's changes are
    const acked: string[] = [];
    for (let n = 0; n < Number(notesPerWin); n++) {
      const note = await api['notes:create']({ caseId, fields: { title: `round ${round} racer ${index} note ${n}`, body: 'saved' } });
      acked.push(note.id);
    }
    result = { won: true, acked };
  } catch (error) {
    result = { won: false, acked: [], code: isApiError(error) ? error.code : 'THROWN', message: error instanceof Error ? error.message : String(error) };
  }
  // Renamed into place, so the test never reads half a result.
  await writeFile(path.join(control, `partial-${round}-${index}`), JSON.stringify(result));
  await rename(path.join(control, `partial-${round}-${index}`), path.join(control, `result-${round}-${index}.json`));
  await barrier(`done-${round}`);
  await session?.close();
  await writeFile(path.join(control, `closed-${round}-${index}`), '');
}
