// 材料 section of an application form: per material, a file kept in the browser until submit, or 容缺 / 告知承诺 / 免提交 where the catalogue allows.
import { useState } from 'react';
import { Alert, Button, Checkbox, Grid, Progress, Radio, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ACCEPT, checkFile, fmtSize, SOURCE_LABELS, type ItemMaterial } from '../lib/materials';

export type MaterialChoice = 'upload' | 'deferred' | 'commitment' | 'exempt';

export interface MaterialsState {
  choice: Record<string, MaterialChoice>;
  files: Record<string, File | undefined>;
  /** 《申请容缺受理承诺书》 signed. */
  deferralLetter: boolean;
  /** 告知承诺: the applicant's voluntary written commitment for the replaced materials. */
  commitmentSigned: boolean;
}

export interface UploadProgress {
  percent: number;
  error?: string;
  done?: boolean;
}

/** Why a material may not be deferred (mirrors the server's rule, which decides). */
export function whyNotDeferrable(m: ItemMaterial): string | undefined {
  if (m.core) return '核心要件不得容缺';
  if (!m.sources.includes('deferrable')) return '事项目录未将该材料列为可容缺';
  return undefined;
}

export const isExemptable = (m: ItemMaterial) => m.sources.includes('e-licence') || m.sources.includes('shared-data');

export function initialMaterials(materials: ItemMaterial[]): MaterialsState {
  return {
    choice: Object.fromEntries(materials.map((m) => [m.code, isExemptable(m) ? 'exempt' : 'upload'])),
    files: {},
    deferralLetter: false,
    commitmentSigned: false,
  };
}

/** Problems per material code ('' for the section as a whole) before anything is sent. */
export function checkMaterials(materials: ItemMaterial[], s: MaterialsState): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const m of materials) {
    const c = s.choice[m.code];
    if (c === 'upload' && !s.files[m.code]) errors[m.code] = '请选择要上传的文件，或选择其他提交方式';
  }
  const choices = Object.values(s.choice);
  if (choices.includes('deferred') && !s.deferralLetter) errors[''] = '选择容缺后补的，须签署《申请容缺受理承诺书》';
  else if (choices.includes('commitment') && !s.commitmentSigned) errors[''] = '选择告知承诺的，须勾选书面承诺';
  return errors;
}

export function ApplyMaterials({
  materials,
  value,
  onChange,
  errors,
  progress,
  disabled,
}: {
  materials: ItemMaterial[];
  value: MaterialsState;
  onChange: (s: MaterialsState) => void;
  errors: Record<string, string>;
  progress: Record<string, UploadProgress>;
  disabled?: boolean;
}) {
  const set = (patch: Partial<MaterialsState>) => onChange({ ...value, ...patch });
  const [pickError, setPickError] = useState<Record<string, string | undefined>>({});
  const choices = Object.values(value.choice);
  const phone = Grid.useBreakpoint().md === false;
  const choiceCell = (m: ItemMaterial) => {
    const c = value.choice[m.code];
    const notDeferrable = whyNotDeferrable(m);
    const file = value.files[m.code];
    const p = progress[m.code];
    return (
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Radio.Group
          size="small"
          disabled={disabled}
          value={c}
          aria-label={`${m.name} 提交方式`}
          onChange={(e) => set({ choice: { ...value.choice, [m.code]: e.target.value } })}
          data-testid={`choice-${m.code}`}
        >
          <Radio value="upload">上传</Radio>
          {isExemptable(m) && <Radio value="exempt">免提交（系统调取）</Radio>}
          {m.sources.includes('commitment') && <Radio value="commitment">告知承诺</Radio>}
          {notDeferrable ? (
            <Tooltip title={notDeferrable}>
              <Radio value="deferred" disabled>
                容缺后补
              </Radio>
            </Tooltip>
          ) : (
            <Radio value="deferred">容缺后补</Radio>
          )}
        </Radio.Group>
        {m.core && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            不可容缺：{notDeferrable}
          </Typography.Text>
        )}
        {c === 'upload' && (
          <Space wrap size={4}>
            <Upload
              accept={ACCEPT}
              showUploadList={false}
              disabled={disabled}
              beforeUpload={(f) => {
                const problem = checkFile(f);
                setPickError({ ...pickError, [m.code]: problem });
                if (problem) return Upload.LIST_IGNORE;
                set({ files: { ...value.files, [m.code]: f } });
                return false; // kept in the browser until the case exists
              }}
            >
              <Button size="small" icon={<UploadOutlined />} data-testid={`pick-${m.code}`}>
                {file ? '更换文件' : '选择文件'}
              </Button>
            </Upload>
            {file && (
              <span>
                <PaperClipOutlined /> {file.name}（{fmtSize(file.size)}）
                {!disabled && (
                  <Button type="link" size="small" onClick={() => set({ files: { ...value.files, [m.code]: undefined } })}>
                    移除
                  </Button>
                )}
              </span>
            )}
          </Space>
        )}
        {c === 'deferred' && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            容缺受理后，请在通知书载明的期限内补齐，逾期将终止办理。
          </Typography.Text>
        )}
        {p && (
          <Progress
            size="small"
            percent={p.percent}
            status={p.error ? 'exception' : p.done ? 'success' : 'active'}
            style={{ maxWidth: 260 }}
          />
        )}
        {(errors[m.code] || p?.error || pickError[m.code]) && (
          <Typography.Text type="danger" role="alert" data-testid={`material-error-${m.code}`}>
            {p?.error ?? pickError[m.code] ?? errors[m.code]}
          </Typography.Text>
        )}
      </Space>
    );
  };
  return (
    <div data-testid="apply-materials">
      {phone ? (
        <div className="hb-card-list">
          {materials.map((m) => (
            <div key={m.code} className="hb-item-card" data-testid={`apply-material-${m.code}`}>
              <div className="hb-item-card-title">
                {m.name}
                {m.core && (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    核心要件
                  </Tag>
                )}
              </div>
              <div className="hb-item-card-meta">
                {m.sources.map((x) => SOURCE_LABELS[x] ?? x).join('、')}
                {m.note ? ` · ${m.note}` : ''}
              </div>
              {choiceCell(m)}
            </div>
          ))}
        </div>
      ) : (
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={materials}
          columns={[
            {
              title: '材料',
              dataIndex: 'name',
              render: (n: string, m) => (
                <Space orientation="vertical" size={0}>
                  <span>
                    {n}
                    {m.core && (
                      <Tag color="red" style={{ marginLeft: 4 }}>
                        核心要件
                      </Tag>
                    )}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.sources.map((s) => SOURCE_LABELS[s] ?? s).join('、')}
                    {m.note ? ` · ${m.note}` : ''}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: '提交方式',
              width: '55%',
              render: (_: unknown, m: ItemMaterial) => choiceCell(m),
            },
          ]}
        />
      )}
      {choices.includes('deferred') && (
        <Checkbox
          style={{ marginTop: 8 }}
          disabled={disabled}
          checked={value.deferralLetter}
          onChange={(e) => set({ deferralLetter: e.target.checked })}
          data-testid="deferral-letter"
        >
          本人签署《申请容缺受理承诺书》，承诺在期限内补齐容缺材料，逾期未补齐自愿承担终止办理的后果
        </Checkbox>
      )}
      {choices.includes('commitment') && (
        <Checkbox
          style={{ marginTop: 8 }}
          disabled={disabled}
          checked={value.commitmentSigned}
          onChange={(e) => set({ commitmentSigned: e.target.checked })}
          data-testid="commitment-signed"
        >
          本人自愿作出书面承诺：以承诺替代的材料所述情况真实，如有不实愿承担相应法律责任
        </Checkbox>
      )}
      {errors[''] && <Alert type="error" showIcon role="alert" title={errors['']} style={{ marginTop: 8 }} />}
    </div>
  );
}
