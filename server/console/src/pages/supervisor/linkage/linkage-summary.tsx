// The facts of one linkage instance, per rule, for the detail drawer.
import type { ReactNode } from 'react';
import { List, Tag } from 'antd';
import { fmtDateTime } from '../../../lib/format';
import {
  ADJUSTMENT_CHANGES,
  decisionLabel,
  departmentName,
  FINDING_ACTIONS,
  FINDING_TYPES,
  type MachineDepartment,
  type MachineView,
} from '../../../lib/machines';
import { Link } from '../../../lib/router';

type Row = { label: string; value: ReactNode };
interface MeetingTask {
  owner: string;
  description: string;
  workingDays?: number;
  dueAt?: number;
  doneAt?: number;
}

export function linkageSummary(v: MachineView, departments?: MachineDepartment[]): Row[] {
  const c = v.context as Record<string, unknown>;
  const dept = (code: unknown) => departmentName(departments, code as string);
  const caseLink = c.caseId
    ? [{ label: '关联办件', value: <Link to={`/cases/${encodeURIComponent(String(c.caseId))}`}>{String(c.caseId)}</Link> }]
    : [];
  switch (v.kind) {
    case 'linkage.notice':
      return [
        { label: '监管部门', value: dept(c.department) },
        { label: '事项', value: String(c.itemName ?? '') },
        {
          label: '审批决定',
          value: (
            <>
              {decisionLabel(c.decision)} {c.commitment ? <Tag color="orange">告知承诺</Tag> : null}
            </>
          ),
        },
        { label: '决定时间', value: fmtDateTime(c.decidedAt as string) },
        ...caseLink,
        ...(c.signedBy ? [{ label: '认领', value: `${String(c.signedBy)} · ${fmtDateTime(new Date(c.signedAt as number))}` }] : []),
      ];
    case 'linkage.finding': {
      const action = c.action as { action: string; note: string; by?: string; at: number } | undefined;
      return [
        { label: '发现部门', value: dept(c.department) },
        { label: '类型', value: FINDING_TYPES[c.findingType as string] ?? String(c.findingType) },
        { label: '发现情况', value: String(c.description ?? '') },
        { label: '审批侧', value: dept(c.approvalDepartment) },
        ...caseLink,
        {
          label: '审批侧处置',
          value: action
            ? `${FINDING_ACTIONS[action.action] ?? action.action}：${action.note}（${action.by ?? ''} ${fmtDateTime(new Date(action.at))}）`
            : '尚未处置',
        },
      ];
    }
    case 'linkage.meeting': {
      const tasks = (c.tasks as MeetingTask[] | undefined) ?? [];
      return [
        { label: '提请部门', value: dept(c.department) },
        { label: '参会部门', value: ((c.departments as string[]) ?? []).map(dept).join('、') },
        {
          label: '议题',
          value: (
            <ol style={{ margin: 0, paddingLeft: 18 }}>
              {((c.agenda as string[]) ?? []).map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ol>
          ),
        },
        ...(c.convenedAt ? [{ label: '召开时间', value: fmtDateTime(c.convenedAt as string) }] : []),
        ...(c.decision ? [{ label: '会议决定', value: String(c.decision) }] : []),
        ...(tasks.length
          ? [
              {
                label: '落实任务',
                value: (
                  <List
                    size="small"
                    dataSource={tasks}
                    data-testid="meeting-tasks"
                    renderItem={(t, i) => (
                      <List.Item>
                        {i + 1}. {t.description} · {dept(t.owner)} · {t.workingDays} 个工作日，截止{' '}
                        {t.dueAt ? fmtDateTime(new Date(t.dueAt)) : '—'}{' '}
                        {t.doneAt ? (
                          <Tag color="green">已完成</Tag>
                        ) : t.dueAt && t.dueAt < Date.now() ? (
                          <Tag color="red">已超期</Tag>
                        ) : (
                          <Tag>进行中</Tag>
                        )}
                      </List.Item>
                    )}
                  />
                ),
              },
            ]
          : []),
        ...caseLink,
      ];
    }
    case 'linkage.city':
      return [
        { label: '提请部门', value: dept(c.department) },
        { label: '事项', value: String(c.matter ?? '') },
        { label: '报市级理由', value: String(c.reason ?? '') },
        ...(c.recipient ? [{ label: '报送单位', value: `${String(c.recipient)} ${c.reference ? `（${String(c.reference)}）` : ''}` }] : []),
        { label: '市级答复', value: c.reply ? String(c.reply) : '尚未答复' },
        ...(c.outcome ? [{ label: '办理结果', value: String(c.outcome) }] : []),
      ];
    case 'linkage.adjustment': {
      const notes = (c.reviewNotes as string[] | undefined) ?? [];
      return [
        {
          label: '调整类型',
          value: (
            <Tag color={c.change === 'cancel' ? 'red' : c.change === 'add' ? 'green' : 'blue'}>
              {ADJUSTMENT_CHANGES[c.change as string] ?? String(c.change)}
            </Tag>
          ),
        },
        { label: '事项', value: `${String(c.itemName ?? '')}（${String(c.itemCode ?? '')}）` },
        { label: '调整理由', value: String(c.reason ?? '') },
        { label: '提出部门/人', value: `${dept(c.department)} · ${String(c.proposedBy ?? '')}` },
        { label: '审核人', value: String(c.reviewer ?? '—') },
        ...(notes.length ? [{ label: '退回意见', value: notes.join('；') }] : []),
        ...(c.approvedBy ? [{ label: '审核通过', value: String(c.approvedBy) }] : []),
        ...(c.rejection ? [{ label: '不予调整理由', value: String(c.rejection) }] : []),
      ];
    }
    default:
      return [{ label: '部门', value: dept(c.department) }];
  }
}
