/**
 * 报告: one report drilled down. The score by category with what cost the points; the three tables in
 * the official layout, every cell coloured by state; the findings by category; the original text
 * beside them. Selecting a finding highlights its span in the text and its cells in the tables; for a
 * PDF report, its cells are boxed on the page of the original, drawn beside them.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Grid, Modal, Row, Segmented, Space, Typography } from 'antd';
import { cellDef, templateFor } from '@nianbao/model';
import { NoticeButton } from '../components/NoticeButton';
import { FileTextOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { allows, useReport, useReportSource, useSession, useWeights } from '../api/hooks';
import { DemoTag, OcrTag } from '../components/bits';
import { CellLegend } from '../components/CellLegend';
import { CopiedActions, peerReportId } from '../components/CopiedCompare';
import { OriginalTables } from '../components/OriginalTables';
import { FindingList } from '../components/FindingList';
import { ErrorState, Loading } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { ReportFacts, Versions } from '../components/ReportFacts';
import { ReportTable, tablesFor } from '../components/ReportTable';
import { lostByCategory, ScoreSummary } from '../components/ScoreSummary';
import { SourceText, type SourceMark } from '../components/SourceText';
import { fmt } from '../format';
import { KIND_LABEL, TEMPLATE_LABEL } from '../labels';
import type { PdfBox } from '../components/PageFrame';
import { CorrectionDialog, SelectedCell } from '../components/CellCorrection';

/** pdf.js comes with the original's viewer, on demand: not with this page, nor with the first. */
const OriginalPdf = lazy(() => import('../components/OriginalPdf'));
/** A photographed page (.png .jpg .tif) is an image: no pdf.js. */
const OriginalImage = lazy(() => import('../components/OriginalImage'));

/** Identities are checked by the balance.* rules; `unverifiable` means the cells were missing, not wrong. */
const breaksIdentity = (rule: string) => rule.startsWith('balance.') && rule !== 'balance.unverifiable';

const scrollToCell = (key: string) =>
  document
    .querySelector(`[data-cell="${CSS.escape(key)}"]`)
    ?.scrollIntoView({ block: 'center', behavior: 'smooth' });

type Selection = { finding: number } | { cell: string } | null;

function useSelection(): [Selection, (s: Selection) => void] {
  const [params, setParams] = useSearchParams();
  const f = params.get('finding');
  const c = params.get('cell');
  const selection: Selection =
    f !== null && /^\d+$/.test(f) ? { finding: Number(f) } : c ? { cell: c } : null;
  const set = useCallback(
    (s: Selection) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.delete('finding');
          next.delete('cell');
          if (s && 'finding' in s) next.set('finding', String(s.finding));
          if (s && 'cell' in s) next.set('cell', s.cell);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [selection, set];
}

export default function ReportPage() {
  const id = Number(useParams().id);
  const report = useReport(id);
  const source = useReportSource(id);
  const [selection, select] = useSelection();
  const session = useSession().data;
  const weights = useWeights();
  /** Tables and the findings/text panel side by side from 1200 px; stacked below. */
  const wide = Grid.useBreakpoint().xl ?? true;

  const r = report.data;
  const version = r ? templateFor(r.template, r.year) : '2019';
  const tables = useMemo(() => (r ? tablesFor(version, r.cells) : []), [r, version]);
  const broken = useMemo(
    () => new Set(r?.findings.filter((f) => breaksIdentity(f.rule)).flatMap((f) => f.cells) ?? []),
    [r],
  );
  const selectedFinding =
    selection && 'finding' in selection ? (r?.findings[selection.finding] ?? null) : null;
  const selectedCell = selection && 'cell' in selection ? selection.cell : null;
  const highlighted = useMemo(
    () => new Set(selectedFinding ? selectedFinding.cells : selectedCell ? [selectedCell] : []),
    [selectedFinding, selectedCell],
  );
  const related = useMemo(
    () =>
      new Set(
        selectedCell && r ? r.findings.flatMap((f, i) => (f.cells.includes(selectedCell) ? [i] : [])) : [],
      ),
    [selectedCell, r],
  );
  const marks = useMemo<SourceMark[]>(() => {
    if (!r) return [];
    const out: SourceMark[] = r.findings.flatMap((f, i) =>
      f.span ? [{ span: f.span, kind: 'finding' as const, finding: i, active: selectedFinding === f }] : [],
    );
    for (const key of highlighted) {
      const span = r.cells[key]?.span;
      if (span) out.push({ span, kind: 'cell', active: true });
    }
    return out;
  }, [r, selectedFinding, highlighted]);
  const selectionKey = selection ? JSON.stringify(selection) : null;

  // the original PDF: the selected cells found on its pages, the page of the first of them; a Word
  // file or web page: its tables as it lays them out
  // (a photographed page read by OCR: the page image, its cells boxed the same way)
  const isImage = !!r && /\.(png|jpe?g|tiff?)$/i.test(r.file);
  const isPdf = !!r && !isImage && (/\.pdf$/i.test(r.file) || Object.values(r.cells).some((c) => c.position));
  const paged = isPdf || isImage;
  const extension = /\.(docx?|html?)$/i.exec(r?.file ?? '')?.[1]?.toLowerCase();
  const tablesKind = r && !paged && extension ? (extension.startsWith('doc') ? extension : '网页') : null;
  const hasOriginal = paged || !!tablesKind;
  const imagePages = useMemo(
    () => Math.max(1, ...Object.values(r?.cells ?? {}).map((c) => c.position?.page ?? 1)),
    [r],
  );
  const markedSpans = useMemo(
    () => (r ? [...highlighted].flatMap((key) => (r.cells[key]?.span ? [r.cells[key]!.span!] : [])) : []),
    [r, highlighted],
  );
  const placed = useMemo(
    () =>
      r
        ? [...highlighted].flatMap((key) => {
            const p = r.cells[key]?.position;
            if (!p) return [];
            const def = cellDef(version, key);
            const label = def ? `${def.row.label} · ${def.column.label}` : '所选单元格';
            return [{ cell: key, label, page: p.page, box: p.box, corrected: !!r.corrections[key] }];
          })
        : [],
    [r, highlighted, version],
  );
  const [view, setView] = useState<'original' | 'text'>('original');
  const [page, setPage] = useState(1);
  const [enlarged, setEnlarged] = useState(false);
  /** The cell whose correction dialog is open. */
  const [correcting, setCorrecting] = useState<string | null>(null);
  // a selection shows its cells on the original when they are on a page, else its place in the text
  useEffect(() => {
    if (!hasOriginal) return;
    if (paged && placed.length) {
      setView('original');
      setPage(placed[0]!.page);
    } else if (!paged && markedSpans.length) setView('original');
    else if (selectedFinding?.span || (selectedCell && r?.cells[selectedCell]?.span)) setView('text');
  }, [selectionKey, hasOriginal]);
  const boxes: PdfBox[] = placed.filter((p) => p.page === page);

  // beside the text panel, bring the first highlighted cell into view in the tables (the text panel
  // scrolls itself); below it, that would move the text away, so the findings card offers a link
  useEffect(() => {
    const first = [...highlighted][0];
    if (wide && first && selectedFinding) scrollToCell(first);
  }, [selectionKey]);

  if (!Number.isInteger(id) || id <= 0)
    return <ErrorState error={new Error('报告编号无效')} title="报告编号无效" />;
  if (report.isLoading) return <Loading rows={14} />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => report.refetch()} />;
  const rep = r!;
  const lost = lostByCategory(rep.score, weights);
  const current = rep.versions.find((v) => v.current);
  const noLocation = selectedFinding && !selectedFinding.span && !selectedFinding.cells.length;
  const selectedCellNoSpan = selectedCell && !rep.cells[selectedCell]?.span;
  const canReview = allows(session, 'reviewer');
  const dismissed = rep.findings.filter((f) => f.review?.decision === 'dismiss').length;
  const panel = { minHeight: 0, display: 'flex', flexDirection: 'column' } as const;
  const showPdf = paged && view === 'original';
  const showTables = !!tablesKind && view === 'original';
  const unplaced = showPdf && highlighted.size > 0 && !placed.length;
  const hasPositions = Object.values(rep.cells).some((c) => c.position);

  const tablesCard = (
    <Card
      size="small"
      title="统计表（按官方格式还原）"
      extra={<Typography.Text type="secondary">点击单元格可在原文中定位</Typography.Text>}
    >
      <div style={{ marginBottom: 12 }}>
        <CellLegend />
      </div>
      {selectedCell ? (
        <div className="selected-cell-bar">
          <SelectedCell
            report={rep}
            cell={selectedCell}
            canCorrect={canReview}
            onCorrect={() => setCorrecting(selectedCell)}
          />
        </div>
      ) : null}
      {Object.keys(rep.cells).length === 0 ? (
        <Alert
          type="warning"
          showIcon
          title="未能从报告中识别出统计表"
          description="请检查原文中的表格是否完整，或以 docx、html 等保留表格结构的格式重新导入。"
        />
      ) : (
        tables.map((t) => (
          <ReportTable
            key={t.id}
            table={t}
            cells={rep.cells}
            broken={broken}
            highlighted={highlighted}
            corrections={rep.corrections}
            onCellClick={(key) => select({ cell: key })}
          />
        ))
      )}
    </Card>
  );

  const findingsCard = (
    <Card
      size="small"
      title={`发现的问题（${rep.findings.length}${dismissed ? `，已排除 ${dismissed}` : ''}）`}
      extra={
        <Space size={12}>
          {!wide && highlighted.size ? (
            <Typography.Link onClick={() => scrollToCell([...highlighted][0]!)}>
              在统计表中查看
            </Typography.Link>
          ) : null}
          {selection ? <Typography.Link onClick={() => select(null)}>取消选择</Typography.Link> : null}
        </Space>
      }
      style={{ ...panel, flex: '1 1 45%' }}
      styles={{ body: { overflow: 'auto', flex: 1, minHeight: 0 } }}
      data-testid="findings"
    >
      <FindingList
        reportId={rep.id}
        canReview={canReview}
        findings={rep.findings}
        lostByCategory={lost}
        selected={selection && 'finding' in selection ? selection.finding : null}
        related={related}
        onSelect={(i) => select({ finding: i })}
        extra={(f) => (peerReportId(f, rep) ? <CopiedActions report={rep} finding={f} /> : null)}
      />
    </Card>
  );

  // a box on the page: its cell selected, and a reviewer's correction of it offered at once
  const onBox = (cell: string) => {
    select({ cell });
    if (canReview) {
      setEnlarged(false);
      setCorrecting(cell);
    }
  };
  const originalPage = (withEnlarge = true) => {
    const common = {
      page,
      boxes,
      onPage: setPage,
      scrollKey: selectionKey,
      onEnlarge: withEnlarge ? () => setEnlarged(true) : undefined,
      onBox,
    };
    return isImage ? (
      <OriginalImage reportId={rep.id} pages={imagePages} {...common} />
    ) : (
      <OriginalPdf url={`/api/reports/${rep.id}/file`} {...common} />
    );
  };

  const sourceCard = (
    <Card
      size="small"
      title={
        <Space>
          <FileTextOutlined />
          原文
          {hasOriginal ? (
            <Segmented
              size="small"
              value={view}
              onChange={(v) => setView(v as 'original' | 'text')}
              options={[
                {
                  value: 'original',
                  label: isPdf ? '原件（PDF）' : isImage ? '原件（图片）' : `原件表格（${tablesKind}）`,
                },
                { value: 'text', label: '提取的文字' },
              ]}
              data-testid="source-view"
            />
          ) : null}
          {!showPdf && !showTables && source.data ? (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
              {fmt.count(source.data.text.length)} 字
            </Typography.Text>
          ) : null}
        </Space>
      }
      extra={
        showPdf ? (
          unplaced ? (
            <Typography.Text type="warning">
              {hasPositions ? '所选单元格不在原件的页面上' : '未记录单元格在原件中的位置'}
            </Typography.Text>
          ) : null
        ) : showTables ? (
          highlighted.size > 0 && !markedSpans.length ? (
            <Typography.Text type="warning">所选单元格不在原件中</Typography.Text>
          ) : null
        ) : noLocation ? (
          <Typography.Text type="warning">该问题在原文中没有对应位置</Typography.Text>
        ) : selectedCellNoSpan ? (
          <Typography.Text type="warning">该单元格不在原文中</Typography.Text>
        ) : null
      }
      style={{ ...panel, flex: '1 1 55%' }}
      styles={{ body: { padding: 0, flex: 1, minHeight: 0 } }}
    >
      {showPdf ? (
        <Suspense fallback={<Loading />}>
          {originalPage()}
          <Modal
            open={enlarged}
            onCancel={() => setEnlarged(false)}
            footer={null}
            title={isImage ? '原件（图片）' : '原件（PDF）'}
            width="min(1000px, 94vw)"
            destroyOnHidden
            styles={{ body: { height: '78vh', padding: 0 } }}
          >
            {enlarged ? originalPage(false) : null}
          </Modal>
        </Suspense>
      ) : showTables ? (
        <OriginalTables reportId={rep.id} marked={markedSpans} scrollKey={selectionKey} />
      ) : source.isLoading ? (
        <Loading />
      ) : source.isError ? (
        <ErrorState error={source.error} onRetry={() => source.refetch()} title="原文加载失败" />
      ) : (
        <SourceText
          text={source.data!.text}
          marks={marks}
          scrollKey={selectionKey}
          onSelectFinding={(i) => select({ finding: i })}
        />
      )}
    </Card>
  );

  return (
    <>
      <PageTitle
        title={
          <Space wrap>
            <span>{rep.registeredAgency.name}</span>
            <span>{rep.year ? `${rep.year}年度报告` : '年度报告'}</span>
            <DemoTag demo={rep.demo} />
            <OcrTag ocr={rep.ocr} />
          </Space>
        }
        sub={[
          rep.registeredAgency.region?.name,
          KIND_LABEL[rep.registeredAgency.kind],
          TEMPLATE_LABEL[rep.template],
        ]
          .filter(Boolean)
          .join(' · ')}
        extra={
          <>
            <Versions report={rep} />
            {rep.previousReportId ? (
              <Link to={`/reports/${rep.previousReportId}`}>
                <Button>上一年度报告</Button>
              </Link>
            ) : null}
            <Link to={`/agencies/${rep.agencyId}`}>
              <Button>机关历年情况</Button>
            </Link>
            <NoticeButton reportId={rep.id} />
          </>
        }
      />
      {!rep.current && current ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`这是较早的第 ${rep.version} 版，不计入排名。`}
          action={
            <Link to={`/reports/${current.id}`}>
              <Button size="small">查看当前第 {current.version} 版</Button>
            </Link>
          }
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <ScoreSummary score={rep.score} findings={rep.findings} onSelect={(i) => select({ finding: i })} />
        <ReportFacts report={rep} />
      </Card>
      {wide ? (
        <Row gutter={16}>
          <Col span={14}>{tablesCard}</Col>
          <Col span={10}>
            <div
              style={{
                position: 'sticky',
                top: 72,
                display: 'flex',
                flexDirection: 'column',
                gap: 16,
                height: 'calc(100vh - 88px)',
                minHeight: 520,
              }}
            >
              {findingsCard}
              {sourceCard}
            </div>
          </Col>
        </Row>
      ) : (
        <>
          {/* narrow: the findings and the text side by side above the tables, so a click shows its place at once */}
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: '1fr 1fr',
              gap: 16,
              height: 'calc(100vh - 120px)',
              minHeight: 480,
              marginBottom: 16,
            }}
          >
            {findingsCard}
            {sourceCard}
          </div>
          {tablesCard}
        </>
      )}
      <CorrectionDialog report={rep} cell={correcting} onClose={() => setCorrecting(null)} />
    </>
  );
}
