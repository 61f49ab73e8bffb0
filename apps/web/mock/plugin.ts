/**
 * Dev-only stand-in for the API (`MOCK_API=1 vite`): answers every route of the contract from
 * mock/fixture.json so the dashboard can be worked on while apps/api is down. Never part of the build.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import type {
  AgencyDetail,
  HealthResponse,
  IngestResponse,
  OverviewResponse,
  RankingItem,
  RankingsResponse,
  RegionsResponse,
  ReportDetail,
  TrendsResponse,
  YearsResponse,
} from '@nianbao/api/schemas';
import type { ParsedReport } from '@nianbao/model';

type FixtureReport = ParsedReport & { text: string };

export function mockApi(options: { empty?: boolean } = {}): Plugin {
  const fixture = JSON.parse(readFileSync(new URL('./fixture.json', import.meta.url), 'utf8')) as { reports: FixtureReport[] };
  const reports = options.empty ? [] : fixture.reports;
  const details: ReportDetail[] = reports.map((r, i) => {
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    const warnings = r.findings.filter((f) => f.severity === 'warning').length;
    const { text: _text, ...rest } = r;
    return {
      ...rest,
      id: i + 1,
      agencyId: i + 1,
      registeredAgency: { id: i + 1, name: r.agency.name!, region: r.agency.region, kind: r.agency.kind ?? 'department', level: 'county' },
      version: 1,
      current: true,
      ingestedAt: '2025-01-10T08:00:00Z',
      errors,
      warnings,
      previousReportId: null,
      versions: [
        { id: i + 1, version: 1, current: true, fileName: r.file, sha256: r.sha256, size: r.text.length * 3, publishedOn: r.publishedOn, ingestedAt: '2025-01-10T08:00:00Z', score: r.score?.total ?? null, grade: r.score?.grade ?? null },
      ],
    };
  });
  const ranked: RankingItem[] = [...details]
    .sort((a, b) => (b.score?.total ?? 0) - (a.score?.total ?? 0))
    .map((d, i) => ({
      rank: i + 1,
      reportId: d.id,
      agency: { id: d.agencyId, name: d.registeredAgency.name, region: d.registeredAgency.region, kind: d.registeredAgency.kind },
      year: d.year!,
      score: d.score?.total ?? null,
      grade: d.score?.grade ?? null,
      byCategory: d.score?.byCategory ?? null,
      errors: d.errors,
      warnings: d.warnings,
      change: null,
      publishedOn: d.publishedOn,
    }));
  const avg = details.length ? details.reduce((s, d) => s + (d.score?.total ?? 0), 0) / details.length : null;
  const grades = { 优秀: 0, 良好: 0, 合格: 0, 不合格: 0 };
  for (const d of details) if (d.score) grades[d.score.grade]++;
  const ruleCounts = new Map<string, number>();
  for (const d of details) for (const rule of new Set(d.findings.map((f) => f.rule))) ruleCounts.set(rule, (ruleCounts.get(rule) ?? 0) + 1);
  const topFindings = [...ruleCounts].map(([rule, n]) => ({ rule, reports: n, share: n / details.length })).sort((a, b) => b.reports - a.reports);

  const routes: [RegExp, (m: RegExpMatchArray, url: URL, req: IncomingMessage) => unknown][] = [
    [/^\/api\/health$/, (): HealthResponse => ({ status: 'ok', reports: details.length, agencies: details.length, rubricVersion: details.length ? '2025.1' : null })],
    [/^\/api\/years$/, (): YearsResponse => ({ items: details.length ? [{ year: 2019, reports: details.length, averageScore: avg }] : [] })],
    [
      /^\/api\/regions$/,
      (): RegionsResponse => ({
        items: details.length
          ? [
              { code: '120000', name: '天津市', level: 'province', agencies: 1, children: [{ code: '120104', name: '南开区', level: 'county', agencies: 1, children: [] }] },
              { code: '360000', name: '江西省', level: 'province', agencies: 1, children: [{ code: '360500', name: '新余市', level: 'city', agencies: 1, children: [] }] },
            ]
          : [],
      }),
    ],
    [
      /^\/api\/rankings$/,
      (_m, url): RankingsResponse => {
        const q = url.searchParams.get('q') ?? '';
        const grade = url.searchParams.get('grade');
        const region = url.searchParams.get('region');
        const items = ranked.filter(
          (r) => r.agency.name.includes(q) && (!grade || r.grade === grade) && (!region || r.agency.region?.code.startsWith(region)),
        );
        if (url.searchParams.get('sort')?.startsWith('-')) items.reverse();
        return { year: details.length ? 2019 : null, total: items.length, items };
      },
    ],
    [
      /^\/api\/overview$/,
      (): OverviewResponse => ({
        year: details.length ? 2019 : null,
        reports: details.length,
        agencies: details.length,
        missing: { count: 0, items: [] },
        averageScore: avg,
        failShare: details.length ? grades['不合格'] / details.length : null,
        grades,
        lateCount: 0,
        histogram: Array.from({ length: 10 }, (_, i) => ({
          from: i * 10,
          to: i * 10 + 10,
          count: details.filter((d) => Math.min(9, Math.floor((d.score?.total ?? 0) / 10)) === i).length,
        })),
        worst: [...ranked].reverse().slice(0, 5),
        mostImproved: [],
        topFindings,
      }),
    ],
    [
      /^\/api\/trends$/,
      (): TrendsResponse => ({
        items: details.length
          ? [2017, 2018, 2019].map((year, i) => ({
              year,
              reports: details.length,
              averageScore: (avg ?? 0) - 10 + i * 5,
              grades: { 优秀: 0.2 + i * 0.1, 良好: 0.2, 合格: 0.3 - i * 0.05, 不合格: 0.3 - i * 0.05 },
              averageByCategory: { completeness: 25 + i, accuracy: 24, conformity: 15, timeliness: 7 },
              topFindings,
            }))
          : [],
      }),
    ],
    [/^\/api\/reports\/(\d+)$/, (m) => details[Number(m[1]) - 1] ?? notFound()],
    [
      /^\/api\/reports\/(\d+)\/source$/,
      (m) => {
        const r = reports[Number(m[1]) - 1];
        return r ? { reportId: Number(m[1]), fileName: r.file, text: r.text } : notFound();
      },
    ],
    [
      /^\/api\/agencies$/,
      () => ({
        total: details.length,
        items: details.map((d) => ({ ...d.registeredAgency, aliases: [], reports: 1, latest: { year: d.year!, reportId: d.id, score: d.score?.total ?? null, grade: d.score?.grade ?? null } })),
      }),
    ],
    [
      /^\/api\/agencies\/(\d+)$/,
      (m): AgencyDetail => {
        const d = details[Number(m[1]) - 1] ?? notFound();
        const mk = (year: number, delta: number) => ({
          year,
          reportId: d.id,
          versions: 1,
          template: (year >= 2021 ? '2021' : '2019') as '2019' | '2021',
          publishedOn: `${year + 1}-01-20`,
          score: Math.max(0, (d.score?.total ?? 0) + delta),
          grade: d.score?.grade ?? null,
          byCategory: d.score?.byCategory ?? null,
          errors: d.errors,
          warnings: d.warnings,
          change: delta ? -delta : null,
          rank: 1,
        });
        return { ...d.registeredAgency, aliases: [], mergedIds: [], reports: [mk(2017, -6), mk(2018, -3), mk(2019, 0)] };
      },
    ],
    [
      /^\/api\/rules$/,
      () => [
        { id: 'table.row-absent', category: 'completeness', severity: 'error', description: '模板要求的行缺失（表格被截断）', docs: '按国办公开办函〔2019〕60号格式，三张统计表的每一行都应保留。', deduction: { mode: 'proportional', points: 40, cap: null } },
        { id: 'table.cell-blank', category: 'completeness', severity: 'warning', description: '单元格为空，无数据应填 0', docs: '', deduction: { mode: 'proportional', points: 30, cap: null } },
        { id: 'balance.t3-flow', category: 'accuracy', severity: 'error', description: '表三勾稽关系不平衡', docs: '第一项加第二项之和，等于第三项加第四项之和。', deduction: { mode: 'each', points: 5, cap: 15 } },
        { id: 'structure.section-missing', category: 'conformity', severity: 'error', description: '缺少模板规定的章节', docs: '', deduction: { mode: 'each', points: 4, cap: 12 } },
        { id: 'time.late', category: 'timeliness', severity: 'error', description: '逾期发布', docs: '条例第四十九条：每年1月31日前公布。', deduction: { mode: 'each', points: 10, cap: null } },
      ],
    ],
  ];

  return {
    name: 'nianbao-mock-api',
    configureServer(server) {
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (!url.pathname.startsWith('/api/')) return next();
        const send = (status: number, body: unknown) => {
          res.statusCode = status;
          res.setHeader('content-type', 'application/json; charset=utf-8');
          res.end(JSON.stringify(body));
        };
        if (req.method === 'POST' && url.pathname === '/api/reports') {
          req.resume();
          req.on('end', () => {
            const body: IngestResponse = {
              results: [{ file: 'upload.txt', status: 'ingested', reportId: 1, agency: { id: 1, name: '南开区文化和旅游局' }, year: 2019, version: 1, score: 41.5, grade: '不合格', error: null }],
              summary: { ingested: 1, unchanged: 0, newVersions: 0, failed: 0 },
            };
            setTimeout(() => send(200, body), 400);
          });
          return;
        }
        if (url.pathname === '/api/rankings/export') {
          res.setHeader('content-type', 'text/csv; charset=utf-8');
          res.setHeader('content-disposition', "attachment; filename*=UTF-8''rankings.csv");
          res.end('\ufeff排名,机关,得分\n' + ranked.map((r) => `${r.rank},${r.agency.name},${r.score}`).join('\n'));
          return;
        }
        for (const [re, handler] of routes) {
          const m = url.pathname.match(re);
          if (!m) continue;
          try {
            return send(200, handler(m, url, req));
          } catch (e) {
            if (e instanceof NotFound) return send(404, { error: { code: 'not-found', message: '未找到该记录' } });
            throw e;
          }
        }
        send(404, { error: { code: 'not-found', message: '没有这个接口' } });
      });
    },
  };
}

class NotFound extends Error {}
function notFound(): never {
  throw new NotFound();
}
