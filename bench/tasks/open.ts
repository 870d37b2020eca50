/*
 * Opening the library in a fresh process, as the app does, up to the first list of cases.
 *   first         no catalogue and no index yet: every file read and validated, the index built and saved
 *   cold          what every later open does: catalogue and index on disk
 *   validate-all  the catalogue ignored: every file read and validated, as opening worked before
 */
import { openLibrary } from '../../src/core/library-session';
import { dispatch } from '../../src/shared/api/dispatch';
import { report } from '../lib/report';

const [dir, mode] = process.argv.slice(2);
const started = performance.now();
const cpuStart = process.cpuUsage();
// The index is started below, where its time is measured apart; `warm` here would start it before the first list.
const session = await openLibrary(dir, { trustCatalogue: mode !== 'validate-all', warm: false });
const { lib, handlers } = session;
if (mode === 'cold') void lib.read.warm(); // the app reads case files in the background after opening
const opened = performance.now();
const list = await dispatch(handlers, 'cases:list', {});
const listed = performance.now();
if (!list.ok || (list.value as unknown[]).length === 0) throw new Error('no cases listed');
const cpuUsed = process.cpuUsage(cpuStart);
const result: Record<string, number | string | undefined> = {
  openMs: opened - started,
  firstListMs: listed - started,
  firstListCpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
  cases: (list.value as unknown[]).length,
};
if (mode !== 'validate-all') {
  const search = session.search;
  await search.ready();
  result.indexReadyMs = performance.now() - started;
  result.indexOrigin = search.status().origin;
  result.documents = search.status().documents;
  const first = await search.search('police officers');
  result.firstSearchMs = first.tookMs;
  if (mode === 'cold') {
    await lib.read.warm();
    result.allReadMs = performance.now() - started;
  }
  result.rssAfterMb = Math.round(process.memoryUsage().rss / 2 ** 20);
}
const closing = performance.now();
await session.close();
result.closeMs = performance.now() - closing;
report(result);
