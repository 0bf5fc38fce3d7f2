// 监督总览: live figures from the case and task read model, and (as their APIs land) the service-quality charts.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ExportButton } from '../../components/ExportButton';
import { api, type Page } from '../../lib/api';
import { CASE_STATUS, dueState, fmtDateTime, fmtPercent } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { CaseRow, TaskRow } from '../../lib/types';
import { ErrorState, Loading } from '../../components/states';
import { QualityCharts } from './QualityCharts';

const EChart = lazy(() => import('../../components/EChart'));

/** How many open tasks the overdue panel scans (the API's page maximum). */
const OPEN_TASK_SCAN = 200;

export default function SupervisePage() {
  // 月报: the last full month by default.
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month'));
  const figures = useApi(async () => {
    const statuses = ['running', 'completed', 'failed'] as const;
    const counts = await Promise.all(
      statuses.map((s) => api.get<Page<CaseRow>>('/api/cases', { status: s, limit: 1 }).then((r) => r.total)),
    );
    const open = await api.get<Page<TaskRow>>('/api/tasks', { limit: OPEN_TASK_SCAN });
    return { byStatus: Object.fromEntries(statuses.map((s, i) => [s, counts[i]])) as Record<string, number>, open };
  });

  const pie = useMemo(
    () =>
      figures.data && {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            label: { formatter: '{b}\n{c} 件' },
            data: Object.entries(figures.data.byStatus).map(([s, n]) => ({ name: CASE_STATUS[s].label, value: n })),
          },
        ],
      },
    [figures.data],
  );

  if (figures.error) return <ErrorState error={figures.error} retry={figures.reload} what="监督总览" />;
  if (!figures.data) return <Loading rows={8} />;
  const { byStatus, open } = figures.data;
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const overdue = open.items.filter((t) => dueState(t.dueAt) === 'overdue');

  return (
    <div>
      <h1 className="hb-page-title">监督总览</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>监督月报</span>
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            onChange={(m) => m && setMonth(m)}
            aria-label="月报月份"
            format="YYYY年MM月"
          />
          <ExportButton
            path="/api/exports/monthly-report.xlsx"
            query={{ month: month.format('YYYY-MM') }}
            label="导出月报（按部门）"
            testId="export-monthly"
          />
        </Space>
      </Card>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card>
            <Statistic title="办件总数" value={total} suffix="件" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="办理中" value={byStatus.running} suffix="件" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="办结率" value={total ? fmtPercent(byStatus.completed / total) : '—'} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title="逾期待办"
              value={overdue.length}
              suffix={`/ ${open.total} 项`}
              valueStyle={{ color: overdue.length ? '#cf1322' : undefined }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={10}>
          <Card title="办件状态分布" size="small">
            <Suspense fallback={<Loading />}>{pie && <EChart option={pie} label="办件状态分布饼图" />}</Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title="逾期工作" size="small">
            <Table<TaskRow>
              size="small"
              rowKey="id"
              dataSource={overdue}
              pagination={{ pageSize: 5 }}
              locale={{ emptyText: '没有逾期待办' }}
              columns={[
                { title: '任务', dataIndex: 'name' },
                { title: '办件', dataIndex: 'caseId', render: (id: string) => <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link> },
                { title: '时限', dataIndex: 'dueAt', render: fmtDateTime },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <QualityCharts />
    </div>
  );
}
