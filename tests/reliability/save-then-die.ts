/*
 * Saves one note through the contract, and is killed (SIGKILL, by itself) the moment the save is
 * acknowledged: before what runs just after the acknowledgement (the search index's update, the journal's
 * carried line, the fold of a log past its limit) can happen.
 * Usage: save-then-die <library-dir> <case-id> <note-id> <new body> [fold-above-bytes]
 */
import { openLibrary } from '../../src/core/library-session';

const [dir, caseId, noteId, body, foldAbove] = process.argv.slice(2);
const session = await openLibrary(dir, { warm: true, ...(foldAbove ? { foldAboveBytes: Number(foldAbove) } : {}) });
await session.api['search:query']({ query: 'loaded' }); // the index is loaded, so the save takes the deferred path
await session.api['notes:update']({ caseId, noteId, patch: { body } });
process.stdout.write('acknowledged\n');
process.kill(process.pid, 'SIGKILL');
