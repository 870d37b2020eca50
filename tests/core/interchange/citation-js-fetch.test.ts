/*
 * citation-js's fetch packages are loaded on first use, not with its core: formatting a citation leaves them
 * unloaded (a fresh process, since the test runner's own may have loaded citation-js before), and a fetch made
 * through citation-js's copy still reaches the real package (and its Headers class answers for the real one's).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

const SCRIPT = `
import { createRequire } from 'node:module';
const { renderBibliography } = await import('./src/core/interchange/citation-js.ts');
const text = renderBibliography([{ id: 'a', type: 'report', title: 'Stop and search review', author: [{ family: 'Doe', given: 'Jane' }], issued: { 'date-parts': [[2022]] } }], 'oscola', 'text')[0].text;
const coreRequire = createRequire(createRequire(import.meta.url).resolve('@citation-js/core'));
const loaded = () => Object.keys(coreRequire.cache).filter((file) => /[\\\\/](sync-fetch|node-fetch)[\\\\/]/.test(file) && !file.endsWith('index.js'));
const before = loaded();
// Node's own fetch (undici) stays unloaded too: the stand-ins' Headers do not read the Headers global.
const undiciBefore = process.moduleLoadList.some((name) => name.includes('undici'));
const standInHeaders = coreRequire('node-fetch').Headers;
const fetchModule = coreRequire('node-fetch');
const response = await fetchModule.default('data:text/plain,offline%20reply');
const syncFetch = coreRequire('sync-fetch');
const realHeaders = coreRequire('node-fetch').Headers;
const headersMatch = new realHeaders() instanceof standInHeaders && !({} instanceof standInHeaders);
console.log(JSON.stringify({ text, before, undiciBefore, headersMatch, fetched: await response.text(), syncIsFunction: typeof syncFetch === 'function', after: loaded() }));
`;

describe('citation-js without its fetch packages until it fetches', () => {
  it('formats citations without loading sync-fetch or node-fetch, and loads them on the first fetch', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result.text).toContain('Stop and Search Review');
    expect(result.before).toEqual([]);
    expect(result.undiciBefore).toBe(false);
    expect(result.headersMatch).toBe(true);
    expect(result.fetched).toBe('offline reply');
    expect(result.syncIsFunction).toBe(true);
  });
});
