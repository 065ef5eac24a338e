import { FollowUpChannel } from '@followthrough/shared-domain';
import { channelBars } from './channel-chart-data';

describe('channelBars', () => {
  it('labels each channel with its rate and its number of touches', () => {
    expect(
      channelBars([
        { channel: FollowUpChannel.PHONE, touches: 4, answered: 3, rate: 0.75 },
        { channel: FollowUpChannel.EMAIL, touches: 0, answered: 0, rate: null },
      ]),
    ).toEqual([
      { label: 'Phone call', value: 0.75, display: '75 % of 4' },
      { label: 'E-mail', value: 0, display: 'no touches' },
    ]);
  });
});
