import { useState } from 'react';
import { CalendarFeedUrlDocument } from '../../api/generated/graphql';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../components/error-alert';

/** A private calendar address of the client's steps, made on request (it is a secret link). */
export function CalendarFeedLink() {
  // A query, but run on demand: the link is minted only when asked for.
  const [asked, setAsked] = useState(false);
  const [feed] = useQuery({ query: CalendarFeedUrlDocument, pause: !asked, requestPolicy: 'network-only' });
  const url = feed.data?.calendarFeedUrl ?? null;

  if (!url) {
    return (
      <div className="stack">
        <div>
          <button type="button" disabled={feed.fetching} onClick={() => setAsked(true)}>
            Add these steps to my calendar
          </button>
        </div>
        <ErrorAlert error={feed.error} />
      </div>
    );
  }
  return (
    <div className="copy-row">
      <label htmlFor="calendar-feed-url">Calendar address</label>
      <input id="calendar-feed-url" readOnly value={url} onFocus={(e) => e.target.select()} />
      <small className="hint">
        Subscribe to it by URL in your calendar app. Keep it to yourself: anyone with it sees your steps.
      </small>
    </div>
  );
}
