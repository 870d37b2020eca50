/*
 * Opening the library in a fresh process, as the app does, up to the first list of cases.
 *   first         no catalogue and no index yet: every file read and validated, the index built and saved
 *   cold          what every later open does: catalogue and index on disk
 *   validate-all  the catalogue ignored: every file read and validated, as opening worked before
 */
import { CaseLibrary } from '../../src/core/case-library';
import { createHandlers } from '../../src/core/handlers';
import { SearchService } from '../../src/core/search/search-service';
import { dispatch } from '../../src/shared/api/dispatch';
import { report } from '../lib/report';

const [dir, mode] = process.argv.slice(2);
const started = performance.now();
const cpuStart = process.cpuUsage();
const lib = await CaseLibrary.open(dir, { trustCatalogue: mode !== 'validate-all', warm: mode === 'cold' });
const opened = performance.now();
const handlers = createHandlers(lib);
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
  const search = SearchService.for(lib);
  await search.ready();
  result.indexReadyMs = performance.now() - started;
  result.indexOrigin = search.status().origin;
  result.documents = search.status().documents;
  const first = await search.search('police officers');
  result.firstSearchMs = first.tookMs;
  if (mode === 'cold') {
    await lib.store.warm();
    result.allReadMs = performance.now() - started;
  }
  result.rssAfterMb = Math.round(process.memoryUsage().rss / 2 ** 20);
}
const closing = performance.now();
await lib.close();
result.closeMs = performance.now() - closing;
report(result);
