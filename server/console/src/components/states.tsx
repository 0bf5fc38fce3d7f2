// Loading, error, empty and "not built yet" states: no page is ever blank.
import { Alert, Button, Empty, Result, Skeleton, Space } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ApiError, isMissingRoute } from '../lib/api';

export function Loading({ rows = 4, label = '正在加载…' }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite" aria-label={label}>
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

export function UnderConstruction({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Result
      icon={<ToolOutlined />}
      status="info"
      title={`${title}：功能建设中`}
      subTitle={children ?? '该功能的服务接口尚未上线，上线后此处将显示实时数据。(This feature’s API has not been released yet.)'}
      data-testid="under-construction"
    />
  );
}

export function ErrorState({ error, retry, what }: { error: unknown; retry?: () => void; what?: string }) {
  if (isMissingRoute(error)) return <UnderConstruction title={what ?? '该功能'} />;
  const e = error instanceof ApiError ? error : new ApiError(0, 'CLIENT', (error as Error)?.message ?? String(error), null);
  const title = e.status === 403 ? '没有权限 (forbidden)' : e.status === 404 ? '未找到 (not found)' : '加载失败 (failed to load)';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        <Space orientation="vertical">
          <span>{e.message}</span>
          {e.code && <span style={{ color: '#888' }}>错误代码：{e.code}</span>}
          {retry && (
            <Button size="small" onClick={retry}>
              重试
            </Button>
          )}
        </Space>
      }
    />
  );
}

export function EmptyState({ description }: { description: string }) {
  return <Empty description={description} />;
}
