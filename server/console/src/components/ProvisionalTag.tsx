// 暂定: a deadline over a year whose official holiday notice is not loaded yet; it may still move.
import { Tag, Tooltip } from 'antd';

export function ProvisionalTag() {
  return (
    <Tooltip title="次年节假日安排尚未公布，此期限按周末和法定节假日暂定，公布后将自动重算">
      <Tag color="orange" style={{ marginLeft: 6 }} data-testid="deadline-provisional">
        暂定
      </Tag>
    </Tooltip>
  );
}
