import type { BarDatum } from '../../charts/bar-chart-figure';
import { ChannelResponseFieldsFragment as ChannelResponse } from '../../api/generated/graphql';
import { CHANNEL_LABELS } from '../../format/domain-labels';
import { formatShare } from '../../format/figures';

/** Response rate per channel as bars; a channel without touches shows "no touches" rather than 0 %. */
export function channelBars(channels: ChannelResponse[]): BarDatum[] {
  return channels.map((channel) => ({
    label: CHANNEL_LABELS[channel.channel],
    value: channel.rate ?? 0,
    display: channel.rate === null ? 'no touches' : `${formatShare(channel.rate)} of ${channel.touches}`,
  }));
}
