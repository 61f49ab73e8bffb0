/** 地区排名: the child regions of a region (provinces, 设区市, 县区) by average score, with on-time rates. */
import { useState } from 'react';
import { Card, DatePicker, Flex } from 'antd';
import dayjs from 'dayjs';
import { RegionSelect, YearSelect } from '../components/filters';
import { PageTitle } from '../components/PageTitle';
import { RegionRankings } from './BulletinPage';

export default function RegionsPage() {
  const [year, setYear] = useState<number | undefined>();
  const [region, setRegion] = useState<string | undefined>();
  const [asOf, setAsOf] = useState<string | undefined>();
  return (
    <>
      <PageTitle title="地区排名" sub="选择地区后按其下级地区排列：省下为设区市，市下为县区；该地区本级机关单列一行" />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <YearSelect value={year} onChange={setYear} allowClear />
          <RegionSelect value={region} onChange={setRegion} />
          <DatePicker aria-label="统计截止日期" placeholder="统计截止日期" value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} />
        </Flex>
      </Card>
      <RegionRankings year={year} region={region} asOf={asOf} />
    </>
  );
}
