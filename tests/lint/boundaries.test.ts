import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder boundaries (docs/STYLE.md §1) are enforced by the linter', () => {
  it('stops core and shared from importing Electron', async () => {
    expect(await restrictedImportErrors('src/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('src/shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('stops shared from importing Node modules', async () => {
    expect(await restrictedImportErrors('src/shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
  });

  it('stops the renderer from importing core, main or node:*', async () => {
    expect(await restrictedImportErrors('src/renderer/src/x.ts', "import { CaseLibrary } from '../../core/case-library';\nexport const a = CaseLibrary;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('src/renderer/src/x.ts', "import { app } from '../../main/index';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('src/renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
  });

  it('lets each folder import what it may', async () => {
    expect(await restrictedImportErrors('src/core/x.ts', "import fs from 'node:fs';\nimport { z } from 'zod';\nexport const a = [fs, z];\n")).toEqual([]);
    expect(await restrictedImportErrors('src/renderer/src/x.ts', "import { contract } from '../../shared/api/contract';\nexport const a = contract;\n")).toEqual([]);
  });
});

const imports = (...paths: string[]) => paths.map((p, i) => `import * as m${i} from '${p}';\n`).join('') + `export const all = [${paths.map((_, i) => `m${i}`).join(', ')}];\n`;

describe('the layers inside core (ARCHITECTURE.md) are enforced by the linter', () => {
  it('stops storage from importing services, features, handlers or the session', async () => {
    expect(await restrictedImportErrors('src/core/storage/x.ts', imports('../services/records', '../search/query', '../evidence/journal', '../handlers', '../library-session'))).toHaveLength(5);
    expect(await restrictedImportErrors('src/core/case-library.ts', imports('./services/records', './dossier'))).toHaveLength(2);
  });

  it('stops services from importing features (dossier, evidence, search, interchange) or anything above', async () => {
    expect(await restrictedImportErrors('src/core/services/x.ts', imports('../dossier', '../dossier/build', '../evidence/custody', '../search/search-service', '../interchange/citations', '../handlers', '../repair'))).toHaveLength(7);
  });

  it('lets services use storage and the file-format readers that live in evidence/', async () => {
    expect(await restrictedImportErrors('src/core/services/x.ts', imports('../case-library', '../storage/durable-write', './records', '../evidence/html-text', '../evidence/extracted-text'))).toEqual([]);
  });

  it('keeps the format readers below services: they may not reach evidence features or services', async () => {
    expect(await restrictedImportErrors('src/core/evidence/html-text.ts', imports('./journal', '../services/records'))).toHaveLength(2);
    expect(await restrictedImportErrors('src/core/evidence/extracted-text.ts', imports('./email', './pdf-worker', '../storage/durable-write'))).toEqual([]);
  });

  it('stops features from importing the handlers, the session or the sample, and lets them use each other and services', async () => {
    expect(await restrictedImportErrors('src/core/dossier/raw-pdf/x.ts', imports('../../handlers', '../../library-session'))).toHaveLength(2);
    expect(await restrictedImportErrors('src/core/search/x.ts', imports('../sample/build-sample', '../check'))).toHaveLength(2);
    expect(await restrictedImportErrors('src/core/dossier/x.ts', imports('../services/attachments', '../evidence/custody', '../interchange/citations', './build'))).toEqual([]);
  });

  it('stops the handler table from importing the session', async () => {
    expect(await restrictedImportErrors('src/core/handlers.ts', imports('./library-session'))).toHaveLength(1);
    expect(await restrictedImportErrors('src/core/handlers.ts', imports('./dossier/export', './services/cases'))).toEqual([]);
  });

  it('stops core from importing the CLI or the bridge', async () => {
    expect(await restrictedImportErrors('src/core/search/x.ts', imports('../../cli/format', '../../bridge/server'))).toHaveLength(2);
  });
});

describe('the edges open a library only through core/library-session.ts', () => {
  it('stops main, bridge and CLI from opening the store, the library or the handlers themselves', async () => {
    for (const edge of ['src/main/x.ts', 'src/bridge/x.ts', 'src/cli/x.ts']) {
      expect(await restrictedImportErrors(edge, imports('../core/case-library', '../core/handlers', '../core/evidence/journal', '../core/search/search-service')), edge).toHaveLength(4);
      expect(await restrictedImportErrors(edge, "import { LibraryStore } from '../core/storage/library-store';\nexport const s = LibraryStore;\n"), edge).toHaveLength(1);
      expect(await restrictedImportErrors(edge, "import { openLibrary } from '../core/library-session';\nimport { LIBRARY_FILE } from '../core/storage/library-store';\nexport const a = [openLibrary, LIBRARY_FILE];\n"), edge).toEqual([]);
    }
  });

  it('stops main from importing the renderer, the preload, the CLI or the bridge', async () => {
    expect(await restrictedImportErrors('src/main/x.ts', imports('../renderer/src/api', '../preload/index', '../cli/main', '../bridge/server'))).toHaveLength(4);
  });
});
