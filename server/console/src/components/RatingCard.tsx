// 好差评 for the applicant: nothing pre-selected; 1–2 stars need a reason from the national list;
// once rated, the rating and its rectification progress are shown instead of the form.
import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Rate, Steps, Tag, Typography } from 'antd';
import { api, ApiError } from '../lib/api';
import { fmtDateTime } from '../lib/format';
import { plain } from '../lib/plain';
import { useApi } from '../lib/use-api';
import { Loading } from './states';

const RATING_TEXT = ['', '非常不满意', '不满意', '基本满意', '满意', '非常满意'];

interface Mine {
  rating: { level: number; label: string; comment: string | null; reasons: string[]; createdAt: string; removed: boolean } | null;
  rectification?: { status: string; rectified: boolean; startedAt: string; endedAt: string | null } | null;
  rerating?: { level: number; label: string } | null;
}

function Rated({ mine }: { mine: Mine }) {
  const r = mine.rating!;
  const rect = mine.rectification;
  return (
    <div data-testid="rating-done">
      <Descriptions column={1} size="small">
        <Descriptions.Item label="您的评价">
          <Rate disabled value={r.level} /> <Tag>{RATING_TEXT[r.level]}</Tag>
        </Descriptions.Item>
        {r.reasons.length > 0 && <Descriptions.Item label="差评原因">{r.reasons.join('；')}</Descriptions.Item>}
        {r.comment && <Descriptions.Item label="意见建议">{r.comment}</Descriptions.Item>}
        <Descriptions.Item label="评价时间">{fmtDateTime(r.createdAt)}</Descriptions.Item>
      </Descriptions>
      {rect && (
        <Steps
          size="small"
          orientation="vertical"
          style={{ marginTop: 8 }}
          data-testid="rectification-progress"
          current={rect.rectified ? 2 : 1}
          items={[
            { title: '收到差评', description: fmtDateTime(rect.startedAt) },
            { title: '整改中', description: '责任单位核实情况并整改，将电话回访您' },
            { title: rect.rectified ? '已整改反馈' : '整改反馈', description: rect.endedAt ? fmtDateTime(rect.endedAt) : '' },
          ]}
        />
      )}
      {!rect && r.level >= 3 && <Typography.Text type="secondary">感谢您的评价。</Typography.Text>}
    </div>
  );
}

export function RatingCard({ caseId }: { caseId: string }) {
  const mine = useApi(() => api.get<Mine>('/api/ratings/mine', { caseId }), [caseId]);
  const reasons = useApi(() => api.get<{ items: string[] }>('/api/ratings/reasons'), []);
  const [level, setLevel] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!mine.data) return <Loading rows={2} />;
  if (mine.data.rating) return <Rated mine={mine.data} />;
  const bad = level > 0 && level <= 2;
  return (
    <Form
      layout="vertical"
      disabled={busy}
      onFinish={async (v: { reasons?: string[]; comment?: string }) => {
        setBusy(true);
        setError(undefined);
        try {
          await api.post('/api/ratings', {
            caseId,
            level,
            channel: 'online',
            comment: v.comment || undefined,
            reasons: bad ? v.reasons : undefined,
          });
          mine.reload();
        } catch (e) {
          // Already rated (e.g. in another tab): show that rating rather than an error.
          if (e instanceof ApiError && e.status === 409) mine.reload();
          else setError(e instanceof ApiError ? plain(e.message) : String(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} />}
      <Form.Item label="请为本次服务打分" required validateStatus={error && !level ? 'error' : undefined}>
        <Rate value={level} onChange={setLevel} tooltips={RATING_TEXT.slice(1)} aria-label="评价星级" className="hb-rate" />
        {level > 0 && <span style={{ marginLeft: 8 }}>{RATING_TEXT[level]}</span>}
      </Form.Item>
      {bad && (
        <Form.Item name="reasons" label="差评原因（可多选）" rules={[{ required: true, message: '请至少选择一项差评原因' }]}>
          <Checkbox.Group
            data-testid="bad-reasons"
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={(reasons.data?.items ?? []).map((r) => ({ label: r, value: r }))}
          />
        </Form.Item>
      )}
      <Form.Item name="comment" label="意见建议（可选）">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} disabled={!level} data-testid="submit-rating">
        提交评价
      </Button>
    </Form>
  );
}
