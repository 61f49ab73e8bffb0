/**
 * Generated files (exports, notices, the 通报) sent as downloads.
 */
import type { FastifyReply } from 'fastify';

/** An attachment header that survives Chinese file names (RFC 6266 / 5987). */
export function contentDisposition(name: string, asciiName?: string): string {
  const ascii = (asciiName ?? name).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends a generated file as an attachment (outside the route's JSON response type). */
export function sendFile(reply: { type(t: string): unknown }, type: string, disposition: string, bytes: Buffer) {
  const r = reply as unknown as FastifyReply;
  return r.type(type).header('content-disposition', disposition).send(bytes);
}
