/**
 * The import-direction rule (docs/architecture.md) is a lint rule: these cases prove that a
 * wrong import fails `npm test` and a right one passes.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support.js';

const eslint = new ESLint({ cwd: REPO });

async function lint(file: string, code: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath: join(REPO, file) });
  return (res?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rule', () => {
  it('rejects core importing io, cli or node:fs', async () => {
    expect(
      await lint(
        'src/core/x.ts',
        "import { a } from '../io/read-dataset.js';\nexport const b = a;\n",
      ),
    ).toEqual([expect.stringMatching(/^no-restricted-imports: .*may not import from src\/io/)]);
    expect(
      await lint('src/core/x.ts', "import { a } from '../cli/main.js';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(
      await lint(
        'src/core/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n",
      ),
    ).toEqual([expect.stringMatching(/src\/core is pure/)]);
  });

  it('rejects Math.random and Date in core', async () => {
    expect(await lint('src/core/x.ts', 'export const r = Math.random();\n')).toHaveLength(1);
    expect(await lint('src/core/x.ts', 'export const t = new Date();\n')).toHaveLength(1);
  });

  it('rejects io importing cli, and web importing io', async () => {
    expect(
      await lint('src/io/x.ts', "import { run } from '../cli/main.js';\nexport const b = run;\n"),
    ).toHaveLength(1);
    expect(
      await lint('web/x.ts', "import { a } from '../src/io/csv.js';\nexport const b = a;\n"),
    ).toHaveLength(1);
  });

  it('accepts the allowed directions', async () => {
    expect(
      await lint(
        'src/io/x.ts',
        "import { ROW } from '../core/dataset.js';\nexport const b = ROW;\n",
      ),
    ).toEqual([]);
    expect(
      await lint(
        'src/cli/x.ts',
        "import { ROW } from '../core/dataset.js';\nimport { toCsv } from '../io/csv.js';\nexport const b = [ROW, toCsv];\n",
      ),
    ).toEqual([]);
  });
});
