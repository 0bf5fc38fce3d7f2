import { DEPARTMENTS as STAFFED } from '../../../activities/catalog/departments';
import { MATTER_TYPES } from '../../../activities/domain/hotline/matter-types';
import { LIANHU_STREETS } from '../../../activities/domain/hotline/place';
import { DEPARTMENTS, streetCode } from '../../../activities/domain/machines/directory';

describe('12345 dispatch targets in the demo data', () => {
  it('every unit a matter type dispatches to is a department with at least one 承办人', () => {
    const units = [...new Set(MATTER_TYPES.map((t) => t.department))];
    const unstaffed = units.filter((code) => !DEPARTMENTS[code] || !STAFFED.some((s) => s.name === DEPARTMENTS[code].name));
    expect(unstaffed).toEqual([]);
    expect(STAFFED.find((s) => s.name === '生态环境局莲湖分局')?.staffId).toBe('hbj1');
  });
  it('the nine 街道 of the district are dispatch targets, each with a 承办人', () => {
    for (const s of LIANHU_STREETS) {
      const d = DEPARTMENTS[streetCode(s.code)];
      expect(d?.name).toBe(`${s.name}办事处`);
      expect(STAFFED.some((x) => x.name === d.name)).toBe(true);
    }
  });
});
