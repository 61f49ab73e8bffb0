/**
 * The passages two reports' narratives share, for the copied-text comparison: every stretch of one
 * text whose every K characters also occur in the other, white space aside and figures alike (a copy
 * with the year and the numbers changed is a copy), at least MIN_RUN characters long.
 */

const K = 10;
const MIN_RUN = 16;

/** A text without white space, its figures as 0 (a copy with the year and numbers changed is a copy), and where each character came from. */
function normalise(s: string): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (/[\s\u3000]/.test(c)) continue;
    text += /[0-9０-９]/.test(c) ? '0' : c;
    at.push(i);
  }
  return { text, at };
}

/** A stretch of a text, [start, end). */
export type Run = [number, number];

/** The stretches of `a` (in its own offsets) whose every K characters also occur in `b`. */
function sharedRuns(a: ReturnType<typeof normalise>, grams: Set<string>): { runs: Run[]; covered: number } {
  const n = a.text.length;
  const mark = new Uint8Array(n);
  for (let i = 0; i + K <= n; i++) if (grams.has(a.text.slice(i, i + K))) mark.fill(1, i, i + K);
  const runs: Run[] = [];
  let covered = 0;
  for (let i = 0; i < n; ) {
    if (!mark[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && mark[j]) j++;
    if (j - i >= MIN_RUN) {
      runs.push([a.at[i]!, a.at[j - 1]! + 1]);
      covered += j - i;
    }
    i = j;
  }
  return { runs, covered };
}

const gramsOf = (s: string) => {
  const set = new Set<string>();
  for (let i = 0; i + K <= s.length; i++) set.add(s.slice(i, i + K));
  return set;
};

/** The passages two texts share, marked in each, and the share of each text they make up. */
export function sharedPassages(a: string, b: string): { a: Run[]; b: Run[]; shareA: number; shareB: number } {
  const na = normalise(a);
  const nb = normalise(b);
  const ra = sharedRuns(na, gramsOf(nb.text));
  const rb = sharedRuns(nb, gramsOf(na.text));
  return {
    a: ra.runs,
    b: rb.runs,
    shareA: na.text.length ? ra.covered / na.text.length : 0,
    shareB: nb.text.length ? rb.covered / nb.text.length : 0,
  };
}

