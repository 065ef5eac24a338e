import { dueWording } from './due-wording';

describe('dueWording', () => {
  it('says "Today" on the day a step falls due, in the reader’s zone', () => {
    // 09:00 and 22:00 on Tuesday 3 March in Los Angeles.
    expect(
      dueWording(new Date('2026-03-03T17:00:00Z'), new Date('2026-03-04T06:00:00Z'), 'America/Los_Angeles'),
    ).toEqual({
      label: 'Today',
      sentence: 'is due today',
    });
  });

  it('says since when a step has been overdue once that day has passed', () => {
    expect(
      dueWording(new Date('2026-03-03T17:00:00Z'), new Date('2026-03-06T17:00:00Z'), 'America/Los_Angeles'),
    ).toEqual({
      label: 'Overdue since Tue 3 Mar',
      sentence: 'has been due since Tuesday 3 March',
    });
  });
});
