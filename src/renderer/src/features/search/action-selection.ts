/*
 * The quick search's keyboard: ↑/↓ move a marker over the results, Enter opens the marked one. The marker is a
 * `data-selected` attribute on a result (styled by Spotlight's action class, which the rows use), set on the
 * elements directly, so moving it renders nothing.
 */
type Move = 'first' | 'next' | 'previous';

export function moveSelection(list: HTMLElement, move: Move): void {
  const actions = [...list.querySelectorAll<HTMLElement>('[data-action]')];
  const current = actions.findIndex((a) => a.hasAttribute('data-selected'));
  for (const a of actions) a.removeAttribute('data-selected');
  if (actions.length === 0) return;
  const at = move === 'first' ? 0 : move === 'next' ? (current + 1) % actions.length : current <= 0 ? actions.length - 1 : current - 1;
  actions[at].setAttribute('data-selected', 'true');
  if (move !== 'first') actions[at].scrollIntoView({ block: 'nearest' });
}

export function triggerSelected(list: HTMLElement): void {
  list.querySelector<HTMLElement>('[data-action][data-selected]')?.click();
}
