// 预审台: materials submitted before applying; pass each or ask for a fix, all in one notice.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Radio, Row, Segmented, Table, Tag } from 'antd';
import { api, ApiError, type Page } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ErrorState } from '../../components/states';
import { downloadPrereviewFile, type PrereviewFile } from '../../lib/prereview';
import { plainError } from '../../lib/plain';

interface Material {
  code: string;
  fileRef: string;
  status?: string;
  reason?: string;
  name?: string;
  file?: PrereviewFile;
}
interface Prereview {
  id: string;
  itemCode: string | null;
  eventCode: string | null;
  targetName?: string | null;
  applicantId: string;
  status: string;
  materials: Material[];
  notice: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  caseId: string | null;
  createdAt: string;
}

const STATUS: Record<string, { label: string; color: string }> = {
  submitted: { label: '待预审', color: 'orange' },
  reviewed: { label: '已预审', color: 'blue' },
  used: { label: '已转正式申请', color: 'green' },
};

export default function PrereviewPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('submitted');
  const [selected, setSelected] = useState<Prereview>();
  const [verdicts, setVerdicts] = useState<Record<string, { status: 'ok' | 'fix'; reason?: string }>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const list = useApi(
    () => api.get<Page<Prereview>>('/api/prereview', { status: status === 'all' ? undefined : status, limit: 50 }),
    [status],
  );

  async function submit() {
    if (!selected) return;
    setBusy(true);
    setError(undefined);
    try {
      const materials = selected.materials.map((m) => ({
        code: m.code,
        status: verdicts[m.code]?.status ?? 'ok',
        reason: verdicts[m.code]?.reason || undefined,
      }));
      await api.post(`/api/prereview/${encodeURIComponent(selected.id)}/review`, { materials });
      message.success('预审意见已发送申请人');
      setSelected(undefined);
      list.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="hb-page-title">预审台</h1>
      <Row gutter={16}>
        <Col xs={24} xl={11}>
          <Card
            extra={
              <Segmented
                value={status}
                onChange={(v) => setStatus(String(v))}
                options={[
                  { value: 'submitted', label: '待预审' },
                  { value: 'reviewed', label: '已预审' },
                  { value: 'all', label: '全部' },
                ]}
              />
            }
          >
            {list.error ? (
              <ErrorState error={list.error} retry={list.reload} what="预审台" />
            ) : (
              <Table<Prereview>
                rowKey="id"
                size="small"
                loading={list.loading}
                dataSource={list.data?.items}
                pagination={false}
                locale={{ emptyText: '暂无预审申请' }}
                onRow={(r) => ({
                  onClick: () => {
                    setSelected(r);
                    setVerdicts({});
                  },
                  style: { cursor: 'pointer', background: r.id === selected?.id ? '#fff1f0' : undefined },
                })}
                columns={[
                  { title: '编号', dataIndex: 'id' },
                  { title: '事项 / 一件事', render: (_: unknown, r) => r.targetName ?? r.eventCode ?? r.itemCode ?? '—' },
                  { title: '申请人', dataIndex: 'applicantId' },
                  { title: '提交', dataIndex: 'createdAt', render: fmtDateTime },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    render: (s: string) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.label ?? s}</Tag>,
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card title={selected ? `预审 ${selected.id}` : '预审意见'}>
            {!selected ? (
              <Empty description="从左侧选择一份预审申请" />
            ) : (
              <>
                <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
                  <Descriptions.Item label="申请人">{selected.applicantId}</Descriptions.Item>
                  <Descriptions.Item label="提交时间">{fmtDateTime(selected.createdAt)}</Descriptions.Item>
                  {selected.notice && (
                    <Descriptions.Item label="已发告知" span={2}>
                      {selected.notice}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
                <Table<Material>
                  rowKey="code"
                  size="small"
                  pagination={false}
                  dataSource={selected.materials}
                  columns={[
                    {
                      title: '材料',
                      render: (_: unknown, m) => (
                        <>
                          {m.name ?? m.code}
                          <br />
                          {m.file ? (
                            <Button
                              type="link"
                              size="small"
                              style={{ padding: 0, height: 'auto' }}
                              onClick={() => downloadPrereviewFile(selected.id, m.file!).catch((e) => message.error(plainError(e)))}
                              data-testid={`prereview-file-${m.code}`}
                            >
                              {m.file.fileName}
                            </Button>
                          ) : (
                            <small style={{ color: '#888' }}>{m.fileRef}</small>
                          )}
                        </>
                      ),
                    },
                    {
                      title: '预审',
                      width: 150,
                      render: (_: unknown, m) => (
                        <Radio.Group
                          size="small"
                          disabled={selected.status !== 'submitted'}
                          value={verdicts[m.code]?.status ?? m.status ?? 'ok'}
                          onChange={(e) => setVerdicts({ ...verdicts, [m.code]: { ...verdicts[m.code], status: e.target.value } })}
                        >
                          <Radio value="ok">通过</Radio>
                          <Radio value="fix">需补正</Radio>
                        </Radio.Group>
                      ),
                    },
                    {
                      title: '补正说明',
                      render: (_: unknown, m) =>
                        verdicts[m.code]?.status === 'fix' ? (
                          <Input
                            size="small"
                            placeholder="一次性告知需补正的内容"
                            value={verdicts[m.code]?.reason}
                            onChange={(e) => setVerdicts({ ...verdicts, [m.code]: { status: 'fix', reason: e.target.value } })}
                          />
                        ) : (
                          (m.reason ?? '')
                        ),
                    },
                  ]}
                />
                {selected.status === 'submitted' && (
                  <Button type="primary" style={{ marginTop: 12 }} loading={busy} onClick={() => void submit()}>
                    发送预审意见（一次性告知）
                  </Button>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
