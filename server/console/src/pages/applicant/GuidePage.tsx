// 办事指南: the item's guide in plain words — conditions, materials, time limits, where to go
// (address, hours, phone, map) — then 在线申请.
import { Button, Card, Descriptions, Grid, Table } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { api } from '../../lib/api';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ErrorState, Loading } from '../../components/states';

type Guide = Record<string, unknown> & { code: string; 事项名称: string; 申请材料?: Record<string, unknown>[]; 办理地点?: string[] };
interface Venue {
  code: string;
  name: string;
  address: string;
  hours: string;
  phone?: string;
  lat: number;
  lng: number;
}

/** Internal codes a citizen does not need on the guide (they stay in the published list). */
const HIDDEN = new Set(['code', 'version', '事项名称', '申请材料', '办理地点', '基本编码', '实施编码', '业务办理项编码']);

function text(v: unknown): string {
  if (Array.isArray(v)) return v.map(text).join('；');
  if (v && typeof v === 'object')
    return Object.entries(v)
      .map(([k, x]) => `${k}：${text(x)}`)
      .join('，');
  return v === undefined || v === null || v === '' ? '—' : String(v);
}

export const mapLink = (v: Venue) =>
  `https://uri.amap.com/marker?position=${v.lng},${v.lat}&name=${encodeURIComponent(v.name)}&coordinate=gaode&callnative=1`;

export function VenueCards({ codes }: { codes: string[] }) {
  const { data } = useApi(
    () => Promise.all(codes.map((c) => api.get<Venue>(`/api/venues/${encodeURIComponent(c)}`).catch(() => undefined))),
    [codes.join(',')],
  );
  if (!data) return <Loading rows={2} />;
  const venues = data.filter((v): v is Venue => !!v);
  if (!venues.length) return <span>请咨询 12345 政务服务便民热线</span>;
  return (
    <div className="hb-card-list" data-testid="venues">
      {venues.map((v) => (
        <div key={v.code} className="hb-item-card">
          <div className="hb-item-card-title">{v.name}</div>
          <div>地址：{v.address}</div>
          <div>办公时间：{v.hours}</div>
          {v.phone && (
            <div>
              咨询电话：<a href={`tel:${v.phone}`}>{v.phone}</a>
            </div>
          )}
          <a href={mapLink(v)} target="_blank" rel="noreferrer">
            <EnvironmentOutlined /> 在地图中查看
          </a>
        </div>
      ))}
    </div>
  );
}

export default function GuidePage({ code }: { code: string }) {
  const phone = Grid.useBreakpoint().md === false;
  const { data, error, reload } = useApi(() => api.get<Guide>(`/api/catalog/items/${encodeURIComponent(code)}/guide`), [code]);
  if (error) return <ErrorState error={error} retry={reload} what="办事指南" />;
  if (!data) return <Loading rows={8} />;
  const materials = data.申请材料 ?? [];
  const rest = Object.entries(data).filter(([k]) => !HIDDEN.has(k));
  const actions = (
    <div className="hb-actions">
      <Button type="primary" onClick={() => navigate(`/apply/item/${encodeURIComponent(code)}`)} data-testid="apply-item">
        在线申请
      </Button>
      <Button onClick={() => navigate(`/my/prereviews/new/${encodeURIComponent(code)}`)} data-testid="ask-prereview">
        先做资料预审
      </Button>
    </div>
  );
  return (
    <div>
      <h1 className="hb-page-title">办事指南：{data.事项名称}</h1>
      <Card style={{ marginBottom: 16 }} size="small">
        {actions}
      </Card>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={phone ? 1 : 2} size="small" bordered={!phone} layout={phone ? 'vertical' : 'horizontal'}>
          {rest.map(([k, v]) => (
            <Descriptions.Item key={k} label={k}>
              {text(v)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card title="办理地点" size="small" style={{ marginBottom: 16 }}>
        <VenueCards codes={data.办理地点 ?? []} />
      </Card>
      <Card title="申请材料" size="small">
        {phone ? (
          <div className="hb-card-list">
            {materials.map((m) => (
              <div key={String(m['材料编码'])} className="hb-item-card">
                <div className="hb-item-card-title">{text(m['材料名称'])}</div>
                <div className="hb-item-card-meta">
                  {text(m['份数'])} 份 · {m['是否核心要件'] === '是' ? '核心材料' : '一般材料'} · {text(m['获取方式'])}
                </div>
                {m['备注'] ? <div className="hb-item-card-meta">{text(m['备注'])}</div> : null}
              </div>
            ))}
          </div>
        ) : (
          <Table
            size="small"
            rowKey={(r) => String(r['材料编码'])}
            pagination={false}
            dataSource={materials}
            columns={['材料名称', '份数', '是否核心要件', '获取方式', '备注'].map((k) => ({
              title: k,
              dataIndex: k,
              render: (v: unknown) => text(v),
            }))}
          />
        )}
      </Card>
    </div>
  );
}
