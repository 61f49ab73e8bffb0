/**
 * A report's `sections` as stored: a version byte, then the JSON deflated with a preset dictionary
 * (version 1); or, in rows written before, the JSON itself, whose first byte `{` is no version. Six small objects repeat the same keys and headings in every report,
 * so the dictionary lets deflate refer to them from the first byte (≈ 1 KB of JSON → ≈ 0.1–0.2 KB).
 * Rows written before this (SQLite text holding the JSON) still read: they are decoded by type.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ParsedReport } from '@nianbao/model';
import { sectionsOf } from './json';

type Sections = ParsedReport['sections'];

const DEFLATED = 1;
/** The first byte of JSON text: a row written before, read by drizzle as its UTF-8 bytes, or converted to bytea. */
const PLAIN = '{'.charCodeAt(0);

/**
 * Never edit: version 1 rows are inflated with exactly these bytes (a new dictionary is a new version).
 * The keys and headings of the six sections, the most frequent last (deflate reaches back from the end).
 */
const DICTIONARY = Buffer.from(
  [
    '需要说明的其他事项', '基本情况', '总体概况', '概述', '政府信息公开工作', '年度报告',
    '"numbering":"arabic"', '"numbering":"none"', '"present":false,"heading":null,"numbering":null,"span":null',
    '"s6":{"present":true,"heading":"六、其他需要报告的事项","numbering":"chinese","span":[',
    '],"ordinal":"六","title":"其他需要报告的事项"}}',
    '"s5":{"present":true,"heading":"五、存在的主要问题及改进情况","numbering":"chinese","span":[',
    '],"ordinal":"五","title":"存在的主要问题及改进情况"},',
    '"s4":{"present":true,"heading":"四、政府信息公开行政复议、行政诉讼情况","numbering":"chinese","span":[',
    '],"ordinal":"四","title":"政府信息公开行政复议、行政诉讼情况"},',
    '"s3":{"present":true,"heading":"三、收到和处理政府信息公开申请情况","numbering":"chinese","span":[',
    '],"ordinal":"三","title":"收到和处理政府信息公开申请情况"},',
    '"s2":{"present":true,"heading":"二、主动公开政府信息情况","numbering":"chinese","span":[',
    '],"ordinal":"二","title":"主动公开政府信息情况"},',
    '{"s1":{"present":true,"heading":"一、总体情况","numbering":"chinese","span":[',
    '],"ordinal":"一","title":"总体情况"},',
  ].join(''),
);

/** A 4 KB window holds the dictionary (≈ 1.5 KB): smaller zlib state halves the time per report (≈ 0.2 → 0.1 ms). */
const WINDOW = { windowBits: 12 } as const;

/** The stored form of `sections`. */
export function encodeSections(sections: Sections): Buffer {
  const deflated = deflateRawSync(JSON.stringify(sections), { ...WINDOW, dictionary: DICTIONARY, level: 9, memLevel: 2 });
  return Buffer.concat([Buffer.of(DEFLATED), deflated]);
}

/** `sections` read back from any stored form: JSON text (rows written before), or a version byte and its payload. */
export function decodeSections(stored: Buffer | string): Sections {
  if (typeof stored === 'string') return sectionsOf(stored);
  switch (stored[0]) {
    case PLAIN:
      return sectionsOf(stored.toString('utf8'));
    case DEFLATED:
      return sectionsOf(inflateRawSync(stored.subarray(1), { ...WINDOW, dictionary: DICTIONARY }).toString('utf8'));
    default:
      throw new Error(`sections stored with unknown version ${stored[0]}`);
  }
}
