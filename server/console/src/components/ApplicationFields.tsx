// 申请信息: the applicant's form as staff read it — labelled fields, the raw data only inside 详情.
import { Collapse, Descriptions } from 'antd';
import { api } from '../lib/api';
import { fieldValue, FIELD_LABELS, isReadableField } from '../lib/format';
import { useApi } from '../lib/use-api';
import { RevealableText } from './RevealableText';
import type { CaseDetail } from '../lib/types';

/** Keys whose value the API masks for staff (phone and ID numbers): shown with 显示. */
const PERSONAL = /(phone|mobile|telephone|tel|id_?number|id_?card|id_?no)$/i;

export function ApplicationFields({ data }: { data: Pick<CaseDetail, 'caseId' | 'variables' | 'itemCode'> }) {
  const show = (k: string, v: unknown) =>
    PERSONAL.test(k) && typeof v === 'string' ? <RevealableText subject="case" id={data.caseId} field={k} value={v} /> : fieldValue(v);
  // An item's own form fields carry their labels in the catalogue.
  const itemCode = data.itemCode;
  const item = useApi(
    () =>
      itemCode
        ? api.get<{ formFields?: { key: string; label: string }[] }>(`/api/catalog/items/${encodeURIComponent(itemCode)}`)
        : Promise.resolve(undefined),
    [itemCode],
  );
  const formLabels: Record<string, string> = Object.fromEntries((item.data?.formFields ?? []).map((f) => [f.key, f.label]));
  return (
    <>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered data-testid="application-fields">
        {Object.entries(data.variables)
          .filter(([k]) => isReadableField(k))
          .map(([k, v]) => (
            <Descriptions.Item key={k} label={FIELD_LABELS[k]}>
              {show(k, v)}
            </Descriptions.Item>
          ))}
        {Object.entries(data.variables)
          .filter(([k]) => !isReadableField(k))
          .map(([k, v]) =>
            // Fields of an item's own form: the form's label where the catalogue gives one.
            typeof v !== 'object' || v === null ? (
              <Descriptions.Item key={k} label={formLabels[k] ?? '其他信息'}>
                {show(k, v)}
              </Descriptions.Item>
            ) : null,
          )}
      </Descriptions>
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'raw',
            label: '详情（原始数据）',
            children: <pre style={{ fontSize: 12, whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(data.variables, null, 2)}</pre>,
          },
        ]}
      />
    </>
  );
}
