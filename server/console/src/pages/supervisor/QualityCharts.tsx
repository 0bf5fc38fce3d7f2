// 服务质量指标 by department and period: 1-hour share, approval levels, material reduction, 好评率, 差评整改率.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Space, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../lib/api';
import { fmtPercent } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';
import { ExportButton } from '../../components/ExportButton';

const EChart = lazy(() => import('../../components/EChart'));

interface Figures {
  cases: number;
  decided: number;
  withinOneHourShare: number | null;
  averageApprovalLevels: number | null;
  materialReduction: number | null;
  ratings: number;
  goodRate: number | null;
  badRatings: number;
  badRectifiedRate: number | null;
}
interface Overview {
  target: { withinMinutes: number; share: number; source: string };
  overall: Figures;
  byDepartment: (Figures & { department: string })[];
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function QualityCharts() {
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const filters = { from: period?.[0].startOf('day').toISOString(), to: period?.[1].endOf('day').toISOString() };
  const { data, error, loading, reload } = useApi(
    () => api.get<Overview>('/api/stats/overview', filters),
    [period?.[0]?.valueOf(), period?.[1]?.valueOf()],
  );
  const bars = useMemo(() => {
    if (!data?.byDepartment.length) return undefined;
    const deps = data.byDepartment.map((d) => d.department);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '无数据' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, bottom: 64, top: 36 },
      xAxis: { type: 'category', data: deps, axisLabel: { interval: 0, rotate: deps.length > 4 ? 20 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: `${data.target.withinMinutes} 分钟内办结占比`,
          type: 'bar',
          data: data.byDepartment.map((d) => pct(d.withinOneHourShare)),
          markLine: { data: [{ yAxis: data.target.share * 100, name: '目标' }], label: { formatter: `目标 ${data.target.share * 100}%` } },
        },
        { name: '材料精简率', type: 'bar', data: data.byDepartment.map((d) => pct(d.materialReduction)) },
        { name: '好评率', type: 'bar', data: data.byDepartment.map((d) => pct(d.goodRate)) },
        { name: '差评整改率', type: 'bar', data: data.byDepartment.map((d) => pct(d.badRectifiedRate)) },
      ],
    };
  }, [data]);
  const levels = useMemo(() => {
    if (!data?.byDepartment.length) return undefined;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, bottom: 40, top: 24 },
      xAxis: {
        type: 'category',
        data: data.byDepartment.map((d) => d.department),
        axisLabel: { interval: 0, width: 90, overflow: 'truncate' },
      },
      yAxis: { type: 'value', name: '层级' },
      series: [
        { name: '平均审批层级', type: 'bar', data: data.byDepartment.map((d) => d.averageApprovalLevels), itemStyle: { color: '#c8102e' } },
      ],
    };
  }, [data]);

  return (
    <Card
      title="服务质量指标（按部门、按期间）"
      size="small"
      extra={
        <Space>
          <span>期间</span>
          <DatePicker.RangePicker value={period} onChange={(v) => setPeriod(v as [Dayjs, Dayjs] | null)} allowClear aria-label="统计期间" />
          <ExportButton path="/api/exports/overview.xlsx" query={filters} label="导出总览" testId="export-overview" />
        </Space>
      }
      data-testid="quality"
    >
      {error ? (
        <ErrorState error={error} retry={reload} what="服务质量指标" />
      ) : loading || !data ? (
        <Loading rows={6} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col span={5}>
              <Statistic title={`${data.target.withinMinutes} 分钟内办结占比`} value={fmtPercent(data.overall.withinOneHourShare)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                目标 {fmtPercent(data.target.share)}
              </Typography.Text>
            </Col>
            <Col span={5}>
              <Statistic title="平均审批层级" value={data.overall.averageApprovalLevels ?? '—'} />
            </Col>
            <Col span={5}>
              <Statistic title="材料精简率" value={fmtPercent(data.overall.materialReduction)} />
            </Col>
            <Col span={4}>
              <Statistic
                title="好评率"
                value={fmtPercent(data.overall.goodRate)}
                suffix={<span style={{ fontSize: 12 }}>（{data.overall.ratings} 条）</span>}
              />
            </Col>
            <Col span={5}>
              <Statistic
                title="差评整改率"
                value={fmtPercent(data.overall.badRectifiedRate)}
                suffix={<span style={{ fontSize: 12 }}>（差评 {data.overall.badRatings}）</span>}
              />
            </Col>
          </Row>
          {bars ? (
            <Row gutter={16}>
              <Col xs={24} xl={15}>
                <Suspense fallback={<Loading />}>
                  <EChart option={bars} height={300} label="各部门服务质量指标柱状图" />
                </Suspense>
              </Col>
              <Col xs={24} xl={9}>
                <Suspense fallback={<Loading />}>
                  <EChart option={levels!} height={300} label="各部门平均审批层级" />
                </Suspense>
              </Col>
            </Row>
          ) : (
            <Empty description="该期间暂无办件数据" />
          )}
        </>
      )}
    </Card>
  );
}
