// 办件文书: the PDFs issued for a case (受理回执, 一次性告知书, 决定书, 电子证照), to download or print.
import { useState } from 'react';
import { Button, Card, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { api, session } from '../lib/api';
import { fmtDateTime } from '../lib/format';
import { plainError } from '../lib/plain';
import { useApi } from '../lib/use-api';
import { ErrorState } from './states';

export interface CaseDocument {
  id: string;
  kind: string;
  version: number;
  versions: number;
  number: string;
  title: string;
  issuedAt: string;
  url: string;
}

async function fetchPdf(url: string): Promise<Blob> {
  const token = session.token();
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error('文书下载失败，请稍后重试');
  return res.blob();
}

export function DocumentsCard({ caseId, refreshKey, print }: { caseId: string; refreshKey?: unknown; print?: boolean }) {
  const { data, error, reload } = useApi(
    () => api.get<{ items: CaseDocument[] }>(`/api/cases/${encodeURIComponent(caseId)}/documents`),
    [caseId, refreshKey],
  );
  const [problem, setProblem] = useState<string>();
  if (error) return <ErrorState error={error} retry={reload} what="办件文书" />;
  if (!data?.items.length) return null;
  async function download(d: CaseDocument, open: boolean) {
    setProblem(undefined);
    try {
      const url = URL.createObjectURL(await fetchPdf(d.url));
      if (open) {
        const w = window.open(url, '_blank');
        w?.addEventListener('load', () => w.print());
      } else {
        const a = document.createElement('a');
        a.href = url;
        a.download = `${d.title}-${d.number}.pdf`;
        document.body.appendChild(a);
        a.click();
        a.remove();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setProblem(plainError(e));
    }
  }
  return (
    <Card title="办件文书" size="small" style={{ marginBottom: 16 }} data-testid="documents-card">
      <div className="hb-card-list">
        {data.items.map((d) => (
          <div key={d.id} className="hb-item-card" data-testid={`document-${d.kind}`}>
            <div className="hb-item-card-title">
              <FilePdfOutlined style={{ color: '#c8102e' }} /> {d.title}
              {d.versions > 1 ? `（第 ${d.version} 版）` : ''}
            </div>
            <div className="hb-item-card-meta">
              文书编号 {d.number} · {fmtDateTime(d.issuedAt)}
            </div>
            <div className="hb-actions" style={{ marginTop: 6 }}>
              <Button icon={<DownloadOutlined />} onClick={() => void download(d, false)} data-testid={`download-${d.kind}`}>
                下载 PDF
              </Button>
              {print && (
                <Button icon={<PrinterOutlined />} onClick={() => void download(d, true)}>
                  打印
                </Button>
              )}
            </div>
          </div>
        ))}
      </div>
      {problem && (
        <Typography.Text type="danger" role="alert">
          {problem}
        </Typography.Text>
      )}
    </Card>
  );
}
