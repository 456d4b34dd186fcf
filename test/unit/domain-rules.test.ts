import { describe, expect, it } from 'vitest';
import { isMemberId } from '../../shared/domain/member';
import { windowOf } from '../../shared/domain/merge';
import { isSeniorTitle } from '../../shared/domain/seniority';
import { profileKey } from '../../shared/export/profile-key';
import { memberOfExportKey, uploadsIn } from '../../shared/ingest/s3-event';

describe('isSeniorTitle', () => {
  it.each([
    'CEO',
    'Chief Revenue Officer',
    'VP Sales EMEA',
    'Vice President, Marketing',
    'Director of Marketing',
    'Head of Growth',
    'Co-Founder & CTO',
    'Owner',
    'Managing Director',
    'Geschäftsführer',
    'Leiter Vertrieb',
    'Mitglied des Vorstands',
    'Prezes Zarządu',
    'Dyrektor Sprzedaży',
    'Kierownik projektu',
    'Directeur commercial',
    'Président',
  ])('%s is senior', (title) => expect(isSeniorTitle(title)).toBe(true));

  it.each([
    'Software Engineer',
    'Account Executive',
    'Sales Development Representative',
    'Assistant to the CEO',
    'Executive Assistant to the Managing Director',
    'Product Owner',
    'Student',
    'Directory Services Analyst',
    'Project Coordinator',
    'Cooperative Education Student',
  ])('%s is not senior', (title) => expect(isSeniorTitle(title)).toBe(false));
});

describe('profileKey', () => {
  it('normalises scheme, host, case, encoding and trailing parts', () => {
    expect(profileKey('https://www.linkedin.com/in/Zo%C3%AB-Brandt/')).toBe('in/zoë-brandt');
    expect(profileKey('www.linkedin.com/in/jane-doe')).toBe('in/jane-doe');
    expect(profileKey('https://www.linkedin.com/in/jane-doe?trk=x')).toBe('in/jane-doe');
    expect(profileKey('https://www.linkedin.com/company/acme')).toBeUndefined();
    expect(profileKey('')).toBeUndefined();
  });
});

describe('windowOf', () => {
  it('covers a full-history file from its first day to the export day', () => {
    expect(windowOf(['2024-03-01', '2021-01-05'], '2024-06-01', 'full')).toEqual([
      { from: '2021-01-05', to: '2024-06-01' },
    ]);
  });
  it('starts a rolling file at its recent run; old stragglers cover only their own day', () => {
    expect(
      windowOf(['2017-05-01', '2023-11-02', '2024-01-10', '2024-03-01'], '2024-04-01', 'rolling'),
    ).toEqual([
      { from: '2017-05-01', to: '2017-05-01' },
      { from: '2023-11-02', to: '2024-04-01' },
    ]);
  });
  it('describes nothing for a file without dated rows', () => {
    expect(windowOf([], '2024-04-01', 'full')).toEqual([]);
  });
});

describe('S3 notifications', () => {
  const body = (key: string, eventName = 'ObjectCreated:Put') =>
    JSON.stringify({ Records: [{ eventName, s3: { bucket: { name: 'b' }, object: { key } } }] });

  it('decodes keys the way S3 encodes them', () => {
    expect(uploadsIn(body('exports/ana/My+Export+%282%29.zip'))).toEqual([
      { bucket: 'b', key: 'exports/ana/My Export (2).zip', versionId: undefined },
    ]);
  });
  it('ignores the test event and non-create events', () => {
    expect(uploadsIn(JSON.stringify({ Event: 's3:TestEvent', Bucket: 'b' }))).toEqual([]);
    expect(uploadsIn(body('exports/ana/x.zip', 'ObjectRemoved:Delete'))).toEqual([]);
  });
  it('rejects a body that is not an S3 notification', () => {
    expect(() => uploadsIn('{"hello":1}')).toThrow();
    expect(() => uploadsIn('not json')).toThrow();
  });
  it('takes the member id from exports/<memberId>/…', () => {
    expect(memberOfExportKey('exports/ana.k_1/2024/export.zip')).toBe('ana.k_1');
    expect(memberOfExportKey('exports/ana/')).toBeUndefined();
    expect(memberOfExportKey('exports/../x.zip')).toBeUndefined();
    expect(memberOfExportKey('exports/a b/x.zip')).toBeUndefined();
    expect(memberOfExportKey('scores/ana/x.zip')).toBeUndefined();
    expect(isMemberId('..')).toBe(false);
  });
});
