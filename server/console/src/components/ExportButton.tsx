// 导出 Excel: downloads the page's list or figures as a workbook, with the page's filters.
import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download, type RequestOptions } from '../lib/api';

export function ExportButton({
  path,
  query,
  label = '导出 Excel',
  testId,
}: {
  path: string;
  query?: RequestOptions['query'];
  label?: string;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid={testId}
      onClick={async () => {
        setBusy(true);
        try {
          const name = await download(path, query);
          message.success(`已导出「${name}」`);
        } catch (e) {
          message.error(e instanceof Error ? e.message : '导出失败');
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}
