import { dirname, relative, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * The room a file lives in: `apps/<name>`, `packages/<name>` or `scripts`. Code reaches another
 * room only through its package name (`@nianbao/…`), never by a relative path into its sources,
 * and apps never import from scripts/.
 */
const roomOf = (file) => {
  const parts = relative(import.meta.dirname, file).split(sep);
  if ((parts[0] === 'apps' || parts[0] === 'packages') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  if (parts[0] === 'scripts') return 'scripts';
  return null;
};

const noCrossPackagePath = {
  meta: {
    type: 'problem',
    docs: { description: 'relative imports stay inside their package; apps do not import scripts/' },
    messages: {
      leaves: '“{{source}}” leaves {{from}} for {{to}}: import it by its package name (@nianbao/…) instead.',
      scripts: '“{{source}}” is in scripts/: apps and packages do not import from scripts/ (move the code to a package).',
    },
    schema: [],
  },
  create(context) {
    const from = roomOf(context.filename);
    if (!from) return {};
    const check = (node) => {
      const source = node?.type === 'Literal' && typeof node.value === 'string' ? node.value : null;
      if (!source || !source.startsWith('.')) return;
      const to = roomOf(resolve(dirname(context.filename), source));
      if (to === from) return;
      const data = { source, from, to: to ?? 'the repository root' };
      context.report({ node, messageId: to === 'scripts' ? 'scripts' : 'leaves', data });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      TSImportType: (n) => check(n.argument?.literal ?? n.argument),
    };
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { nianbao: { rules: { 'no-cross-package-path': noCrossPackagePath } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'nianbao/no-cross-package-path': 'error',
    },
  },
);
