/**
 * Text normalised for the parser (issue 20, scripts/MUTATION.md): a byte-order mark is dropped only
 * where it is one, at the start; U+FEFF inside a line (a zero-width no-break space pasted from a web
 * page) is text; a `pdftotext -layout` row whose blank cells are printed 「—」 is no page number.
 */
import { describe, expect, it } from 'vitest';
import { normaliseText } from './decode';

describe('normaliseText', () => {
  it('drops a leading byte-order mark, keeps U+FEFF inside the text', () => {
    expect(normaliseText('\ufeff一、总体情况\r\n本机关\ufeff认真贯彻落实《条例》。\r\n')).toBe(
      '一、总体情况\n本机关\ufeff认真贯彻落实《条例》。\n',
    );
    expect(normaliseText('本机关\ufeff认真贯彻落实《条例》。\n')).toBe(
      '本机关\ufeff认真贯彻落实《条例》。\n',
    );
  });

  it('drops page-number lines, not a layout row whose blank cells are dashes', () => {
    const text = '行政许可       —       12       —\n- 3 -\n行政处罚       3        —       —\n— 14 —\n';
    expect(normaliseText(text)).toBe(
      '行政许可       —       12       —\n行政处罚       3        —       —\n',
    );
  });
});
