/*
 * The last thing `npm install` prints (package.json's prepare script): whether the desktop window will
 * open, in one sentence. Electron's own install script fails quietly where its binary cannot be downloaded,
 * so without this a person offline would only find out at `npm start`. Never fails the install.
 */
import { findAppInstall } from '../core/app-install';
import { electronPackageDir, findDesktopBinary, installSentence } from './desktop-binary';

try {
  const root = findAppInstall().root;
  process.stdout.write(`${installSentence(process.env, findDesktopBinary(electronPackageDir(root)).found)}\n`);
} catch {
  // Saying nothing is better than failing an install that otherwise worked.
}
