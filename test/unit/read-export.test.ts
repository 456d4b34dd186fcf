import { describe, expect, it } from 'vitest';
import type { DayActivity } from '../../shared/domain/kinds';
import { readExport } from '../../shared/export/read-export';
import { bufferSource } from '../../shared/export/sources';
import { openArchive } from '../../shared/export/zip';
import { buildZip, type ZipFileSpec } from '../support/zip-builder';

const PRODUCED = new Date('2026-03-05T12:00:00Z');

const read = async (files: Omit<ZipFileSpec, 'mtime'>[]) => {
  const archive = await openArchive(
    bufferSource(await buildZip(files.map((f) => ({ ...f, mtime: PRODUCED })))),
  );
  try {
    return await readExport(archive);
  } finally {
    await archive.close();
  }
};

const byDay = (days: DayActivity[]) => Object.fromEntries(days.map((d) => [d.day, d]));

const PROFILE = [
  'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers',
  'Jane,Doe,,,,Sales lead,"Helps teams, sells things",Software,,Berlin,,,',
].join('\n');
const POSITIONS = [
  'Company Name,Title,Description,Location,Started On,Finished On',
  'Acme GmbH,Account Executive,"Sells, things",Berlin,Jan 2022,',
  'Old Co,SDR,,Berlin,Jan 2019,Dec 2021',
].join('\n');

/** One file of every activity type, each with its quirk, and the counts they must give. */
const FULL_EXPORT: Omit<ZipFileSpec, 'mtime'>[] = [
  { name: 'Profile.csv', content: PROFILE },
  { name: 'Positions.csv', content: POSITIONS },
  { name: 'Skills.csv', content: 'Name\nNegotiation\nCRM\n' },
  {
    name: 'Invitations.csv',
    content: [
      'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl',
      // 4:30 PM PST on Jan 15 is 00:30 UTC on Jan 16.
      'Jane Doe,Bob Smith,"1/15/26, 4:30 PM","Hi Bob, let\'s connect",OUTGOING,https://www.linkedin.com/in/jane-doe,https://www.linkedin.com/in/bob-smith',
      'Jane Doe,Carl Ray,"1/15/26, 5:10 PM",,OUTGOING,https://www.linkedin.com/in/jane-doe,https://www.linkedin.com/in/carl-ray',
      'Dan Wu,Jane Doe,"3/2/26, 9:07 AM",,INCOMING,https://www.linkedin.com/in/dan-wu,https://www.linkedin.com/in/jane-doe',
    ].join('\n'),
  },
  {
    name: 'messages.csv',
    content: [
      '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"',
      '"c1","","Bob Smith","https://www.linkedin.com/in/bob-smith","Jane Doe","https://www.linkedin.com/in/jane-doe","2026-02-01 10:00:00 UTC","","Hello ""Jane""\r\nsecond line","INBOX",""',
      '"c1","","Jane Doe","https://www.linkedin.com/in/jane-doe","Bob Smith","https://www.linkedin.com/in/bob-smith","2026-02-01 11:00:00 UTC","","Hi Bob, <p class=""x"">thanks</p>","INBOX",""',
      '"c2","","Jane Doe","https://www.linkedin.com/in/jane-doe","Carl Ray, Ph.D.","https://www.linkedin.com/in/carl-ray","2026-02-01 12:00:00 UTC","","%FIRSTNAME%, hi","INBOX",""',
      '"c2","","Jane Doe","https://www.linkedin.com/in/jane-doe","Carl Ray, Ph.D.","https://www.linkedin.com/in/carl-ray","2026-02-01 12:05:00 UTC","","follow-up","INBOX",""',
      '"c3","Sponsored Conversation","LinkedIn Member","","Jane Doe","","2026-02-02 08:00:00 UTC","","Buy now","INBOX",""',
    ].join('\n'),
  },
  {
    name: 'Connections.csv',
    content: [
      'Notes:',
      '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
      '',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Bob,Smith,https://www.linkedin.com/in/bob-smith,,Acme GmbH ,VP Sales,15 Jan 2026',
      '"Clark, MPA, CPS",Ray,https://www.linkedin.com/in/carl-ray,,Other Inc,Assistant to the CEO,16 Jan 2026',
      ',,,,,,16 Jan 2026',
    ].join('\n'), // no final newline, as LinkedIn writes it
  },
  {
    name: 'Comments.csv',
    content: [
      'Date,Link,Message',
      '2026-02-03 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A1,"Great point \\"really\\""',
      '2026-02-03 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A2,First line',
      'continues here, with a comma',
      'still going',
      ',https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A3,"no date"',
      '2026-02-04 23:59:59,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A4,ok',
      '',
    ].join('\n'),
  },
  {
    name: 'SearchQueries.csv',
    content: [
      'Time,Search Query',
      '2026/02/05 08:00:00 UTC,sales director berlin',
      '2026/02/05 08:00:00 UTC,sales director berlin',
      '2026/02/04 07:00:00 UTC,acme',
      '2026/02/05 08:00:00 UTC,other',
    ].join('\n'),
  },
  {
    name: 'Shares_181682616.csv',
    content: [
      'Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility',
      '2026-02-06 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,"My post ""quoted""",,,MEMBER_NETWORK',
      '2026-02-06 11:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A2,Look at this,https://example.com/a,,MEMBER_NETWORK',
      '2026-02-07 11:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A3,,,,MEMBER_NETWORK',
    ].join('\n'),
  },
  {
    name: 'Reactions.csv',
    content:
      '\uFEFFDate,Type,Link\r\n2026-02-08 10:00:00,LIKE,https://x\r\n2026-02-08 11:00:00,PRAISE,https://y?commentUrn=z\r\n',
  },
  { name: 'Company Follows.csv', content: 'Organization,Followed On\nAcme,Mon Feb 09 16:33:17 UTC 2026' },
  {
    name: 'Rich_Media.csv',
    content:
      'Date/Time,Media Description,Media Link\n"You uploaded a photo on February 10, 2026 at 11:58 PM (GMT)",,https://x\n',
  },
  {
    name: 'Jobs/Job Applications.csv',
    content:
      'Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And Answers\n"2/11/26, 5:30 PM",a@b.c,,Acme,AE,https://x,,"Q:\nA"\n',
  },
  {
    name: 'Endorsement_Given_Info.csv',
    content:
      'Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status\n2026/02/13 15:15:59 UTC,Sales,Bob,Smith,www.linkedin.com/in/bob-smith,ACCEPTED\n',
  },
  {
    name: 'Recommendations_Given.csv',
    content:
      'First Name,Last Name,Company,Job Title,Text,Creation Date,Status\nBob,Smith,Acme,VP,"Great\ncolleague","02/14/26, 09:25 PM",VISIBLE\n',
  },
  {
    name: 'Member_Follows.csv',
    content:
      'Date,Status,FullName\n2026-02-16 10:00:00,Active,Eve Adams\n2026-02-16 11:00:00,Unfollow,Eve Adams\n',
  },
  { name: 'Saved_Items.csv', content: 'savedItem,CreatedTime\nhttps://x,2026-02-17 10:00:00\n' },
  {
    name: 'Votes.csv',
    content:
      'Date,Link,OptionText\n2026-02-18 10:00:00,https://www.linkedin.com/feed/update/urn:li:ugcPost:1,Yes\n',
  },
  { name: 'InstantReposts.csv', content: 'Date,Link\n2026-02-19 10:00:00,https://x\n' },
  {
    name: 'Articles/Articles/2025-11-21 17_31_01.0-TOON vs JSON.html',
    content: '<html><title>x</title></html>',
  },
  { name: 'Articles/Articles/my-first-article.html', content: '<html></html>' },
  { name: 'Ad_Targeting.csv', content: 'Company Names,Company Names,Job Titles\na,b,c\n' },
  { name: 'LearningCoachMessages.csv', content: 'No conversations found' },
  { name: 'Certifications.csv', content: 'Name,Url,Authority,Started On,Finished On,License Number\n' },
];

describe('readExport on an export with every file type and quirk', () => {
  it('counts every kind on the right UTC day', async () => {
    const reading = await read(FULL_EXPORT);
    expect(reading.status).toBe('SUCCEEDED');
    expect(reading.rejectedRows).toBe(0);
    const days = byDay(reading.days);
    expect(days['2026-01-16']).toEqual({
      day: '2026-01-16',
      counts: { invitation_sent: 2, connection: 2 },
      signals: { 'invitation_sent.personalised': 1 },
    });
    expect(days['2026-01-15']).toEqual({
      day: '2026-01-15',
      counts: { connection: 1 },
      signals: { 'connection.senior': 1, 'connection.coworker': 1 },
    });
    expect(days['2026-03-02']?.counts).toEqual({ invitation_received: 1 });
    expect(days['2026-02-01']).toEqual({
      day: '2026-02-01',
      counts: { message_sent: 3, message_received: 1 },
      signals: { 'message_sent.people': 2, 'message_sent.reply': 1 },
    });
    expect(days['2026-02-02']).toBeUndefined(); // sponsored message only
    expect(days['2026-02-03']?.counts).toEqual({ comment: 2 });
    expect(days['2026-02-04']?.counts).toEqual({ comment: 1, search: 1 });
    expect(days['2026-02-05']?.counts).toEqual({ search: 2 });
    expect(days['2026-02-06']?.counts).toEqual({ post: 1, reshare: 1 });
    expect(days['2026-02-07']?.counts).toEqual({ reshare: 1 });
    expect(days['2026-02-08']?.counts).toEqual({ reaction: 2 });
    expect(days['2026-02-09']?.counts).toEqual({ company_follow: 1 });
    expect(days['2026-02-10']?.counts).toEqual({ media_upload: 1 });
    expect(days['2026-02-12']?.counts).toEqual({ job_application: 1 });
    expect(days['2026-02-13']?.counts).toEqual({ endorsement_given: 1 });
    expect(days['2026-02-15']?.counts).toEqual({ recommendation_given: 1 });
    expect(days['2026-02-16']?.counts).toEqual({ member_follow: 1 });
    expect(days['2026-02-17']?.counts).toEqual({ saved_item: 1 });
    expect(days['2026-02-18']?.counts).toEqual({ vote: 1 });
    expect(days['2026-02-19']?.counts).toEqual({ repost: 1 });
    expect(days['2025-11-21']?.counts).toEqual({ article: 1 });
    expect(reading.days).toHaveLength(20);
    expect(reading.undatedRows).toBe(2); // the blank-dated comment and the slug-named article
  });

  it('reports files, ignored entries, windows and the profile', async () => {
    const reading = await read(FULL_EXPORT);
    expect(reading.files.find((f) => f.path === 'Shares_181682616.csv')?.type).toBe('Shares');
    expect(reading.files.find((f) => f.path === 'Comments.csv')).toMatchObject({
      rows: 4,
      undated: 1,
      rejected: 0,
    });
    expect(reading.ignored.map((i) => i.path).sort()).toEqual([
      'Ad_Targeting.csv',
      'LearningCoachMessages.csv',
    ]);
    expect(reading.windows.comment).toEqual([{ from: '2026-02-03', to: '2026-03-05' }]);
    expect(reading.windows.invitation_sent).toEqual([{ from: '2026-01-16', to: '2026-03-05' }]);
    expect(reading.windows.vote).toEqual([{ from: '2026-02-18', to: '2026-03-05' }]);
    expect(reading.exportDay).toBe('2026-03-05');
    expect(reading.profile).toMatchObject({
      hasHeadline: true,
      hasSummary: true,
      positions: 2,
      currentPositions: 1,
      skills: 2,
      certifications: 0,
      currentCompany: 'Acme GmbH',
    });
    expect(reading.profile?.filesPresent).toContain('Certifications');
  });

  it('never keeps message, comment or invitation text', async () => {
    const reading = JSON.stringify(await read(FULL_EXPORT));
    for (const secret of [
      'second line',
      'Great point',
      'continues here',
      "let's connect",
      'Buy now',
      'colleague',
    ]) {
      expect(reading).not.toContain(secret);
    }
  });
});

describe('readExport edge cases', () => {
  it('rejects bad rows with file, line and reason, and marks the export PARTIAL', async () => {
    const reading = await read([
      {
        name: 'Reactions.csv',
        content:
          'Date,Type,Link\n2026-02-08 10:00:00,LIKE,x\n2026-13-40 10:00:00,LIKE,y\n2099-01-01 00:00:00,LIKE,z\n,LIKE,w\n',
      },
    ]);
    expect(reading.status).toBe('PARTIAL');
    expect(reading.rejectedRows).toBe(3);
    expect(reading.files[0]?.samples).toEqual([
      { file: 'Reactions.csv', line: 3, reason: 'unreadable date' },
      { file: 'Reactions.csv', line: 4, reason: 'date after the export was produced' },
      { file: 'Reactions.csv', line: 5, reason: 'missing date' },
    ]);
    expect(reading.days.map((d) => d.day)).toEqual(['2026-02-08']);
  });

  it('reports a file whose header does not match its name', async () => {
    const reading = await read([
      { name: 'Shares.csv', content: 'Foo,Bar\n1,2\n' },
      { name: 'Votes.csv', content: 'Date,Link,OptionText\n2026-02-18 10:00:00,x,Yes\n' },
    ]);
    expect(reading.status).toBe('PARTIAL');
    expect(reading.files.find((f) => f.path === 'Shares.csv')?.error).toMatch(/header lacks required column/);
  });

  it('fails an archive with no export files in it', async () => {
    const reading = await read([{ name: 'holiday.jpg', content: 'x' }]);
    expect(reading.status).toBe('FAILED');
    expect(reading.reason).toMatch(/no LinkedIn export files/);
  });

  it('does not take LinkedIn Learning coach chats for messages, even without a messages.csv', async () => {
    const header =
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER';
    const row = 'c1,,Coach,,Jane Doe,2026-02-01 10:00:00 UTC,,hello,INBOX';
    const reading = await read([
      { name: 'guide_messages.csv', content: `${header}\n${row}\n` },
      { name: 'coach_messages.csv', content: `${header}\n${row}\n` },
      { name: 'Votes.csv', content: 'Date,Link,OptionText\n2026-02-18 10:00:00,x,Yes\n' },
    ]);
    expect(reading.days.map((d) => d.counts)).toEqual([{ vote: 1 }]);
    expect(reading.ignored.map((i) => i.reason)).toEqual([
      'LinkedIn Learning coach chat, not messages between members',
      'LinkedIn Learning coach chat, not messages between members',
    ]);
  });

  it('recognises a renamed file by its header and prefers the unsuffixed file', async () => {
    const reading = await read([
      { name: 'my reactions (copy).csv', content: 'Date,Type,Link\n2026-02-08 10:00:00,LIKE,x\n' },
      {
        name: 'Votes_99.csv',
        content: 'Date,Link,OptionText\n2026-02-18 10:00:00,x,Yes\n2026-02-18 11:00:00,x,No\n',
      },
      { name: 'Votes.csv', content: 'Date,Link,OptionText\n2026-02-18 10:00:00,x,Yes\n' },
    ]);
    expect(byDay(reading.days)['2026-02-08']?.counts).toEqual({ reaction: 1 });
    expect(byDay(reading.days)['2026-02-18']?.counts).toEqual({ vote: 1 });
    expect(reading.ignored).toEqual([
      { path: 'Votes_99.csv', reason: 'another Votes file was used: Votes.csv' },
    ]);
  });

  it('tells sent from received by the Profile name when no invitation names the owner (12-column era, drafts)', async () => {
    const header =
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT';
    const reading = await read([
      { name: 'Profile.csv', content: PROFILE },
      {
        name: 'messages.csv',
        content: [
          header,
          'c1,,Bob Smith,https://www.linkedin.com/in/bob-smith,Jane Doe,https://www.linkedin.com/in/jane-doe,2024-12-01 10:00:00 UTC,,hi,INBOX,No,No',
          'c1,,Jane Doe,https://www.linkedin.com/in/jane-doe,Bob Smith,https://www.linkedin.com/in/bob-smith,2024-12-01 11:00:00 UTC,,hey,INBOX,No,No',
          'c1,,Jane Doe,https://www.linkedin.com/in/jane-doe,Bob Smith,https://www.linkedin.com/in/bob-smith,2024-12-01 12:00:00 UTC,,draft,INBOX,Yes,No',
        ].join('\n'),
      },
    ]);
    expect(byDay(reading.days)['2024-12-01']).toEqual({
      day: '2024-12-01',
      counts: { message_sent: 1, message_received: 1 },
      signals: { 'message_sent.people': 1, 'message_sent.reply': 1 },
    });
  });

  it('settles a conversation written out of time order with a second read, counting rows once', async () => {
    const row = (from: string, to: string, date: string) =>
      `c1,,${from},https://www.linkedin.com/in/${from},${to},https://www.linkedin.com/in/${to},${date},,x,INBOX`;
    const reading = await read([
      { name: 'Profile.csv', content: PROFILE.replace('Jane,Doe', 'me,') },
      {
        name: 'messages.csv',
        content: [
          'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
          row('bob', 'me', '2023-06-01 10:00:00 UTC'),
          row('me', 'bob', '2023-06-03 10:00:00 UTC'),
          row('me', 'bob', '2023-06-02 10:00:00 UTC'), // out of order: the reply is this one, not the 06-03 one
          row('me', 'bob', 'not a date'),
        ].join('\n'),
      },
    ]);
    const days = byDay(reading.days);
    expect(days['2023-06-02']).toMatchObject({
      counts: { message_sent: 1 },
      signals: { 'message_sent.reply': 1 },
    });
    expect(days['2023-06-03']?.signals['message_sent.reply']).toBeUndefined();
    const messages = reading.files.find((f) => f.path === 'messages.csv');
    expect(messages).toMatchObject({ rows: 4, rejected: 1 });
  });

  it('finds the owner as the profile present in most conversations when nothing else names them', async () => {
    const row = (c: string, from: string, to: string, time: string) =>
      `${c},,${from},https://www.linkedin.com/in/${from},${to},https://www.linkedin.com/in/${to},2023-06-01 ${time} UTC,,x,INBOX`;
    const reading = await read([
      {
        name: 'messages.csv',
        content: [
          'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
          row('c1', 'bob', 'me', '10:00:00'),
          row('c2', 'carl', 'me', '10:00:00'),
          row('c2', 'me', 'carl', '11:00:00'),
          row('c3', 'me', 'dan', '12:00:00'),
        ].join('\n'),
      },
    ]);
    expect(byDay(reading.days)['2023-06-01']?.counts).toEqual({ message_sent: 2, message_received: 2 });
  });

  it('reads the ~2018 Messages.csv with its Direction column and an old Connections file without preamble', async () => {
    const reading = await read([
      {
        name: 'Messages.csv',
        content:
          'From,To,Date,Subject,Content,Direction,Folder\nBob,Jane,"04/15/18, 09:25 PM",,hi,INCOMING,INBOX\nJane,Bob,"04/16/18, 10:00 AM",,yo,OUTGOING,INBOX\n',
      },
      {
        name: 'Connections.csv',
        content:
          'First Name,Last Name,Email Address,Company,Position,Connected On\nBob,Smith,,Acme,CEO,02 Feb 2018\n',
      },
    ]);
    const days = byDay(reading.days);
    expect(days['2018-04-16']?.counts).toEqual({ message_received: 1, message_sent: 1 });
    expect(days['2018-02-02']).toMatchObject({
      counts: { connection: 1 },
      signals: { 'connection.senior': 1 },
    });
  });

  it('accepts header-only files as zero rows', async () => {
    const reading = await read([
      { name: 'Shares.csv', content: 'Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n' },
      { name: 'Votes.csv', content: 'Date,Link,OptionText' },
    ]);
    expect(reading.status).toBe('SUCCEEDED');
    expect(reading.days).toEqual([]);
    // Present but empty: observed as zero on the export day (not unknown), and nothing older is replaced.
    const exportDay = [{ from: '2026-03-05', to: '2026-03-05' }];
    expect(reading.windows).toEqual({ post: exportDay, reshare: exportDay, vote: exportDay });
  });
});
