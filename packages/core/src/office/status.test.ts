import { describe, expect, it } from 'vitest';
import { deadlineOf, unitStatus } from './status';
import type { UnitRow } from './storage';

/** 新余市财政局 on the roster from 2019, its 2019 report published on `publishedOn`. */
const row = (over: Partial<UnitRow> = {}): UnitRow => ({
  id: 7,
  name: '新余市财政局',
  kind: 'department',
  regionCode: '360500',
  regionName: '江西省新余市',
  unitId: 7,
  fromYear: 2019,
  withdrawnFrom: null,
  exemptFrom: null,
  url: null,
  parentName: '新余市人民政府',
  firstYear: 2019,
  reportId: 11,
  publishedOn: '2020-01-20',
  score: 88.5,
  grade: '良好',
  ingestedAt: '2020-02-01T08:00:00.000Z',
  filedOn: null,
  ...over,
});

const deadline = deadlineOf({
  defaults: { department: '01-31', government: '03-31' },
  rules: [
    { regionCode: '360000', kind: 'department', monthDay: '02-15' },
    { regionCode: '360500', kind: 'department', monthDay: '02-28' },
  ],
});

describe('deadlineOf', () => {
  it('takes the most specific region rule of the kind, else the statutory default', () => {
    expect(deadline(2019, 'department', '360502')).toBe('2020-02-28');
    expect(deadline(2019, 'department', '360700')).toBe('2020-02-15');
    expect(deadline(2019, 'department', '120104')).toBe('2020-01-31');
    expect(deadline(2019, 'government', '360500')).toBe('2020-03-31');
    expect(deadline(2019, 'department', null)).toBe('2020-01-31');
  });
});

describe('unitStatus', () => {
  it('is on time up to the deadline and late by the days after it', () => {
    expect(unitStatus(row(), 2019, '2020-06-30', deadline)).toMatchObject({ status: 'on-time', daysLate: 0, deadline: '2020-02-28', reportId: 11, score: 88.5, grade: '良好' });
    expect(unitStatus(row({ publishedOn: '2020-03-10' }), 2019, '2020-06-30', deadline)).toMatchObject({ status: 'late', daysLate: 11, publishedOn: '2020-03-10' });
    // no publication date: the 报送日期 decides
    expect(unitStatus(row({ publishedOn: null, filedOn: '2020-03-01' }), 2019, '2020-06-30', deadline)).toMatchObject({ status: 'late', daysLate: 2, filedOn: '2020-03-01' });
  });

  it('counts a report published after the cut-off as not there yet: not due, then missing', () => {
    const later = row({ publishedOn: '2020-04-01' });
    expect(unitStatus(later, 2019, '2020-02-01', deadline)).toMatchObject({ status: 'not-due', reportId: null, score: null, grade: null, publishedOn: null });
    expect(unitStatus(later, 2019, '2020-03-15', deadline)).toMatchObject({ status: 'missing', reportId: null, daysLate: null });
  });

  it('owes nothing before the roster year or from the 撤并 year; 免报 from its exemption year', () => {
    const none = { reportId: null, publishedOn: null, score: null, grade: null };
    expect(unitStatus(row({ ...none, fromYear: 2020 }), 2019, '2020-06-30', deadline)).toBeNull();
    expect(unitStatus(row({ ...none, withdrawnFrom: 2019 }), 2019, '2020-06-30', deadline)).toBeNull();
    expect(unitStatus(row({ ...none, exemptFrom: 2019 }), 2019, '2020-06-30', deadline)).toMatchObject({ status: 'exempt' });
    // off the roster (no roster): owed from its first report
    expect(unitStatus(row({ ...none, unitId: null, fromYear: null, firstYear: 2020 }), 2019, '2020-06-30', deadline)).toBeNull();
    expect(unitStatus(row({ ...none, unitId: null, fromYear: null, firstYear: 2018 }), 2019, '2020-06-30', deadline)).toEqual({
      agency: { id: 7, name: '新余市财政局', region: { code: '360500', name: '江西省新余市' }, kind: 'department' },
      year: 2019,
      status: 'missing',
      deadline: '2020-02-28',
      publishedOn: null,
      filedOn: null,
      daysLate: null,
      reportId: null,
      score: null,
      grade: null,
      unit: null,
    });
  });
});
