/* Shortcut labels as the person's platform writes them. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';
export const shortcut = (key: string) => (isMac ? `⌘${key}` : `Ctrl+${key}`);
