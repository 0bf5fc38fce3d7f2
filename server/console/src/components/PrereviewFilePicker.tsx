// One material's file for 资料预审: picked, checked, uploaded at once (with progress), its name shown.
import { useState } from 'react';
import { Button, Progress, Space, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ACCEPT, checkFile, fmtSize } from '../lib/materials';
import { plainError } from '../lib/plain';
import { uploadPrereviewFile, type PrereviewFile } from '../lib/prereview';

export interface PickedFile extends PrereviewFile {
  fileRef: string;
}

export function PrereviewFilePicker({
  code,
  name,
  value,
  onChange,
  label = '选择文件',
  disabled,
}: {
  code: string;
  name: string;
  value?: PickedFile;
  onChange: (f: PickedFile) => void;
  label?: string;
  disabled?: boolean;
}) {
  const [percent, setPercent] = useState<number>();
  const [error, setError] = useState<string>();
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`prereview-material-${code}`}>
      <Upload
        accept={ACCEPT}
        showUploadList={false}
        disabled={disabled || percent !== undefined}
        beforeUpload={(file) => {
          const problem = checkFile(file);
          setError(problem);
          return problem ? Upload.LIST_IGNORE : true;
        }}
        customRequest={({ file }) => {
          setPercent(0);
          setError(undefined);
          uploadPrereviewFile(code, file as File, setPercent)
            .then((f) => onChange({ id: f.id, fileName: f.fileName, size: f.size, contentType: f.contentType, fileRef: f.fileRef }))
            .catch((e) => setError(`「${name}」上传失败：${plainError(e)}`))
            .finally(() => setPercent(undefined));
        }}
      >
        <Button icon={<UploadOutlined />} loading={percent !== undefined} style={{ minHeight: 44 }}>
          {value ? '重新选择' : label}
        </Button>
      </Upload>
      {percent !== undefined && <Progress percent={percent} size="small" style={{ maxWidth: 200 }} />}
      {value && (
        <Typography.Text className="hb-file">
          <PaperClipOutlined /> {value.fileName}（{fmtSize(value.size)}）
        </Typography.Text>
      )}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}
