import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import rule from './no-cross-package-path.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ROOT = join(import.meta.dirname, '..');
const at = (file: string) => join(ROOT, file);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('nianbao/no-cross-package-path', rule, {
  valid: [
    { filename: at('apps/api/src/routes/reports.ts'), code: "import { x } from '../services/x';" },
    { filename: at('apps/api/src/app.ts'), code: "import { Store } from '@nianbao/db';" },
    { filename: at('apps/web/vitest.e2e.config.ts'), code: "const root = new URL('.', import.meta.url);" },
    { filename: at('scripts/bench.ts'), code: "import { x } from './bench-db';" },
    { filename: at('packages/db/src/store.ts'), code: "const drizzle = new URL('../drizzle', import.meta.url);" },
    // files outside the rooms (the root's configs, this folder) are not checked
    { filename: at('vitest.config.ts'), code: "import x from './scripts/setup.mjs';" },
  ],
  invalid: [
    {
      filename: at('apps/web/src/api/auth.ts'),
      code: "import type { Login } from '../../../api/src/schemas-auth';",
      errors: [{ messageId: 'leaves', data: { source: '../../../api/src/schemas-auth', from: 'apps/web', to: 'apps/api' } }],
    },
    {
      filename: at('apps/cli/src/commands/gen.ts'),
      code: "import { generate } from '../../../../scripts/generator';",
      errors: [{ messageId: 'scripts' }],
    },
    {
      filename: at('apps/api/src/server.ts'),
      code: "const g = await import(`../../../scripts/generator`);",
      errors: [{ messageId: 'scripts' }],
    },
    {
      filename: at('apps/api/src/server.ts'),
      code: "const g = require('../../../scripts/generator');",
      errors: [{ messageId: 'scripts' }],
    },
    {
      filename: at('packages/core/src/export.ts'),
      code: "export { COLUMNS } from '../../db/src/queries';",
      errors: [{ messageId: 'leaves', data: { source: '../../db/src/queries', from: 'packages/core', to: 'packages/db' } }],
    },
    {
      filename: at('packages/audit/src/index.ts'),
      code: "type R = import('../../parser/src/index').ParsedReport;",
      errors: [{ messageId: 'leaves' }],
    },
    {
      filename: at('apps/api/src/plugins/static.ts'),
      code: "const dist = new URL('../../../web/dist/', import.meta.url);",
      errors: [{ messageId: 'leaves' }],
    },
  ],
});
