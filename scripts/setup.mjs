// Installs the workspace with pnpm 10 (fetched through npx, since corepack is not always usable).
// Runs before `npm start` and `npm test` so that a machine with only Node and npm is enough.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['-y', 'pnpm@10', 'install', '--reporter=append-only'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, npm_config_update_notifier: 'false' },
});
if (r.status !== 0) {
  console.error('依赖安装失败 (pnpm install failed); see the output above.');
  process.exit(r.status ?? 1);
}
