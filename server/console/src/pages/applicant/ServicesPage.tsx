// 办事服务: find a service by life event (two lifecycle trees) or search, then read its guide and apply.
import { Card, Col, Row, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { Link } from '../../lib/router';
import { UnderConstruction } from '../../components/states';

export default function ServicesPage() {
  return (
    <div>
      <h1 className="hb-page-title">办事服务</h1>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title="按人生事件 / 企业生命周期找服务">
            <UnderConstruction title="事项目录与办事指南">个人全生命周期、法人全生命周期两棵事项树及搜索正在接入。</UnderConstruction>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="可直接申请的事项">
            <Card.Meta
              avatar={<FileTextOutlined style={{ fontSize: 28, color: '#c8102e' }} />}
              title={<Link to="/apply/general-approval">一般审批事项</Link>}
              description={<Typography.Text type="secondary">窗口受理 → 审批 → 出具结果。适用于许可类事项的演示流程。</Typography.Text>}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
