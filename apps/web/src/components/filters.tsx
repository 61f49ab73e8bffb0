/** Filter controls shared by the pages: year, region tree, agency kind, grade. */
import { useMemo } from 'react';
import { Select, TreeSelect } from 'antd';
import { useRegions, useYears } from '../api/hooks';
import type { AgencyKind, Grade, RegionNode } from '../api/types';
import { GRADES, KIND_LABEL } from '../labels';
import { fmt } from '../format';

export function YearSelect({
  value,
  onChange,
  allowClear,
}: {
  value?: number;
  onChange: (y: number | undefined) => void;
  allowClear?: boolean;
}) {
  const years = useYears();
  return (
    <Select<number>
      aria-label="年度"
      style={{ width: 170 }}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      placeholder="年度"
      loading={years.isLoading}
      options={(years.data?.items ?? []).map((y) => ({
        value: y.year,
        label: `${y.year}年度（${fmt.count(y.reports)}）`,
      }))}
    />
  );
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}
const toTree = (nodes: RegionNode[]): TreeOption[] =>
  nodes.map((n) => ({
    value: n.code,
    title: `${n.name}（${fmt.count(n.agencies)}）`,
    children: toTree(n.children),
  }));

export function RegionSelect({
  value,
  onChange,
}: {
  value?: string;
  onChange: (code: string | undefined) => void;
}) {
  const regions = useRegions();
  const tree = useMemo(() => toTree(regions.data?.items ?? []), [regions.data]);
  return (
    <TreeSelect
      aria-label="地区"
      style={{ width: 220 }}
      value={value}
      onChange={(v: string | undefined) => onChange(v || undefined)}
      treeData={tree}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      placeholder="全部地区"
      loading={regions.isLoading}
      treeDefaultExpandAll={tree.length < 5}
      popupMatchSelectWidth={false}
    />
  );
}

export function KindSelect({
  value,
  onChange,
}: {
  value?: AgencyKind;
  onChange: (k: AgencyKind | undefined) => void;
}) {
  return (
    <Select<AgencyKind>
      aria-label="机关类型"
      style={{ width: 130 }}
      value={value}
      onChange={onChange}
      allowClear
      placeholder="机关类型"
      options={(Object.keys(KIND_LABEL) as AgencyKind[]).map((k) => ({ value: k, label: KIND_LABEL[k] }))}
    />
  );
}

export function GradeSelect({
  value,
  onChange,
}: {
  value?: Grade;
  onChange: (g: Grade | undefined) => void;
}) {
  return (
    <Select<Grade>
      aria-label="等次"
      style={{ width: 120 }}
      value={value}
      onChange={onChange}
      allowClear
      placeholder="等次"
      options={GRADES.map((g) => ({ value: g, label: g }))}
    />
  );
}
