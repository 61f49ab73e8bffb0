/**
 * The one number and date formatter of the dashboard. Everything shown as a figure goes through
 * here, so a score reads the same in a table, a card, a chart tooltip and an export preview.
 */
const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });

const DASH = '—';
const ok = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

export const fmt = {
  /** A count: 1,234. */
  count: (n: number | null | undefined) => (ok(n) ? integer.format(n) : DASH),
  /** A figure from a report cell, as precise as written (9.885 万元 stays 9.885). */
  figure: (n: number | null | undefined) =>
    ok(n) ? new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 }).format(n) : DASH,
  /** A score or points: one decimal, always (87.5, 100.0), so columns line up. */
  score: (n: number | null | undefined) => (ok(n) ? oneDecimal.format(n) : DASH),
  /** Points in the rubric's words: 3 分, 0.5 分. */
  points: (n: number | null | undefined) => (ok(n) ? `${decimal.format(n)} 分` : DASH),
  /** Points lost, to the score's precision: −3.5 (a minus sign, not a hyphen). */
  loss: (n: number | null | undefined) =>
    ok(n) ? (n === 0 ? '0' : `−${oneDecimal.format(Math.abs(n))}`) : DASH,
  /** Points lost without the sign, for 「扣 3.5 分」. */
  lost: (n: number | null | undefined) => (ok(n) ? oneDecimal.format(Math.abs(n)) : DASH),
  /** A signed change: +3.5 / −2.0 / 0.0. */
  change: (n: number | null | undefined) =>
    ok(n)
      ? n > 0
        ? `+${oneDecimal.format(n)}`
        : n < 0
          ? `−${oneDecimal.format(-n)}`
          : oneDecimal.format(0)
      : DASH,
  /** A share 0–1 as 12.5%. */
  percent: (n: number | null | undefined) => (ok(n) ? percent.format(n) : DASH),
  /** A byte size: 12.3 KB. */
  bytes: (n: number | null | undefined) =>
    !ok(n)
      ? DASH
      : n < 1024
        ? `${n} B`
        : n < 1024 * 1024
          ? `${decimal.format(n / 1024)} KB`
          : `${decimal.format(n / 1024 / 1024)} MB`,
  /** An ISO date as 2020年1月15日. */
  date: (iso: string | null | undefined) => {
    if (!iso) return DASH;
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
  },
  /** An ISO timestamp as 2025-01-10 16:00 in local time. */
  dateTime: (iso: string | null | undefined) => {
    if (!iso) return DASH;
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const p = (x: number) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  },
  year: (y: number | null | undefined) => (ok(y) ? `${y}年` : DASH),
};
