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
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    if (this.tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      const name = detail.length > 40 ? '…' + detail.slice(-39) : detail;
      process.stderr.write(
        `\r\x1b[K${this.label}[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${String(Math.round(ratio * 100)).padStart(3)}%  ${rate} 份/秒  ${name}`,
      );
    } else {
      const tenth = Math.floor(ratio * 10);
      if (tenth !== this.last) {
        this.last = tenth;
        process.stderr.write(`${this.label}${done}/${total}（${Math.round(ratio * 100)}%，${rate} 份/秒）\n`);
      }
    }
  }

  done() {
    if (this.tty) process.stderr.write('\n');
  }
}

/** A plain text table whose columns line up with Chinese characters (two columns wide each). */
export function table(rows: (string | number)[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  return cells.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd()).join('\n');
}
