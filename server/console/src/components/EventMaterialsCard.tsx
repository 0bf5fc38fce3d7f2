// 一件事 申请材料: the merged set with each material's state; upload or re-upload (补正) any of them here.
import { useState } from 'react';
import { Button, Card, Progress, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../lib/api';
import { ACCEPT, checkFile, STATE_TAGS, uploadEventMaterial } from '../lib/materials';
import { plainError } from '../lib/plain';
import { useApi } from '../lib/use-api';
import { ErrorState } from './states';

interface Entry {
  code: string;
  name: string;
  core: boolean;
  resolution: string;
  state: string;
  file: { fileName: string; reviewNote: string | null } | null;
}

export function EventMaterialsCard({
  id,
  running,
  refreshKey,
}: {
  id: string;
  running: boolean;
  /** Reloads with the page's own refresh. */ refreshKey?: unknown;
}) {
  const { data, error, reload } = useApi(
    () => api.get<{ items: Entry[]; missing: number }>(`/api/events/cases/${encodeURIComponent(id)}/materials`),
    [id, refreshKey],
  );
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  if (error) return <ErrorState error={error} retry={reload} what="申请材料" />;
  if (!data || !data.items.length) return null;
  async function upload(code: string, file: File) {
    const problem = checkFile(file);
    setErrors((e) => ({ ...e, [code]: problem }));
    if (problem) return;
    try {
      await uploadEventMaterial(id, code, file, (p) => setProgress((x) => ({ ...x, [code]: p })));
      setProgress((x) => ({ ...x, [code]: 100 }));
      reload();
    } catch (e) {
      setErrors((x) => ({ ...x, [code]: `上传失败：${plainError(e)}` }));
    }
  }
  return (
    <Card
      title={`申请材料${data.missing ? `（${data.missing} 份待提交）` : ''}`}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="event-materials-card"
    >
      <div className="hb-card-list">
        {data.items.map((m) => {
          const tag = STATE_TAGS[m.state] ?? { label: m.state, color: 'default' };
          const canUpload = running && m.state !== 'accepted';
          return (
            <div key={m.code} className="hb-item-card" data-testid={`event-material-row-${m.code}`}>
              <div className="hb-item-card-title">
                {m.name} <Tag color={tag.color}>{tag.label}</Tag>
              </div>
              {m.file && (
                <div className="hb-file">
                  <PaperClipOutlined /> {m.file.fileName}
                </div>
              )}
              {m.file?.reviewNote && <Typography.Text type="danger">需补正：{m.file.reviewNote}</Typography.Text>}
              {canUpload && (
                <div style={{ marginTop: 6 }}>
                  <Upload accept={ACCEPT} showUploadList={false} beforeUpload={(f) => (void upload(m.code, f), false)}>
                    <Button icon={<UploadOutlined />} data-testid={`event-upload-${m.code}`}>
                      {m.file ? '重新上传' : '上传'}
                    </Button>
                  </Upload>
                </div>
              )}
              {progress[m.code] !== undefined && progress[m.code] < 100 && <Progress size="small" percent={progress[m.code]} />}
              {errors[m.code] && (
                <div>
                  <Typography.Text type="danger" role="alert">
                    {errors[m.code]}
                  </Typography.Text>
                </div>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}
