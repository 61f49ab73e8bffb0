import { isAbsolute, resolve } from 'node:path';

/**
 * A path as the user typed it: `npm start` and `pnpm run cli` run in the repository root, and
 * remember the directory they were called from in INIT_CWD.
 */
export function fromUserDir(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD || process.cwd(), path);
}

/** Reports per second, with a decimal under ten (a PDF takes seconds). */
export function rateOf(done: number, seconds: number): string {
  if (seconds <= 0 || done === 0) return '—';
  const rate = done / seconds;
  return rate < 10 ? rate.toFixed(1) : String(Math.round(rate));
}

/** The time left at the rate so far: 「40秒」「3分钟」「1.5小时」; nothing before there is a rate or after the end. */
export function etaOf(done: number, total: number, seconds: number): string {
  if (done === 0 || done >= total || seconds <= 0) return '';
  const left = ((total - done) * seconds) / done;
  if (left < 60) return `${Math.max(1, Math.round(left))}秒`;
  if (left < 3600) return `${Math.round(left / 60)}分钟`;
  return `${(left / 3600).toFixed(1)}小时`;
}

/** A one-line progress bar on stderr (redrawn in place on a terminal, a line per tenth otherwise). */
export class Progress {
  private last = -1;
  private readonly tty = !!process.stderr.isTTY;
  private readonly started = Date.now();

  constructor(
    private total: number,
    private readonly label = '',
  ) {}

  setTotal(total: number) {
    this.total = total;
  }

  update(done: number, detail = '') {
    const total = Math.max(this.total, done, 1);
    const ratio = done / total;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = rateOf(done, seconds);
    const eta = etaOf(done, total, seconds);
    if (this.tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      const head = `${this.label}[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${String(Math.round(ratio * 100)).padStart(3)}%  ${rate} 份/秒  ${eta ? `剩余约${eta}  ` : ''}`;
      // one line, never wider than the terminal (a wrapped line would not be redrawn in place)
      const room = (process.stderr.columns || 80) - 1 - displayWidth(head);
      process.stderr.write(`\r\x1b[K${head}${tail(detail, room)}`);
    } else {
      const tenth = Math.floor(ratio * 10);
      if (tenth !== this.last) {
        this.last = tenth;
        process.stderr.write(`${this.label}${done}/${total}（${Math.round(ratio * 100)}%，${rate} 份/秒${eta ? `，剩余约${eta}` : ''}）\n`);
      }
    }
  }

  done() {
    if (this.tty) process.stderr.write('\n');
  }
}

/** Terminal columns of a string: Chinese characters take two. */
export const displayWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) && !/[█░…]/.test(ch) ? 2 : 1), 0);

/** The end of a string in at most `room` columns (a file name's end says the most). */
function tail(s: string, room: number): string {
  if (room <= 1) return '';
  if (displayWidth(s) <= room) return s;
  const chars = [...s];
  let out = '';
  let w = 1;
  for (let i = chars.length - 1; i >= 0 && w + displayWidth(chars[i]!) <= room; i--) {
    out = chars[i]! + out;
    w += displayWidth(chars[i]!);
  }
  return '…' + out;
}

/** A plain text table whose columns line up with Chinese characters (two columns wide each). */
export function table(rows: (string | number)[][]): string {
  const width = displayWidth;
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  return cells.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd()).join('\n');
}
