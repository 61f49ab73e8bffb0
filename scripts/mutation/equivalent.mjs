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
 * them ('*' for any), the one-line reason, and where a line has several such mutants of which only one
 * is equivalent, the `column` (and `endColumn`) where the mutated expression starts (ends), as Stryker
 * reports them.
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

  ...['a <= span[1]', 'b >= span[0]'].map((replacement) => ({
    file: 'packages/parser/src/index.ts',
    line: 'if (!span || !spans.some(([a, b]) => a < span[1] && b > span[0])) continue;',
    mutator: 'EqualityOperator',
    replacement,
    reason: "OCR lists a grid cell's span as uncertain, and the layout writes each cell after a tab: no uncertain span starts where a cell's ends or ends where one starts",
  })),
  ...[
    ['MethodExpression', 'placed'],
    ['ArrowFunction', '() => undefined'],
    ['ArithmeticOperator', 'a.span[0] + b.span[0]'],
  ].map(([mutator, replacement]) => ({
    file: 'packages/parser/src/positions.ts',
    line: 'placed.sort((a, b) => a.span[0] - b.span[0]);',
    mutator,
    replacement,
    reason: 'cells have positions only from the PDF and OCR layout, which writes its tables in text order: the list is already sorted, and these orders leave a sorted list as it is',
  })),
  {
    file: 'packages/parser/src/tables.ts',
    line: "return { values, missing: row.grid ? 'absent' : 'blank' };",
    mutator: 'StringLiteral',
    replacement: '""',
    column: 42,
    reason: "put() writes blanks only for 'blank': 'absent' and '' both leave the missing cells out",
  },
  ...[
    ['StringLiteral', '"Stryker was here!"'],
    ['BooleanLiteral', 'false'],
  ].map(([mutator, replacement]) => ({
    file: 'packages/parser/src/tables.ts',
    line: "return { row: read, token: { label: '', value: false, noise: true } };",
    mutator,
    replacement,
    reason: "a noise token's label is never read; an empty label without figures, noise or not, forms no group of its own (fit 0) and adds nothing to one",
  })),

  // packages/audit
  ...['nl <= 0', 'nl >= section.span[1]'].map((replacement) => ({
    file: 'packages/audit/src/helpers.ts',
    line: 'const end = nl < 0 || nl > section.span[1] ? section.span[1] : nl;',
    mutator: 'EqualityOperator',
    replacement,
    reason: 'a heading line is never empty: no line break sits at its start, nor at the start of the next section',
  })),
  {
    file: 'packages/audit/src/helpers.ts',
    line: 'if (c.state === \'value\') sum += c.value!;',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: 'a cell that is not a value has value null (parser/numbers.ts), and a number plus null is the number',
  },
  {
    file: 'packages/audit/src/engine.ts',
    line: 'if (!cells.length) return false;',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: 'a shortcut: with no cells the two `cells.some` below are false as well',
  },
  {
    file: 'packages/audit/src/similarity.ts',
    line: 'if (v < mins[bin]!) mins[bin] = v;',
    mutator: 'EqualityOperator',
    replacement: 'v <= mins[bin]!',
    reason: 'setting a minimum to the value it already has changes nothing',
  },
  {
    file: 'packages/audit/src/narrative.ts',
    line: 'while (next < text.length && isSpace(text.charCodeAt(next)) && text.charCodeAt(next) !== 0x0a) next++;',
    mutator: 'EqualityOperator',
    replacement: 'next <= text.length',
    reason: 'past the end charCodeAt gives NaN, which is not a space: the loop stops there anyway',
    // `next < text.length` forced true was marked too until the 2026-12-04 run killed it (a test reaches the text's end)
    column: 14,
    endColumn: 32,
  },
  {
    file: 'packages/audit/src/narrative.ts',
    line: "const hasSuit = s.includes('行政诉讼');",
    mutator: 'StringLiteral',
    replacement: '""',
    reason: 'every 行政诉讼 pattern (P_SUIT_A/B) contains 行政诉讼 itself: a sentence without it yields no figure either way',
  },
  {
    file: 'packages/audit/src/rules/history.in-force.ts',
    line: "if (!prev || ctx.version !== '2021' || prev.template !== '2021') return;",
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: "(the `ctx.version` guard) a report of the 2019 layout has none of the cells compared (they are absent): no finding either way",
    column: 18,
  },
  {
    file: 'packages/audit/src/rules/history.item-count.ts',
    line: "if (!prev || ctx.version !== '2019' || prev.template !== '2019') return;",
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: "(the `ctx.version` guard) a report of the 2021 layout has none of the cells compared (they are absent): no finding either way",
    column: 18,
  },
  {
    file: 'packages/audit/src/rules/narrative.fee-unreported.ts',
    line: 'if (!s6?.present) return;',
    mutator: 'OptionalChaining',
    replacement: 's6.present',
    reason: 'a parsed report has an entry for each of the six sections, present or not',
  },
  {
    file: 'packages/audit/src/rules/originality.copied-from-last-year.ts',
    line: 'span: ctx.parsed.sections.s1?.span ?? null,',
    mutator: 'OptionalChaining',
    replacement: 'ctx.parsed.sections.s1.span',
    reason: 'a parsed report has an entry for each of the six sections, present or not',
  },
  ...[
    ['LogicalOperator', 'ctx.parsed.sections[d.id]?.present || ctx.parsed.sections[d.id]!.span'],
    ['OptionalChaining', 'ctx.parsed.sections[d.id].present'],
  ].map(([mutator, replacement]) => ({
    file: 'packages/audit/src/rules/structure.section-order.ts',
    line: 'const present = SECTIONS.filter((d) => ctx.parsed.sections[d.id]?.present && ctx.parsed.sections[d.id]!.span);',
    mutator,
    replacement,
    reason: 'every section has an entry, and a section has a span exactly when it is present',
  })),

  // packages/extract
  ...['/h[1-3]$/', '/^h[1-3]/'].map((replacement) => ({
    file: 'packages/extract/src/html.ts',
    line: "const titled = /^h[1-3]$/.test(el.name) || /title/i.test(`${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`);",
    mutator: 'Regex',
    replacement,
    reason: 'no HTML element name ends in h1-h3 or starts with them but h1, h2, h3 themselves',
  })),
  {
    file: 'packages/extract/src/html.ts',
    line: "const titled = /^h[1-3]$/.test(el.name) || /title/i.test(`${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`);",
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    reason: "the default of a missing class or id: 「Stryker was here!」 holds no 「title」 either",
  },
  {
    file: 'packages/extract/src/html.ts',
    line: 'return Number.isFinite(n) && n > 1 ? Math.min(n, 1000) : 1;',
    mutator: 'EqualityOperator',
    replacement: 'n >= 1',
    reason: 'a span of 1 is 1 by either branch',
  },
  {
    file: 'packages/extract/src/docx.ts',
    line: "return vanish !== undefined && !['0', 'false', 'off'].includes(attr(vanish, 'val') ?? '');",
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    reason: "the default of a missing w:val: neither '' nor 「Stryker was here!」 is one of 0, false, off",
  },
  {
    file: 'packages/extract/src/docx.ts',
    line: "abstractId: attr(child(a, 'abstractNumId'), 'val') ?? '',",
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    reason: 'a numbering without abstractNumId names no abstract numbering by either default',
  },
  // packages/extract/src/ocr and the rest of extract (2026-12-04)
  ...[
    ['ConditionalExpression', 'true'],
    ['EqualityOperator', 'r.y0 > o.y0'],
  ].map(([mutator, replacement]) => ({
    file: 'packages/extract/src/ocr/raster.ts',
    line: 'const m = merged.find((o) => r.y0 <= o.y1 + 1 && r.y0 >= o.y0 && r.x0 < o.x1 && r.x1 > o.x0);',
    mutator,
    replacement,
    column: 56,
    reason: 'runs come sorted by row, so a merged line never starts below r, and runs of one row never overlap',
  })),
  {
    file: 'packages/extract/src/ocr/raster.ts',
    line: 'for (let y = 0; y < h; y++) {',
    mutator: 'EqualityOperator',
    replacement: 'y <= h',
    reason: 'the row past the last is past the arrays: it reads no ink and no wall, and smears nothing',
  },
  {
    file: 'packages/extract/src/ocr/raster.ts',
    line: 'for (let i = 0; i < smear.length; i++) {',
    mutator: 'EqualityOperator',
    replacement: 'i <= smear.length',
    reason: 'smear[smear.length] is undefined: the extra step is skipped at once',
  },
  {
    file: 'packages/extract/src/ocr/raster.ts',
    line: 'if (y + 1 > box.y1) box.y1 = y + 1;',
    mutator: 'EqualityOperator',
    replacement: 'y + 1 >= box.y1',
    reason: 'on equality it assigns the value the box already has',
  },
  {
    file: 'packages/extract/src/ocr/raster.ts',
    line: 'boxes.push(inked ? box : { x0: 0, y0: 0, x1: 0, y1: 0 });',
    mutator: 'ObjectLiteral',
    replacement: '{}',
    reason: 'smearing fills only between inked pixels, so every component holds ink; and an empty box is filtered out either way',
  },
  ...['for (let p = 0, i = 0, o = 0; p < n; p++, i += img.channels, o += colour) {', 'for (let p = 0; p < n; p++) {'].map((line) => ({
    file: 'packages/extract/src/ocr/image.ts',
    line,
    mutator: 'EqualityOperator',
    replacement: 'p <= n',
    reason: 'the pixel past the last is written past the end of a typed array, which drops the write',
  })),
  {
    file: 'packages/extract/src/decode.ts',
    line: 'if (!common) {',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: 'a cache: the table of common characters built again is the same table',
  },
  ...[
    ['MethodExpression', 'elements(a)'],
    ['ConditionalExpression', 'true'],
  ].map(([mutator, replacement]) => ({
    file: 'packages/extract/src/docx.ts',
    line: "for (const o of elements(a).filter((e) => e.name === 'lvlOverride')) {",
    mutator,
    replacement,
    reason: "a w:num's only other child, w:abstractNumId, has no startOverride: it adds no start either way",
  })),
  {
    file: 'packages/extract/src/html.ts',
    line: "'hidden' in el.attrs || (el.attrs.style !== undefined && HIDDEN_STYLE.test(el.attrs.style));",
    mutator: 'ConditionalExpression',
    replacement: 'true',
    column: 28,
    reason: 'without a style the pattern tests the string 「undefined」, which holds neither display:none nor visibility:hidden',
  },
  ...[
    ['LogicalOperator', 'images.find(p => p.page === n)?.widthPt && 595.28'],
    ['ArrowFunction', '() => undefined'],
    ['ConditionalExpression', 'true'],
    ['ConditionalExpression', 'false'],
    ['EqualityOperator', 'p.page !== n'],
  ].map(([mutator, replacement]) => ({
    file: 'packages/extract/src/ocr/index.ts',
    line: 'const widthPt = images.find((p) => p.page === n)?.widthPt ?? 595.28;',
    mutator,
    replacement,
    reason: 'the width sizes only a page with neither text nor a scan, which has no boxes and no rules: nothing of it reaches the Document',
  })),
  {
    file: 'packages/extract/src/index.ts',
    line: ".replace(/^\\ufeff/, '')",
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    reason: 'TextDecoder has already dropped a BOM: the pattern never matches',
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
          (e.replacement === '*' || e.replacement === m.replacement) &&
          (e.column === undefined || e.column === m.location.start.column) &&
          (e.endColumn === undefined || e.endColumn === m.location.end.column),
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
