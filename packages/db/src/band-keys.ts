/**
 * LSH band keys as the store keeps them: the audit's `band:hash` (hash a 32-bit unsigned integer in
 * base 36) folded into one integer, band × 2³² + hash (< 2⁵³: exact as a JS number, a SQLite integer,
 * a PostgreSQL bigint). An integer key is 6 bytes in the b-tree where the text was ≈ 9 and compares
 * faster; peers are looked up by (year, band).
 */
const HASHES = 2 ** 32;

export function bandOf(key: string): number {
  const colon = key.indexOf(':');
  const band = Number(key.slice(0, colon));
  const hash = parseInt(key.slice(colon + 1), 36);
  if (!Number.isInteger(band) || band < 0 || !(hash >= 0 && hash < HASHES))
    throw new Error(`band key: ${key}`);
  return band * HASHES + hash;
}
