/**
 * The report's normalised text, which every finding and cell span points into. Every finding with a
 * span is underlined (click to select it); the selected finding's span and its cells' spans are
 * highlighted and scrolled into view inside the panel.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { Span } from '@nianbao/model';

export interface SourceMark {
  span: Span;
  kind: 'finding' | 'cell';
  /** Index of the finding, for a click on an underline. */
  finding?: number;
  active?: boolean;
}

interface Segment {
  start: number;
  end: number;
  marks: SourceMark[];
}

function segments(length: number, marks: SourceMark[]): Segment[] {
  const valid = marks.filter((m) => m.span[0] < m.span[1] && m.span[0] >= 0 && m.span[0] < length);
  const cuts = new Set([0, length]);
  for (const m of valid) {
    cuts.add(m.span[0]);
    cuts.add(Math.min(m.span[1], length));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    out.push({ start, end, marks: valid.filter((m) => m.span[0] <= start && m.span[1] >= end) });
  }
  return out;
}

export function SourceText({
  text,
  marks,
  onSelectFinding,
  scrollKey,
}: {
  text: string;
  marks: SourceMark[];
  onSelectFinding?: (index: number) => void;
  /** Changes whenever the selection changes, to scroll the first active mark into view. */
  scrollKey?: string | number | null;
}) {
  const container = useRef<HTMLDivElement>(null);
  const parts = useMemo(() => segments(text.length, marks), [text, marks]);

  useEffect(() => {
    const box = container.current;
    const target = box?.querySelector<HTMLElement>('.src-active');
    if (!box || !target) return;
    // scroll only the panel, never the page
    const top = target.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3), behavior: 'smooth' });
  }, [scrollKey, parts]);

  return (
    <div ref={container} data-testid="source" style={{ height: '100%', overflow: 'auto' }}>
      <pre className="source-text">
        {parts.map((p) => {
          const chunk = text.slice(p.start, p.end);
          if (!p.marks.length) return chunk;
          const active = p.marks.some((m) => m.active);
          const cell = p.marks.some((m) => m.kind === 'cell');
          const finding = p.marks.find((m) => m.kind === 'finding' && m.finding !== undefined);
          const cls = [
            finding ? 'src-finding' : '',
            cell && active ? 'src-cell' : '',
            active ? 'src-active' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <mark
              key={p.start}
              className={cls}
              style={{ background: active ? undefined : 'transparent', color: 'inherit', padding: 0 }}
              data-start={p.start}
              onClick={finding && onSelectFinding ? () => onSelectFinding(finding.finding!) : undefined}
            >
              {chunk}
            </mark>
          );
        })}
      </pre>
    </div>
  );
}
