/**
 * nianbao/no-cross-package-path: relative imports stay inside their package, and nothing imports
 * scripts/ (see the README's layout section). Tested in no-cross-package-path.test.ts.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** The repository root (this file is in eslint/). */
const ROOT = resolve(import.meta.dirname, '..');

/** A template literal without expressions (`import(`../x`)`) read as the string it is. */
const staticSource = (node) =>
  node?.type === 'TemplateLiteral' && node.expressions.length === 0
    ? { type: 'Literal', value: node.quasis[0].value.cooked, range: node.range, loc: node.loc }
    : node;

/**
 * The room a file lives in: `apps/<name>`, `packages/<name>` or `scripts`. Code reaches another
 * room only through its package name (`@nianbao/…`), never by a relative path into its sources,
 * and apps never import from scripts/.
 */
const roomOf = (file) => {
  const parts = relative(ROOT, file).split(sep);
  if ((parts[0] === 'apps' || parts[0] === 'packages') && parts.length >= 2) return `${parts[0]}/${parts[1]}`;
  if (parts[0] === 'scripts') return 'scripts';
  return null;
};

export default {
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
      ImportExpression: (n) => check(staticSource(n.source)),
      // require('…') and createRequire's require.resolve('…'), new URL('…', import.meta.url)
      CallExpression: (n) => {
        const callee = n.callee;
        const isRequire = callee.type === 'Identifier' && callee.name === 'require';
        const isResolve = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'require' && callee.property.name === 'resolve';
        if (isRequire || isResolve) check(staticSource(n.arguments[0]));
      },
      NewExpression: (n) => {
        const meta = n.arguments[1];
        const ofModule = meta?.type === 'MemberExpression' && meta.object.type === 'MetaProperty' && meta.property.name === 'url';
        if (n.callee.type === 'Identifier' && n.callee.name === 'URL' && ofModule) check(staticSource(n.arguments[0]));
      },
      TSImportType: (n) => check(n.argument?.literal ?? n.argument),
    };
  },
};
