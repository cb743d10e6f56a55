import { describe, expect, it } from 'vitest';
import { noticeDescription, notificationTarget, notificationText, type AppNotification } from './notification-text.ts';

const base: AppNotification = { id: '1', kind: 'x', title: 'Server title', body: {}, object: 'lead', recordId: 'r', createdAt: '2026-01-01T00:00:00Z', readAt: null };

describe('notification text', () => {
  it('speaks the reader’s language for known kinds', () => {
    expect(notificationText({ ...base, kind: 'release_warning', body: { releaseAt: '2026-02-01T00:00:00Z', releaseDueTo: 'no_visit' } }, 'zh', (s) => s.slice(0, 10)))
      .toBe('将于 2026-02-01 回收到公海（未拜访）');
    expect(notificationText({ ...base, kind: 'released', body: { reason: 'hold_expired' } }, 'en', String)).toBe('A record you held went back to the public pool (hold expired)');
    expect(notificationText({ ...base, kind: 'released', body: { reason: 'moving on' } }, 'en', String)).toBe('A record you held went back to the public pool (moving on)');
    expect(notificationText({ ...base, kind: 'released', body: { reason: 'no_visit' } }, 'zh', String)).toBe('你持有的记录已回收到公海（未拜访）');
    expect(notificationText({ ...base, kind: 'released', body: {} }, 'zh', String)).toBe('你持有的记录已回收到公海');
    expect(notificationText(base, 'zh', String)).toBe('Server title');
  });
});

describe('an assignment', () => {
  const assigned: AppNotification = { ...base, kind: 'assigned', title: 'A lead was assigned to you', body: { by: 'u-1', pool: 'leadPool' } };
  const names = (id: string) => (id === 'u-1' ? '李娜' : undefined);

  it('says who assigned the record, once their name is known', () => {
    expect(notificationText(assigned, 'zh', String, undefined, names)).toBe('李娜 将它分配给你');
    expect(notificationText(assigned, 'en', String, undefined, names)).toBe('李娜 assigned it to you');
    expect(notificationText(assigned, 'zh', String)).toBe('有记录分配给你');
    expect(notificationText({ ...assigned, body: {} }, 'en', String, undefined, names)).toBe('A record was assigned to you');
  });
});

describe('new work orders', () => {
  const orders: AppNotification = { ...base, kind: 'work_orders', title: '4 new work orders (eastChinaNewHotels)', body: { rule: 'eastChinaNewHotels', count: 4 }, recordId: null };
  const titles = (rule: string) => (rule === 'eastChinaNewHotels' ? '华东新酒店分配' : rule);

  it('say how many in the reader’s language, with the rule’s title', () => {
    expect(notificationText(orders, 'zh', String, titles)).toBe('4 个新工单（华东新酒店分配）');
    expect(notificationText(orders, 'en', String, () => 'New hotels in East China')).toBe('4 new work orders (New hotels in East China)');
    expect(notificationText({ ...orders, body: { rule: 'x', count: 1 } }, 'en', String)).toBe('1 new work order (x)');
  });

  it('lead to the work-order queue; others to their record', () => {
    expect(notificationTarget(orders)).toEqual({ kind: 'workOrders' });
    expect(notificationTarget(base)).toEqual({ kind: 'record', object: 'lead', id: 'r' });
    expect(notificationTarget({ ...base, recordId: null })).toBeUndefined();
  });
});

describe('the line under a notification', () => {
  it('says its object and when, or only when for one about no object', () => {
    expect(noticeDescription('线索', '2026-03-02 09:30')).toBe('线索 · 2026-03-02 09:30');
    expect(noticeDescription('', '2026-03-02 09:30')).toBe('2026-03-02 09:30');
  });
});

describe('an import that ended', () => {
  const ended: AppNotification = { ...base, kind: 'import_finished', title: 'The import of lead is done', recordId: null, body: { job: 'j-1', state: 'done', created: 120, updated: 3, unchanged: 0, refused: 0 } };

  it('says what it added and updated, what was already so and how many rows it refused', () => {
    expect(notificationText(ended, 'zh', String)).toBe('导入完成：新增 120 条，更新 3 条');
    expect(notificationText({ ...ended, body: { ...ended.body, unchanged: 4, refused: 2 } }, 'zh', String)).toBe('导入完成：新增 120 条，更新 3 条，4 条无变化；2 行未导入');
    expect(notificationText({ ...ended, body: { ...ended.body, refused: 1 } }, 'en', String)).toBe('Import finished: 120 added, 3 updated; 1 row was not imported');
    expect(notificationText({ ...ended, body: { ...ended.body, state: 'failed', created: 0, updated: 0, refused: 1 } }, 'zh', String)).toBe('导入已中止：新增 0 条，更新 0 条；1 行未导入');
    expect(notificationText({ ...ended, body: {} }, 'en', String)).toBe('The import of lead is done');
  });

  it('leads to its results on the object’s list', () => {
    expect(notificationTarget(ended)).toEqual({ kind: 'import', object: 'lead', job: 'j-1' });
    expect(notificationTarget({ ...ended, body: {} })).toBeUndefined();
  });
});

describe('a background run that ended', () => {
  const ran: AppNotification = { ...base, kind: 'assignment_finished', title: 'Assignment rule jiangsu assigned 120 records', recordId: null,
    body: { job: 'j-2', rule: 'jiangsu', state: 'done', allocated: 120, unassigned: 0, users: 8, runId: 'r-1' } };
  const titles = (rule: string) => (rule === 'jiangsu' ? '江苏新酒店分配' : rule);

  it('says what the rule assigned to how many, and what it left', () => {
    expect(notificationText(ran, 'zh', String, titles)).toBe('江苏新酒店分配：已分配 120 条给 8 人');
    expect(notificationText({ ...ran, body: { ...ran.body, allocated: 1, users: 1, unassigned: 3 } }, 'en', String, () => 'New hotels')).toBe('New hotels assigned 1 record to 1 person; 3 left unassigned');
    expect(notificationText({ ...ran, body: { ...ran.body, unassigned: 3 } }, 'zh', String, titles)).toBe('江苏新酒店分配：已分配 120 条给 8 人；3 条未分配');
  });

  it('says why one that failed assigned nothing, in the reader’s words where the code is known', () => {
    const failed = (code: string, message: string) => ({ ...ran, body: { job: 'j-3', rule: 'jiangsu', state: 'failed', code, message } });
    expect(notificationText(failed('run_interrupted', 'The process running it stopped before the run ended; nothing was assigned'), 'zh', String, titles))
      .toBe('江苏新酒店分配：运行该分配的服务器在完成前停止了，未分配任何记录，请重新运行。');
    expect(notificationText(failed('rule_inactive', 'Assignment rule jiangsu is disabled; only a dry run is possible'), 'zh', String, titles))
      .toBe('江苏新酒店分配：分配未完成，未分配任何记录：该分配规则未启用，只能试运行');
    expect(notificationText({ ...ran, body: {} }, 'en', String)).toBe('Assignment rule jiangsu assigned 120 records');
  });

  it('leads to the assignment rules', () => {
    expect(notificationTarget(ran)).toEqual({ kind: 'assignmentRules' });
  });
});
