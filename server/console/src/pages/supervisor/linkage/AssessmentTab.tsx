// 考核评估: per department, the on-time rate of every linkage rule for a chosen period (table + bar chart).
import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Checkbox, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../lib/api';
import { fmtPercent } from '../../../lib/format';
import { useApi } from '../../../lib/use-api';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { ExportButton } from '../../../components/ExportButton';

const EChart = lazy(() => import('../../../components/EChart'));

interface AssessmentRow {
  rule: string;
  kind: string;
  department: string;
  departmentName: string;
  due: number;
  onTime: number;
  late: number;
  overdueOpen: number;
  pending: number;
  onTimeRate: number | null;
}
interface Assessment {
  from: string;
  to: string;
  basis: 'due' | 'done';
  basisLabel: string;
  rows: AssessmentRow[];
  overall: { onTime: number; decided: number; onTimeRate: number | null };
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function AssessmentTab() {
  // The current quarter (季度考核) by default.
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => {
    const start = dayjs()
      .startOf('month')
      .subtract(dayjs().month() % 3, 'month');
    return [start, start.add(2, 'month').endOf('month')];
  });
  const [all, setAll] = useState(false);
  const [basis, setBasis] = useState<'due' | 'done'>('due');
  const filters = { from: period[0].format('YYYY-MM-DD'), to: period[1].format('YYYY-MM-DD'), all: all ? 1 : undefined, basis };
  const { data, error, loading, reload } = useApi(
    () => api.get<Assessment>('/api/linkage/assessment', filters),
    [period[0].valueOf(), period[1].valueOf(), all, basis],
  );
  const chart = useMemo(() => {
    if (!data?.rows.length) return undefined;
    const departments = [...new Set(data.rows.map((r) => r.departmentName))];
    const rules = [...new Set(data.rows.map((r) => r.rule))];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '无结论' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, bottom: 56, top: 40 },
      xAxis: { type: 'category', data: departments, axisLabel: { interval: 0, rotate: departments.length > 4 ? 20 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: rules.map((rule) => ({
        name: rule,
        type: 'bar',
        data: departments.map((d) => pct(data.rows.find((r) => r.rule === rule && r.departmentName === d)?.onTimeRate ?? null)),
      })),
    };
  }, [data]);

  return (
    <Card
      size="small"
      data-testid="assessment"
      title="各部门各项制度按时率"
      extra={
        <Space wrap>
          <span>考核期间</span>
          <DatePicker.RangePicker
            aria-label="考核期间"
            value={period}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])}
          />
          <Segmented
            aria-label="统计口径"
            value={basis}
            onChange={(v) => setBasis(v as 'due' | 'done')}
            options={[
              { label: '期内到期', value: 'due' },
              { label: '期内完成', value: 'done' },
            ]}
          />
          <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>
            含办不成事、12345、帮办代办
          </Checkbox>
          <ExportButton path="/api/exports/assessment.xlsx" query={filters} testId="export-assessment" />
        </Space>
      }
    >
      {error ? (
        <ErrorState error={error} retry={reload} what="考核评估" />
      ) : loading || !data ? (
        <Loading rows={6} />
      ) : !data.rows.length ? (
        <EmptyState description={basis === 'done' ? '该期间没有完成的联动环节' : '该期间没有到期的联动环节'} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title="总体按时率" value={fmtPercent(data.overall.onTimeRate)} />
            </Col>
            <Col span={6}>
              <Statistic title="按时完成" value={data.overall.onTime} suffix={`/ ${data.overall.decided} 个已有结论的环节`} />
            </Col>
            <Col span={12}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="assessment-basis">
                {data.basisLabel}。按时率 = 按时完成 ÷（按时完成 + 超时完成 + 超时未完成）；未到期的环节不计入。
              </Typography.Text>
            </Col>
          </Row>
          {chart && (
            <Suspense fallback={<Loading />}>
              <EChart option={chart} height={280} label="各部门各项制度按时率柱状图" />
            </Suspense>
          )}
          <Table<AssessmentRow>
            rowKey={(r) => `${r.kind}|${r.department}`}
            size="small"
            pagination={false}
            dataSource={data.rows}
            scroll={{ x: 800 }}
            columns={[
              { title: '制度', dataIndex: 'rule', width: 130 },
              { title: '部门', dataIndex: 'departmentName' },
              { title: basis === 'done' ? '完成环节' : '到期环节', dataIndex: 'due', width: 90, align: 'right' },
              { title: '按时', dataIndex: 'onTime', width: 70, align: 'right' },
              { title: '超时完成', dataIndex: 'late', width: 90, align: 'right' },
              {
                title: '超时未完成',
                dataIndex: 'overdueOpen',
                width: 100,
                align: 'right',
                render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
              },
              { title: '未到期', dataIndex: 'pending', width: 80, align: 'right' },
              {
                title: '按时率',
                dataIndex: 'onTimeRate',
                width: 90,
                align: 'right',
                render: (v: number | null) => <strong>{fmtPercent(v)}</strong>,
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
