/**
 * Mutants that no input can tell from the original (equivalent), or that no code of the repository
 * reaches, marked here rather than by `// Stryker disable` comments in the sources: a mark names one
 * mutator and one replacement on one line, so the killable mutants of the same line stay counted,
 * and it follows the line when edits move it (it is found by the line's text, not its number).
 *
 * `scripts/mutation.mjs` counts a Survived or NoCoverage mutant matching an entry as ignored
 * (`equivalent` in its --json), and warns about an entry that matched a killed mutant (then it was not
 * equivalent: remove it) or matched nothing (the line changed: check it again).
 *
 * Each entry: the file, the source line trimmed, the mutator and its replacement as Stryker reports
 * them ('*' for any), and the one-line reason.
 */
export const EQUIVALENT = [
  // packages/parser
  ...['ConditionalExpression:false', 'EqualityOperator:2 * Math.min(m, n) <= 0.5 * (m + n)', 'MethodExpression:Math.max(m, n)', 'ArithmeticOperator:0.5 / (m + n)', 'ArithmeticOperator:m - n'].map((k) => ({
    file: 'packages/parser/src/tables.ts',
    line: 'if (2 * Math.min(m, n) < 0.5 * (m + n)) return 0;',
    mutator: k.slice(0, k.indexOf(':')),
    replacement: k.slice(k.indexOf(':') + 1),
    reason: 'skips counting bigrams only for pairs whose Dice coefficient cannot reach 0.5 anyway (the next line returns 0 for them too)',
  })),
  {
    file: 'packages/parser/src/tables.ts',
    line: 'if (!keys) keysOf.set(row, (keys = row.columns.map((c) => `${row.key}.${c.key}`)));',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: 'a cache: rebuilding the keys each time gives the same keys',
  },
  ...['at <= from', 'at > to'].map((replacement) => ({
    file: 'packages/parser/src/rows.ts',
    line: 'if (at < from || at >= to) continue;',
    mutator: 'EqualityOperator',
    replacement,
    reason: 'a region starts and ends at a line start, and a grid cell never does: extract writes each cell after a tab (Layout.table)',
  })),
  {
    file: 'packages/parser/src/rows.ts',
    line: 'if (reach > line.start) continue;',
    mutator: 'EqualityOperator',
    replacement: 'reach >= line.start',
    reason: "a grid's span ends where its last cell ends, before a line break: no line starts there",
  },
  {
    file: 'packages/parser/src/align.ts',
    line: 'if (!t) {',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: "a cache: a row's target (its folded label and characters) built again is the same target",
  },
  {
    file: 'packages/parser/src/region.ts',
    line: 'for (let len = Math.min(12, i + 1); len >= 2; len--) {',
    mutator: 'MethodExpression',
    replacement: 'Math.max(12, i + 1)',
    reason: 'no place name is longer than 12 characters, so starting longer only costs time',
  },
  {
    file: 'packages/parser/src/normalize.ts',
    line: "return s.replace(/[\\s\\u3000\\u00a0\\ufeff]+/g, '');",
    mutator: '*',
    replacement: '*',
    reason: '`squeeze` has no caller anywhere in the repository (dead since the parser was written): no document reaches it',
  },
];

/**
 * Marks the report's Survived / NoCoverage mutants that `EQUIVALENT` lists as Ignored (in place).
 * Returns how many were marked, and the entries that matched a killed mutant or nothing.
 */
export function markEquivalent(report, entries = EQUIVALENT) {
  const used = new Set();
  const killed = new Set();
  let marked = 0;
  for (const [file, data] of Object.entries(report.files)) {
    const lines = (data.source ?? '').split('\n');
    for (const m of data.mutants) {
      const text = (lines[m.location.start.line - 1] ?? '').trim();
      const entry = entries.find(
        (e) =>
          e.file === file &&
          e.line === text &&
          (e.mutator === '*' || e.mutator === m.mutatorName) &&
          (e.replacement === '*' || e.replacement === m.replacement),
      );
      if (!entry) continue;
      used.add(entry);
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        m.status = 'Ignored';
        m.statusReason = `equivalent: ${entry.reason}`;
        marked++;
      } else if (m.status === 'Killed' || m.status === 'Timeout') killed.add(entry);
    }
  }
  return { marked, killed: [...killed], unused: entries.filter((e) => !used.has(e)) };
}
