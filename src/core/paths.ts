/*
 * Where the desktop app keeps its library by default, computed without Electron so the CLI finds the
 * same folder: Electron's userData for an app named "Casefolio", plus /library.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Casefolio';

export function appDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(home, '.config');
}

export function defaultLibraryDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  return path.join(appDataDir(platform, env, home), APP_NAME, 'library');
}
