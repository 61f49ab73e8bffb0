/** The domain words' one source: the year → template rule (formats.md) and the tables' names and sections. */
import { describe, expect, it } from 'vitest';
import { templateFor, templateOf } from './domain';
import { SECTIONS, TABLE_LABEL, TABLE_SECTION, TEMPLATES } from './templates';

describe('templateOf', () => {
  it.each([
    [2019, '2019'],
    [2020, '2019'],
    [2021, '2021'],
    [2025, '2021'],
    // an unknown year reads as the 2019 format, as the parser and the audit always have
    [null, '2019'],
    [undefined, '2019'],
  ] as const)('%s → %s', (year, template) => {
    expect(templateOf(year)).toBe(template);
  });
});

describe('templateFor', () => {
  it('takes the template detected from the tables, whatever the year', () => {
    expect(templateFor('2021', 2019)).toBe('2021');
    expect(templateFor('2019', 2023)).toBe('2019');
  });
  it("falls back to the year's template when detection failed", () => {
    expect(templateFor('unknown', 2023)).toBe('2021');
    expect(templateFor('unknown', null)).toBe('2019');
  });
});

describe('tables', () => {
  it('each sits in the template section named after it', () => {
    for (const t of TEMPLATES['2021'].tables) {
      const section = SECTIONS.find((s) => s.id === TABLE_SECTION[t.id])!;
      expect(section.title).toBe(t.title);
      expect(TABLE_LABEL[t.id]).toBe(`表${section.ordinal}`);
    }
  });
});
