import { Tag } from 'antd';
import { CASE_STATUS } from '../lib/format';

export function CaseStatusTag({ status }: { status: string }) {
  const s = CASE_STATUS[status] ?? { label: status, color: 'default' };
  return <Tag color={s.color}>{s.label}</Tag>;
}
