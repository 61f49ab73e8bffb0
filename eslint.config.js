import tseslint from 'typescript-eslint';
import noCrossPackagePath from './eslint/no-cross-package-path.js';

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
