import { startApp } from './harness';
const ana = { name: 'Ana Díaz', email: 'ana@example.org' };
const conflicts = [
  { id: 'c1', caseId: 'x', caseTitle: 'Child Q', kind: 'note', recordId: 'n1', recordTitle: 'Strip search timeline', field: 'text', ours: 'The search took place at school on 3 December 2020.', theirs: 'The search took place at her school in December 2020, with no appropriate adult present.', oursBy: { name: 'Me Myself', email: 'me@example.org', at: new Date(Date.now() - 3600e3).toISOString() }, theirsBy: { ...ana, at: new Date(Date.now() - 600e3).toISOString() } },
  { id: 'c2', caseId: 'x', caseTitle: 'Child Q', kind: 'source', recordId: 's1', recordTitle: 'Safeguarding review', ours: { title: 'Safeguarding review' }, theirs: undefined, oursBy: { name: 'Me Myself', email: 'me@example.org', at: new Date().toISOString() }, theirsBy: { ...ana, at: new Date().toISOString() } },
];
const app = await startApp({
  overrides: () => ({
    'sync:status': async () => ({ configured: true, remote: 'https://git.example.org/team/library.git', branch: 'main', lastSyncAt: new Date(Date.now() - 300e3).toISOString(), lastReport: { at: new Date().toISOString(), upToDate: false, pushedCommits: 1, incoming: [{ author: ana, counts: { notes: 3, sources: 1 } }], conflicts: 2 }, openConflicts: 2, identity: { name: 'Me Myself', email: 'me@example.org' } }),
    'sync:conflicts': async () => conflicts as never,
    'sync:run': async () => ({ at: new Date().toISOString(), upToDate: false, pushedCommits: 0, incoming: [], conflicts: 0, heldBack: { deletions: 23, percent: 23, cases: ['Child Q', 'Sarah Everard'] } }),
  }),
});
const { page } = app;
await page.getByRole('button', { name: /^Sync/ }).click();
await page.waitForTimeout(600);
await page.screenshot({ path: '/tmp/syncwin/panel.png' });
await page.getByRole('button', { name: 'Sync now' }).click();
await page.waitForTimeout(800);
await page.getByRole('button', { name: 'Review…' }).click();
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/syncwin/held.png' });
await page.getByRole('button', { name: 'Resolve conflicts…' }).click();
await page.waitForTimeout(600);
await page.screenshot({ path: '/tmp/syncwin/conflicts.png' });
await page.getByRole('button', { name: 'Combine…' }).click();
await page.waitForTimeout(300);
await page.screenshot({ path: '/tmp/syncwin/combine.png' });
const { seriousViolations } = await import('./a11y');
console.log('axe', await seriousViolations(page));
console.log('problems', app.problems);
await app.close();
