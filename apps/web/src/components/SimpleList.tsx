import type { ReactNode } from 'react';
import { Empty } from 'antd';

/** A plain bordered list of rows (antd's List is deprecated in v6): main content left, extra right. */
export function SimpleList<T>({
  items,
  render,
  empty,
  rowKey,
}: {
  items: T[];
  render: (item: T) => { main: ReactNode; extra?: ReactNode };
  empty: string;
  rowKey: (item: T) => string | number;
}) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <div role="list">
      {items.map((item) => {
        const { main, extra } = render(item);
        return (
          <div
            role="listitem"
            key={rowKey(item)}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              padding: '8px 4px',
              borderBottom: '1px solid #f0f0f0',
            }}
          >
            <div style={{ flex: 1, minWidth: 0 }}>{main}</div>
            {extra !== undefined ? <div style={{ flex: 'none' }}>{extra}</div> : null}
          </div>
        );
      })}
    </div>
  );
}
