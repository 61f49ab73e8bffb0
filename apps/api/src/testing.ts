/**
 * Helpers for the API's tests only.
 */
import type { FastifyInstance } from 'fastify';
import type { Role } from '@nianbao/db';

/** A multipart/form-data body as a browser sends it: the form fields, then each file as `files`. */
export function form(files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}) {
  const boundary = '----nianbao' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * A built app listening on 127.0.0.1 (a free port), with an account of `role` logged in: its base
 * URL and session cookie, for tests that go through a real socket.
 */
export async function listeningAs(app: FastifyInstance, username: string, role: Role): Promise<{ base: string; cookie: string }> {
  const password = `${username} test passphrase`;
  await app.accounts.create({ username, password, role });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`);
  return { base, cookie: login.headers.get('set-cookie')!.split(';')[0]! };
}
