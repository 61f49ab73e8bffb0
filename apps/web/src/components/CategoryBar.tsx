/** One category's points against its weight: name, 「得分 / 满分（扣 n）」 and a bar in the category's colour. */
import type { ReactNode } from 'react';
import { Progress, Typography } from 'antd';
import type { Category } from '../api/types';
import { fmt } from '../format';
import { CATEGORY_COLOR, CATEGORY_LABEL } from '../labels';

export function CategoryBar({
  category,
  got,
  weight,
  children,
}: {
  category: Category;
  got: number;
  weight: number;
  children?: ReactNode;
}) {
  const lost = Math.max(0, weight - got);
  return (
    <div data-testid={`category-${category}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Text strong>{CATEGORY_LABEL[category]}</Typography.Text>
        <span className="num">
          {fmt.score(got)} / {fmt.count(weight)}
          {lost > 0.05 ? <Typography.Text type="danger">（扣 {fmt.lost(lost)}）</Typography.Text> : null}
        </span>
      </div>
      <Progress
        percent={weight ? (got / weight) * 100 : 100}
        showInfo={false}
        strokeColor={CATEGORY_COLOR[category]}
        size="small"
      />
      {children}
    </div>
  );
}
