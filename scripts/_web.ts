import { buildApp } from '../apps/api/src/index';
const site = await buildApp({ databasePath: '/tmp/nb/w.db', webRoot: '/tmp/nb/web' });
for (const u of ['/', '/rankings/2019', '/api/missing']) { console.log('--', u); const r = await site.inject(u); console.log(r.statusCode, r.body.slice(0, 50)); }
await site.close();
