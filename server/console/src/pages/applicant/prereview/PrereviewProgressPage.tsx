// 预审进度: each material's verdict with the reason, the one notice, re-upload what needs fixing, then
// apply formally with the materials that passed.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api';
import { fmtDateTime } from '../../../lib/format';
import { fmtSize } from '../../../lib/materials';
import { plainError } from '../../../lib/plain';
import { downloadPrereviewFile, MATERIAL_VERDICT, PREREVIEW_STATUS, type Prereview } from '../../../lib/prereview';
import { Link, navigate, useRoute } from '../../../lib/router';
import { useApi } from '../../../lib/use-api';
import { ErrorState, Loading } from '../../../components/states';
import { PrereviewFilePicker, type PickedFile } from '../../../components/PrereviewFilePicker';

/** How often the page looks for the reviewer's notes while it waits (ms). */
const REFRESH_MS = 5000;

export default function PrereviewProgressPage({ id }: { id: string }) {
  const { message } = App.useApp();
  const { search } = useRoute();
  const { data, error, reload } = useApi(() => api.get<Prereview>(`/api/prereview/${encodeURIComponent(id)}`), [id]);
  const [fixes, setFixes] = useState<Record<string, PickedFile>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const waiting = data?.status === 'submitted';
  useEffect(() => {
    if (!waiting) return undefined;
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [waiting, reload]);

  if (error) return <ErrorState error={error} retry={reload} what="资料预审" />;
  if (!data) return <Loading />;
  const toFix = data.materials.filter((m) => m.status === 'fix');
  const status = PREREVIEW_STATUS[data.status];

  async function resubmit() {
    const chosen = toFix.filter((m) => fixes[m.code]);
    if (!chosen.length) {
      setProblem('请先重新上传需补正的材料');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await api.post(`/api/prereview/${encodeURIComponent(id)}/materials`, {
        materials: chosen.map((m) => ({ code: m.code, fileRef: fixes[m.code].fileRef })),
      });
      message.success('已重新提交预审');
      setFixes({});
      reload();
    } catch (e) {
      setProblem(plainError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="hb-page-title">
        资料预审{' '}
        <Tag color={status?.color} data-testid="prereview-status">
          {status?.label ?? '处理中'}
        </Tag>
      </h1>
      {search.get('new') && waiting && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已提交预审，预审编号 ${data.id}`}
          description="工作人员查看后会在本页给出预审意见，也可在“我的办件”的资料预审中查看。"
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="事项">{data.targetName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="预审编号">{data.id}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{fmtDateTime(data.createdAt)}</Descriptions.Item>
          {data.reviewedAt && <Descriptions.Item label="预审时间">{fmtDateTime(data.reviewedAt)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {data.notice && data.status !== 'submitted' && (
        <Card title="预审意见（一次性告知）" size="small" style={{ marginBottom: 16 }} data-testid="prereview-notice">
          <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>{data.notice}</Typography.Paragraph>
        </Card>
      )}
      <Card title="预审材料" size="small" style={{ marginBottom: 16 }}>
        <div className="hb-card-list">
          {data.materials.map((m) => {
            const v = MATERIAL_VERDICT[m.status];
            return (
              <div key={m.code} className="hb-item-card" data-testid={`prereview-row-${m.code}`}>
                <div className="hb-item-card-title">
                  {m.name} <Tag color={v?.color}>{v?.label}</Tag>
                </div>
                {m.status === 'fix' && m.reason && <div style={{ color: '#cf1322' }}>补正原因：{m.reason}</div>}
                {m.file && (
                  <Button
                    type="link"
                    size="small"
                    icon={<DownloadOutlined />}
                    style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                    onClick={() => downloadPrereviewFile(data.id, m.file!).catch((e) => message.error(plainError(e)))}
                  >
                    {m.file.fileName}（{fmtSize(m.file.size)}）
                  </Button>
                )}
                {data.status === 'reviewed' && m.status === 'fix' && (
                  <div style={{ marginTop: 6 }}>
                    <PrereviewFilePicker
                      code={m.code}
                      name={m.name}
                      label="重新上传"
                      value={fixes[m.code]}
                      disabled={busy}
                      onChange={(f) => setFixes((x) => ({ ...x, [m.code]: f }))}
                    />
                  </div>
                )}
              </div>
            );
          })}
        </div>
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
        <div className="hb-actions">
          {data.status === 'reviewed' && toFix.length > 0 && (
            <Button loading={busy} onClick={() => void resubmit()} data-testid="resubmit-prereview">
              补正后再次预审
            </Button>
          )}
          {data.status === 'reviewed' && data.itemCode && (
            <Button
              type="primary"
              onClick={() => navigate(`/apply/item/${encodeURIComponent(data.itemCode!)}?prereview=${encodeURIComponent(data.id)}`)}
              data-testid="apply-with-prereview"
            >
              用预审材料正式申请
            </Button>
          )}
          {data.status === 'used' && data.caseId && (
            <Link
              to={
                data.caseId.startsWith('EV')
                  ? `/my/events/${encodeURIComponent(data.caseId)}`
                  : `/my/cases/${encodeURIComponent(data.caseId)}`
              }
            >
              查看正式申请（办件编号 {data.caseId}）
            </Link>
          )}
        </div>
      </Card>
    </div>
  );
}
