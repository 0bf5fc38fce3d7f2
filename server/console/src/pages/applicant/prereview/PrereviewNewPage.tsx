// 申请资料预审: before applying, hand in the item's materials for the window to check; the notes come
// back in one notice, and the materials that pass go with the formal application.
import { useState } from 'react';
import { Alert, Button, Card, Tag, Typography } from 'antd';
import { api } from '../../../lib/api';
import { plainError } from '../../../lib/plain';
import { navigate } from '../../../lib/router';
import { useApi } from '../../../lib/use-api';
import type { ItemMaterial } from '../../../lib/materials';
import type { Prereview } from '../../../lib/prereview';
import { ErrorState, Loading } from '../../../components/states';
import { PrereviewFilePicker, type PickedFile } from '../../../components/PrereviewFilePicker';

interface Item {
  code: string;
  name: string;
  department: string;
  materials?: ItemMaterial[];
}

export default function PrereviewNewPage({ code }: { code: string }) {
  const item = useApi(() => api.get<Item>(`/api/catalog/items/${encodeURIComponent(code)}`), [code]);
  const [files, setFiles] = useState<Record<string, PickedFile>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (item.error) return <ErrorState error={item.error} retry={item.reload} what="事项" />;
  if (!item.data) return <Loading />;
  const it = item.data;
  const materials = it.materials ?? [];

  async function submit() {
    const chosen = materials.filter((m) => files[m.code]);
    if (!chosen.length) {
      setError('请至少上传一份材料再提交预审');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<Prereview>('/api/prereview', {
        itemCode: it.code,
        materials: chosen.map((m) => ({ code: m.code, fileRef: files[m.code].fileRef })),
      });
      navigate(`/my/prereviews/${encodeURIComponent(created.id)}?new=1`);
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h1 className="hb-page-title">资料预审：{it.name}</h1>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="正式申请前，先把材料交给窗口看一看"
        description="工作人员会逐项查看，需要补正的内容一次性告知您。预审通过的材料在正式申请时无需再次上传。可以只上传已准备好的材料，未上传的也会在预审意见中列出。"
      />
      <Card title={`${it.department} · 申请材料（共 ${materials.length} 项）`} size="small">
        <div className="hb-card-list">
          {materials.map((m) => (
            <div key={m.code} className="hb-item-card">
              <div className="hb-item-card-title">
                {m.name}
                {m.core && (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    核心
                  </Tag>
                )}
              </div>
              {m.note && <div className="hb-item-card-meta">{m.note}</div>}
              <div style={{ marginTop: 6 }}>
                <PrereviewFilePicker
                  code={m.code}
                  name={m.name}
                  value={files[m.code]}
                  disabled={busy}
                  onChange={(f) => setFiles((x) => ({ ...x, [m.code]: f }))}
                />
              </div>
            </div>
          ))}
        </div>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" size="large" loading={busy} onClick={() => void submit()} data-testid="submit-prereview">
          提交预审
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          支持 PDF、JPG、PNG、OFD 格式，单个文件不超过 20 MB。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
