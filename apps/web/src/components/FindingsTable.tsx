/**
 * The table of a findings list (the 问题清单 and the 读取待核对): one row per finding with its
 * agency and report first, the reviewer's row selection, pages in the URL, and the empty state —
 * `done` when nothing is left to do, else "nothing matches" with a reset of the filters.
 */
import type { ReactNode } from 'react';
import { Table, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UseQueryResult } from '@tanstack/react-query';
import type { FindingListItem, FindingsResponse } from '../api/types';
import { FindingReport } from './bits';
import { ErrorState, NoMatch } from './PageState';
import { fmt } from '../format';
import type { useUrlFilters } from '../useUrlFilters';

export const findingRowKey = (f: FindingListItem) => `${f.reportId}|${f.fingerprint ?? f.message}`;

export function FindingsTable({
  findings,
  filters,
  review,
  done,
  unit,
  columns,
}: {
  findings: UseQueryResult<FindingsResponse>;
  filters: ReturnType<typeof useUrlFilters>;
  /** the reviewer's selection; null when the user may not review */
  review: {
    selected: string[];
    setSelected: (keys: string[]) => void;
    closed?: (f: FindingListItem) => boolean;
  } | null;
  /** the empty state when no filter narrows the list (nothing left to do); null: a filter narrows it */
  done: ReactNode | null;
  /** the counting word of the total (个 problems, 份 reports) */
  unit: string;
  /** the columns after the agency's */
  columns: ColumnsType<FindingListItem>;
}) {
  if (findings.isError) return <ErrorState error={findings.error} onRetry={() => findings.refetch()} />;
  return (
    <Table<FindingListItem>
      rowKey={findingRowKey}
      size="small"
      loading={findings.isFetching}
      dataSource={findings.data?.items ?? []}
      rowSelection={review ? reviewSelection(review) : undefined}
      locale={{
        emptyText: findings.isLoading ? (
          ' '
        ) : done ? (
          <NoMatch>{done}</NoMatch>
        ) : (
          <NoMatch onReset={filters.reset} />
        ),
      }}
      pagination={{
        ...filters.pagination,
        total: findings.data?.total ?? 0,
        showTotal: (t) => `共 ${fmt.count(t)} ${unit}`,
      }}
      columns={[
        { title: '机关', key: 'agency', width: 230, render: (_: unknown, f) => <FindingReport f={f} /> },
        ...columns,
      ]}
    />
  );
}

/**
 * The row selection whose chosen findings go to the page's BulkReasonDialog: a finding without a
 * fingerprint (or, where `closed` says so, one already decided) cannot be chosen.
 */
function reviewSelection({
  selected,
  setSelected,
  closed = () => false,
}: NonNullable<Parameters<typeof FindingsTable>[0]['review']>): TableProps<FindingListItem>['rowSelection'] {
  return {
    selectedRowKeys: selected,
    onChange: (keys) => setSelected(keys.map(String)),
    getCheckboxProps: (f) => ({
      disabled: !f.fingerprint || closed(f),
      'aria-label': `选择：${f.agency.name}`,
    }),
  };
}
