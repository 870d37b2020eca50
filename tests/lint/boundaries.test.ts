import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder boundaries (STYLE.md §1) are enforced by the linter', () => {
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
