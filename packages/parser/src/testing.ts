import type { Cell, ParsedReport } from '@nianbao/model';

/**
 * A compact, exact rendering of a report's cells, one line per table row, for tests and eyeballing:
 * a value as its number (`9.885[元]` with a unit, `22{(note)}` with a note), `_` blank, `ø` absent,
 * `<dash:—>` and `<text:…>` with their raw text.
 */
export function cellRows(cells: Record<string, Cell>): Record<string, string> {
  const rows: Record<string, string[]> = {};
  for (const [key, c] of Object.entries(cells)) {
    const row = key.slice(0, key.lastIndexOf('.'));
    const shown =
      c.state === 'value'
        ? `${c.value}${c.unit ? `[${c.unit}]` : ''}${c.note ? `{${c.note}}` : ''}`
        : c.state === 'blank'
          ? '_'
          : c.state === 'absent'
            ? 'ø'
            : `<${c.state}:${c.raw.trim()}>`;
    (rows[row] ??= []).push(shown);
  }
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.join(' ')]));
}

/** What the parser tests pin down for a real document: metadata, sections and every cell. */
export function expectedOf(r: ParsedReport) {
  return {
    agency: r.agency,
    year: r.year,
    template: r.template,
    publishedOn: r.publishedOn,
    sections: Object.fromEntries(
      Object.entries(r.sections).map(([k, s]) => [k, s.present ? `${s.numbering} ${s.heading}` : null]),
    ),
    rows: cellRows(r.cells),
  };
}
