// 办件查询 (staff): find any case by 办件编号 (or its first characters), applicant name, ID number or phone,
// narrowed by department, status and application date; paginated on the server.
import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, type Page } from '../../lib/api';
import { CASE_STATUS, fmtDateTime } from '../../lib/format';
import { loadDepartments, type MachineDepartment } from '../../lib/machines';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { CaseRow } from '../../lib/types';
import { ErrorState } from '../../components/states';
import { CaseStatusTag } from '../../components/CaseStatusTag';
import { ExportButton } from '../../components/ExportButton';

interface Filters {
  q?: string;
  status?: string;
  department?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The query the server takes: `to` is exclusive, so the end date's whole day is included. */
export function caseSearchParams(f: Filters): Record<string, string | undefined> {
  return {
    q: f.q?.trim() || undefined,
    status: f.status,
    department: f.department,
    from: f.range?.[0]?.startOf('day').toISOString(),
    to: f.range?.[1]?.add(1, 'day').startOf('day').toISOString(),
  };
}

export default function CasesPage() {
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const [departments, setDepartments] = useState<MachineDepartment[]>([]);
  useEffect(() => {
    loadDepartments().then(
      (d) => setDepartments(d.items),
      () => setDepartments([]),
    );
  }, []);
  const params = caseSearchParams(filters);
  const { data, error, loading, reload } = useApi(
    () => api.get<Page<CaseRow>>('/api/cases', { ...params, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    [JSON.stringify(params), page.current, page.pageSize],
  );
  const apply = (f: Filters) => {
    setFilters(f);
    setPage({ ...page, current: 1 });
  };
  return (
    <div>
      <h1 className="hb-page-title">办件查询</h1>
      <Card>
        <Form form={form} layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }} aria-label="办件查询条件">
          <Form.Item name="q">
            <Input.Search
              allowClear
              placeholder="办件编号、申请人姓名、身份证号或手机号"
              style={{ width: 320 }}
              enterButton="查询"
              onSearch={() => form.submit()}
              data-testid="case-search"
              aria-label="办件编号、申请人姓名、身份证号或手机号"
            />
          </Form.Item>
          <Form.Item name="department">
            <Select
              allowClear
              placeholder="全部部门"
              style={{ width: 200 }}
              aria-label="按部门筛选"
              onChange={() => form.submit()}
              options={departments.map((d) => ({ value: d.name, label: d.name }))}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder="全部状态"
              style={{ width: 130 }}
              onChange={() => form.submit()}
              options={['running', 'completed', 'failed'].map((s) => ({ value: s, label: CASE_STATUS[s].label }))}
              aria-label="按状态筛选"
            />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker placeholder={['申请日期起', '申请日期止']} onChange={() => form.submit()} aria-label="申请日期" />
          </Form.Item>
          <Space>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              重置
            </Button>
            <ExportButton path="/api/exports/cases.xlsx" query={params} testId="export-cases" />
          </Space>
        </Form>
        {error ? (
          <ErrorState error={error} retry={reload} />
        ) : (
          <Table<CaseRow>
            rowKey="id"
            loading={loading}
            dataSource={data?.items}
            scroll={{ x: 900 }}
            locale={{ emptyText: filters.q ? `没有找到与「${filters.q}」相符的办件` : '暂无办件' }}
            pagination={{
              ...page,
              total: data?.total,
              showTotal: (t) => `共 ${t} 件`,
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
            columns={[
              { title: '办件编号', dataIndex: 'id', render: (id: string) => <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link> },
              { title: '事项', dataIndex: 'title' },
              { title: '申请人', dataIndex: 'applicantName', render: (name: string | undefined, c) => name ?? c.applicantId },
              { title: '状态', dataIndex: 'status', render: (s: string) => <CaseStatusTag status={s} /> },
              { title: '申请时间', dataIndex: 'startedAt', render: fmtDateTime },
              { title: '办结时间', dataIndex: 'endedAt', render: fmtDateTime },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
