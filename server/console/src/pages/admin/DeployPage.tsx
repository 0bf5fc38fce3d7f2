// 部署流程: pick a .bpmn file, preview it, deploy; validation problems are pinned to their elements on the diagram.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, List, Progress, Result, Steps, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { navigate } from '../../lib/router';
import type { DefinitionSummary } from '../../lib/types';
import { Loading } from '../../components/states';
import type { DiagramProblem } from '../../components/BpmnDiagram';

const BpmnDiagram = lazy(() => import('../../components/BpmnDiagram'));

type Phase = 'idle' | 'read' | 'deploying' | 'done' | 'invalid' | 'error';

export default function DeployPage() {
  const [file, setFile] = useState<{ name: string; xml: string }>();
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState(0);
  const [problems, setProblems] = useState<DiagramProblem[]>([]);
  const [placed, setPlaced] = useState(0);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<DefinitionSummary & { created: boolean }>();
  const preview = useRef<HTMLDivElement>(null);
  // Problems are shown on the diagram: bring it into view.
  useEffect(() => {
    if (phase === 'invalid') preview.current?.scrollIntoView({ block: 'start' });
  }, [phase]);

  async function deploy() {
    if (!file) return;
    setPhase('deploying');
    setProblems([]);
    setError(undefined);
    setPercent(10);
    // The server compiles and stores in one request; the bar shows it is working, and completes on the answer.
    const timer = setInterval(() => setPercent((p) => Math.min(90, p + 10)), 150);
    try {
      const res = await api.post<DefinitionSummary & { created: boolean }>('/api/definitions', file.xml, { rawType: 'application/xml' });
      setResult(res);
      setPhase('done');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DEFINITION_INVALID' && Array.isArray(e.details)) {
        setProblems(e.details as DiagramProblem[]);
        setPhase('invalid');
      } else {
        setError(e instanceof ApiError ? e.message : String(e));
        setPhase('error');
      }
    } finally {
      clearInterval(timer);
      setPercent(100);
    }
  }

  // A refused file stops at 校验并部署 (marked failed); only a deployed one reaches 完成.
  const step = phase === 'idle' ? 0 : phase === 'read' ? 1 : phase === 'done' ? 3 : 2;

  return (
    <div>
      <h1 className="hb-page-title">部署流程</h1>
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={step}
          status={phase === 'invalid' || phase === 'error' ? 'error' : phase === 'done' ? 'finish' : 'process'}
          items={[
            { title: '选择 BPMN 文件' },
            { title: '预览' },
            { title: phase === 'invalid' ? '校验未通过' : phase === 'error' ? '部署失败' : '校验并部署' },
            { title: '完成' },
          ]}
        />
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Upload.Dragger
          accept=".bpmn,.xml"
          showUploadList={false}
          multiple={false}
          beforeUpload={async (f) => {
            const xml = await f.text();
            setFile({ name: f.name, xml });
            setPhase('read');
            setProblems([]);
            setResult(undefined);
            setError(undefined);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 .bpmn 文件（Camunda Modeler / bpmn-js 导出）</p>
          {file && (
            <Typography.Text strong data-testid="deploy-file">
              {file.name}
            </Typography.Text>
          )}
        </Upload.Dragger>
        <div style={{ marginTop: 12, display: 'flex', gap: 12, alignItems: 'center' }}>
          <Button
            type="primary"
            disabled={!file || phase === 'deploying'}
            loading={phase === 'deploying'}
            onClick={() => void deploy()}
            data-testid="deploy-button"
          >
            校验并部署
          </Button>
          {phase === 'deploying' || percent === 100 ? (
            <Progress
              percent={percent}
              size="small"
              style={{ width: 240 }}
              status={phase === 'invalid' || phase === 'error' ? 'exception' : phase === 'done' ? 'success' : 'active'}
            />
          ) : null}
        </div>
      </Card>
      {phase === 'done' && result && (
        <Result
          status="success"
          title={
            result.created ? `已部署 ${result.name ?? result.key} v${result.version}` : `内容未变化，沿用 ${result.key} v${result.version}`
          }
          subTitle={`部署时间 ${fmtDateTime(result.deployedAt)}；新办件将使用该版本，在办件继续使用其启动时的版本。`}
          extra={<Button onClick={() => navigate('/admin/definitions')}>查看流程定义</Button>}
        />
      )}
      {phase === 'error' && <Alert type="error" showIcon role="alert" title={`部署失败：${error}`} style={{ marginBottom: 16 }} />}
      {file && (
        <div ref={preview}>
          {phase === 'invalid' && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="deploy-problems"
              title={`校验未通过：共 ${problems.length} 个问题${placed ? `，其中 ${placed} 个已在流程图上用红色标出` : ''}`}
              description={
                <List
                  size="small"
                  dataSource={problems}
                  renderItem={(p) => (
                    <List.Item>
                      {p.elementId ? (
                        <>
                          元素 <code>{p.elementId}</code>：
                        </>
                      ) : (
                        '整个文件：'
                      )}
                      {p.message}
                    </List.Item>
                  )}
                />
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <Card title={phase === 'invalid' ? '流程图预览（红色标出有问题的元素）' : '流程图预览'} size="small">
            <Suspense fallback={<Loading rows={5} label="正在加载流程图…" />}>
              <BpmnDiagram xml={file.xml} problems={problems} height={400} onPlaced={setPlaced} />
            </Suspense>
          </Card>
        </div>
      )}
    </div>
  );
}
