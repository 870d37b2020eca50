/*
 * A second program that takes over a library another one holds (the app's "Take over" button): breaks the
 * lock, opens the library for writing, saves one note, says so, and keeps the library until its stdin ends.
 * Usage: take-over <library-dir> <case-id> <note title>
 */
import { openLibrary } from '../../src/core/library-session';

const [dir, caseId, title] = process.argv.slice(2);
const session = await openLibrary(dir, { warm: false, breakLock: true });
await session.api['notes:create']({ caseId, fields: { title, body: '' } });
process.stdout.write('taken\n');
process.stdin.resume();
process.stdin.on('end', () => void session.close().then(() => process.exit(0)));
