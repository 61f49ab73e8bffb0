/**
 * Helpers for the API's tests only.
 */
import type { FastifyInstance } from 'fastify';
import type { Role } from '@nianbao/db';
import { deflateSync } from 'fflate';
import { writeZip } from '@nianbao/extract/testing/zip-writer';
import { crc32 } from '@nianbao/extract/zip';

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

/** A zip of `n` entries of `size` bytes each, compressible about 100:1 (under the ratio rule), built fast. */
export function compressibleZip(n: number, size: number, ext = '.txt'): Uint8Array {
  const data = new Uint8Array(size);
  let x = 7;
  for (let i = 0; i < size; i += 65536)
    for (let k = 0; k < 500; k++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      data[i + k] = x >>> 16;
    }
  const deflated = { body: deflateSync(data), crc: crc32(data), size };
  return writeZip(Array.from({ length: n }, (_, i) => ({ name: `report-${i}${ext}`, deflated })));
}

