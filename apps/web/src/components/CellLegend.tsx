import { LEGEND } from './cellStyle';

/** The one legend of cell states and overlays, drawn with the same classes as the tables. */
export function CellLegend() {
  return (
    <div className="legend" role="list" aria-label="单元格图例">
      {LEGEND.map((e) => (
        <span className="legend-item" role="listitem" key={e.className}>
          <span className={`legend-swatch ${e.className}`}>{e.sample}</span>
          {e.label}
        </span>
      ))}
    </div>
  );
}
