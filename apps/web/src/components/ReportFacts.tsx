/** What a report is beside its score: publication, counts, the file, its versions, its sections. */
import { Descriptions, Select, Space, Tag, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { SECTIONS } from '@nianbao/model';
import type { ReportDetail } from '../api/types';
import { fmt } from '../format';

/** Every version of the agency's report of the year, newest first; choosing one opens it. */
export function Versions({ report }: { report: ReportDetail }) {
  const navigate = useNavigate();
  if (report.versions.length <= 1) return null;
  return (
    <Select
      aria-label="版本"
      value={report.id}
      style={{ minWidth: 280 }}
      prefix={<HistoryOutlined />}
      onChange={(id: number) => navigate(`/reports/${id}`)}
      options={[...report.versions]
        .sort((a, b) => b.version - a.version)
        .map((v) => ({
          value: v.id,
          label: `第 ${v.version} 版${v.current ? '（当前）' : ''} · ${fmt.dateTime(v.ingestedAt)} 导入 · ${fmt.score(v.score)} 分`,
        }))}
    />
  );
}

/** Published on, findings counted, the original file (to download), when imported, the six sections as found. */
export function ReportFacts({ report: rep }: { report: ReportDetail }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 4 }}
      style={{ marginTop: 16 }}
      items={[
        {
          key: 'published',
          label: '发布日期',
          children: rep.publishedOn ? (
            fmt.date(rep.publishedOn)
          ) : (
            <Typography.Text type="warning">未知</Typography.Text>
          ),
        },
        {
          key: 'counts',
          label: '问题',
          children: `错误 ${fmt.count(rep.errors)} · 警告 ${fmt.count(rep.warnings)} · 共 ${fmt.count(rep.findings.length)} 条`,
        },
        {
          key: 'file',
          label: '文件',
          children: (
            <Typography.Link
              data-latin-ok
              href={`/api/reports/${rep.id}/file`}
              download
              ellipsis
              title={`下载原文件 ${rep.file}`}
            >
              {rep.file.split('/').pop()}
            </Typography.Link>
          ),
        },
        {
          key: 'ingested',
          label: '导入时间',
          children: `${fmt.dateTime(rep.ingestedAt)}（第 ${rep.version} 版）`,
        },
        {
          key: 'sections',
          label: '章节',
          span: 'filled',
          children: (
            <Space size={[4, 4]} wrap>
              {SECTIONS.map((s) => {
                const sec = rep.sections[s.id];
                return (
                  <Tag
                    key={s.id}
                    color={sec?.present ? (sec.numbering === 'chinese' ? 'green' : 'orange') : 'red'}
                    title={sec?.heading ?? '缺少该章节'}
                  >
                    {s.ordinal}、{s.title}
                    {sec?.present ? '' : '（缺）'}
                  </Tag>
                );
              })}
            </Space>
          ),
        },
      ]}
    />
  );
}
