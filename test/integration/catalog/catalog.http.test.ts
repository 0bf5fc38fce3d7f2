import { startTestStack, type TestStack } from '../../helpers/stack';
import { generateCatalogue, GENERATED_LIBRARY } from './generate';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const CERT = '000116001000-610104000000-000-11610104MB2984101A-1-00';
const get = async (url: string, user = 'zhangsan') => stack.http.get(url).set('Authorization', await stack.auth(user));

describe('lifecycle trees, search and guides (服务公开)', () => {
  it('when the natural-person tree is read, then it has 4 stages with themes, events and items, and counts per level', async () => {
    const res = await get('/api/catalog/tree?subject=natural');
    expect(res.status).toBe(200);
    expect(res.body.stages.map((s: { name: string }) => s.name)).toEqual(['出生', '学龄', '劳动年龄', '老年']);
    const birth = res.body.stages[0];
    expect(birth.counts).toEqual({ themes: 2, events: 2, items: 7 });
    const newborn = birth.themes[0].events[0];
    expect(newborn).toMatchObject({ code: 'EV-NEWBORN', name: '新生儿出生一件事' });
    expect(newborn.items[0]).toMatchObject({ code: CERT, name: '出生医学证明首次签发', department: '区卫生健康局' });
    expect(res.body.counts).toMatchObject({ stages: 4, themes: 8 });
    expect(res.body.counts.events).toBeGreaterThanOrEqual(8);
  });

  it('when the legal-person tree is read, then it has 设立, 经营, 注销 and the 企业注销 event orders 清税 before 注销登记', async () => {
    const res = await get('/api/catalog/tree?subject=legal');
    expect(res.body.stages.map((s: { name: string }) => s.name)).toEqual(['设立', '经营', '注销']);
    const close = res.body.stages[2].themes[0].events[0];
    expect(close.name).toBe('企业注销一件事');
    const dereg = close.items.find((i: { name: string }) => i.name === '公司注销登记');
    expect(dereg.after).toHaveLength(3);
  });

  it('when searching 开饭店, then the restaurant event ranks first; 退休 finds the 退休 event', async () => {
    const res = await get(`/api/catalog/search?q=${encodeURIComponent('开饭店')}`);
    expect(res.body.items[0]).toMatchObject({ kind: 'event', code: 'EV-RESTAURANT' });
    const retire = await get(`/api/catalog/search?q=${encodeURIComponent('退休')}`);
    expect(retire.body.items.map((i: { code: string }) => i.code)).toContain('EV-RETIRE');
  });

  it('when a guide is read, then conditions, materials with their sources, flow, limits, fees and venues are given in Chinese', async () => {
    const res = await get(`/api/catalog/items/${CERT}/guide`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      事项名称: '出生医学证明首次签发',
      实施主体: '区卫生健康局',
      办件类型: '即办件',
      承诺办结时限: '即办',
      法定办结时限: '5个工作日',
    });
    expect(res.body.申请材料[0]).toMatchObject({ 材料名称: '居民身份证', 是否核心要件: '是', 获取方式: ['电子证照免提交', '上传电子件'] });
    expect(res.body.受理条件.length).toBeGreaterThan(0);
    expect(res.body.收费.是否收费).toBe('否');
  });

  it('when an unknown item code is asked for, then 404 names it', async () => {
    const res = await get('/api/catalog/items/NO-SUCH-ITEM/guide');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('NO-SUCH-ITEM');
    const ev = await get('/api/events/EV-NOPE');
    expect(ev.status).toBe(404);
    expect(ev.body.error.details).toEqual({ eventCode: 'EV-NOPE' });
  });

  it('when filtering by 一证通办, then only the flagged items come back and their guide says so', async () => {
    const flagged = await get('/api/catalog/items?oneLicence=true&limit=100');
    expect(flagged.status).toBe(200);
    const names = flagged.body.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['社会保障卡申领', '老年人优待证办理']));
    expect(flagged.body.items.every((i: { oneLicence: boolean }) => i.oneLicence)).toBe(true);
    const rest = await get('/api/catalog/items?oneLicence=false&limit=100');
    expect(rest.body.total + flagged.body.total).toBe((await get('/api/catalog/items?limit=1')).body.total);
    expect(rest.body.items.map((i: { name: string }) => i.name)).not.toContain('社会保障卡申领');
    const code = flagged.body.items.find((i: { name: string }) => i.name === '社会保障卡申领').code;
    expect((await get(`/api/catalog/items/${code}/guide`)).body.一证通办).toBe('是');
    expect((await get(`/api/catalog/items/${CERT}/guide`)).body.一证通办).toBe('否');
  });
});

describe('咨询引导, 就近办 and the 审批服务地图', () => {
  it('when asking the knowledge base in Chinese, then the answer links to its item and event', async () => {
    const res = await get(`/api/knowledge/search?q=${encodeURIComponent('孩子出生怎么上户口')}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    const top = res.body.items[0];
    expect(top.question).toContain('户口');
    expect(top.events.map((e: { code: string }) => e.code)).toContain('EV-NEWBORN');
    const linked = res.body.items.find((i: { items: unknown[] }) => i.items.length > 0);
    expect(linked.items[0].guide).toMatch(/^\/api\/catalog\/items\/.+\/guide$/);
  });

  it('when looking for the nearest venue for 老年人优待证 from a coordinate, then community stations come first by distance', async () => {
    const item = '000117003000';
    const res = await get(`/api/venues?item=${item}&lat=34.2560&lng=108.9120&limit=3`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ code: 'V-CS-LAODONG', kindLabel: '社区便民服务站' });
    const d = res.body.items.map((v: { distanceKm: number }) => v.distanceKm);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
  });

  it('when looking by address, then the sub-district or community in it anchors the search; an unknown item is 404', async () => {
    const res = await get(`/api/venues?item=000143001000&address=${encodeURIComponent('西安市莲湖区土门街道劳动南路')}`);
    expect(res.body.matchedPlace).toBe('土门街道');
    expect(res.body.items[0].subdistrict).toBe('土门街道');
    const unknown = await get('/api/venues?item=000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('000000000000');
  });

  it('when reading the service map, then five hot industries have guidance per zone and the 免踏勘 check answers', async () => {
    const res = await get('/api/servicemap');
    expect(res.body.industries).toHaveLength(5);
    const restaurant = await get('/api/servicemap/industries/IND-RESTAURANT?zone=Z-BEIYUANMEN');
    expect(restaurant.body.zoneAdvice).toContain('免踏勘');
    expect(restaurant.body.eventCode).toBe('EV-RESTAURANT');
    const check = await stack.http
      .post('/api/servicemap/inspection-exemption')
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ businessType: '餐饮服务', previousBusinessType: '食品销售', mainStructureChanged: false, previouslyLicensed: true });
    expect(check.body.exempt).toBe(false);
  });
});

describe('bulk import and versions', () => {
  it('when an admin imports a generated catalogue of 1,200 items, then it takes seconds and every item is stored once', async () => {
    const items = generateCatalogue(1200);
    // Materials travel inline (library codes expanded), one item per NDJSON line: well over the 1 MB JSON limit.
    const library = GENERATED_LIBRARY as Record<string, Record<string, unknown>>;
    const expanded = items.map((i) => ({ ...i, materials: (i.materials as string[]).map((code) => ({ code, ...library[code] })) }));
    const ndjson = expanded.map((i) => JSON.stringify(i)).join('\n');
    expect(ndjson.length).toBeGreaterThan(1_000_000);
    const t0 = Date.now();
    const res = await stack.http
      .post('/api/catalog/import')
      .set('Authorization', await stack.auth('admin'))
      .set('content-type', 'application/x-ndjson')
      .send(ndjson);
    const ms = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual({ created: 1200, unchanged: 0, superseded: 0 });
    expect(ms).toBeLessThan(15_000);
    const again = await stack.http
      .post('/api/catalog/import')
      .set('Authorization', await stack.auth('admin'))
      .set('content-type', 'application/x-ndjson')
      .send(ndjson);
    expect(again.body.items).toEqual({ created: 0, unchanged: 1200, superseded: 0 });
    const list = await get('/api/catalog/items?department=' + encodeURIComponent('区民政局') + '&limit=5', 'window1');
    expect(list.body.total).toBeGreaterThanOrEqual(200);
  });

  it('when an import has a bad field, then 207 names the item code and field and the good items load; a non-admin gets 403', async () => {
    const [good, bad] = generateCatalogue(2).map((i) => ({ ...i, code: `${i.code}-B`, materials: [] }));
    const res = await stack.http
      .post('/api/catalog/import')
      .set('Authorization', await stack.auth('admin'))
      .send({ items: [good, { ...bad, level: '宇宙级' }] });
    expect(res.status).toBe(207);
    expect(res.body.items.created).toBe(1);
    expect(res.body.problems).toEqual([expect.objectContaining({ code: bad.code, field: 'level' })]);
    const denied = await stack.http
      .post('/api/catalog/import')
      .set('Authorization', await stack.auth('window1'))
      .send({ items: [good] });
    expect(denied.status).toBe(403);
  });

  it('when one NDJSON line is not JSON, then 207 reports that line and every good line still loads', async () => {
    const [a, b] = generateCatalogue(2).map((i) => ({ ...i, code: `${i.code}-N`, materials: [] }));
    const ndjson = [JSON.stringify(a), '{"code": "BROKEN", "name": 未加引号}', JSON.stringify(b)].join('\n');
    const res = await stack.http
      .post('/api/catalog/import')
      .set('Authorization', await stack.auth('admin'))
      .set('content-type', 'application/x-ndjson')
      .send(ndjson);
    expect(res.status).toBe(207);
    expect(res.body.items.created).toBe(2);
    expect(res.body.problems).toEqual([expect.objectContaining({ code: '第 2 行', field: 'line' })]);
    const allBad = await stack.http
      .post('/api/catalog/import')
      .set('Authorization', await stack.auth('admin'))
      .set('content-type', 'application/x-ndjson')
      .send('not json\n');
    expect(allBad.status).toBe(400);
    expect(allBad.body.error.details).toEqual([expect.objectContaining({ code: '第 1 行' })]);
  });

  it('when an event bundles items asking one field with different types, then the event is rejected naming both item codes', async () => {
    const [a, b] = generateCatalogue(2).map((i) => ({ ...i, code: `${i.code}-C`, materials: [] }));
    const res = await stack.http
      .post('/api/catalog/import')
      .set('Authorization', await stack.auth('admin'))
      .send({
        items: [a, { ...b, formFields: [{ key: 'applicantName', label: '申请人', type: 'number' }] }],
        events: [
          {
            code: 'EV-CONFLICT',
            name: '冲突测试',
            theme: 'T-NEWBORN',
            leadDepartment: '区卫生健康局',
            promisedDays: 1,
            items: [{ code: a.code }, { code: b.code }],
          },
        ],
      });
    expect(res.status).toBe(207);
    expect(res.body.events).toEqual({ loaded: 0, rejected: 1 });
    expect(res.body.problems[0].message).toContain(a.code as string);
    expect(res.body.problems[0].message).toContain(b.code as string);
    expect((await get('/api/events/EV-CONFLICT')).status).toBe(404);
  });

  it('when an item changes, then it gets a new version and an event case already started keeps the version it started with', async () => {
    const form = {
      babyName: '赵小满',
      babyGender: '女',
      birthDate: '2026-11-21',
      motherName: '钱敏',
      motherIdNumber: '61010419960101002X',
      fatherName: '赵磊',
      fatherIdNumber: '610104199401010031',
      hospital: '西安市红会医院',
      householdAddress: '西安市莲湖区北关正街88号',
      contactPhone: '13700000000',
      bankAccount: '6217000000000000002',
    };
    const first = await stack.http
      .post('/api/events/EV-NEWBORN/cases')
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ form, materials: { deferrals: ['PHOTO'] } });
    expect(first.status).toBe(201);
    expect(first.body.items[0].itemId).toBe(`${CERT}@v1`);

    const current = (await get(`/api/catalog/items/${CERT}`)).body;
    const { id: _id, version: _version, ...definition } = current;
    const changed = { ...definition, promisedLimit: { value: 0, unit: 'working-day', note: '当场办结' } };
    const res = await stack.http
      .post('/api/catalog/import')
      .set('Authorization', await stack.auth('admin'))
      .send({ items: [changed] });
    expect(res.body.items).toEqual({ created: 1, unchanged: 0, superseded: 1 });
    const versions = await get(`/api/catalog/items/${CERT}/versions`);
    expect(versions.body.items.map((v: { version: number; isLatest: boolean }) => [v.version, v.isLatest])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect((await get(`/api/catalog/items/${CERT}?version=1`)).body.promisedLimit.note).toBeUndefined();

    const kept = await get(`/api/events/cases/${first.body.eventCaseId}`);
    expect(kept.body.items[0].itemId).toBe(`${CERT}@v1`);
    const second = await stack.http
      .post('/api/events/EV-NEWBORN/cases')
      .set('Authorization', await stack.auth('zhangsan'))
      .send({ form, materials: { deferrals: ['PHOTO'] } });
    expect(second.body.items[0].itemId).toBe(`${CERT}@v2`);
  });
});
