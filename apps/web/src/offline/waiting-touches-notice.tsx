import { useOutbox } from './outbox-context';

/** Says what is waiting on this device to be sent, and what just went out. */
export function WaitingTouchesNotice() {
  const { waiting, lastSent } = useOutbox();
  if (waiting.length > 0) {
    return (
      <p role="status" className="alert alert-info">
        {waiting.length === 1 ? '1 touch is' : `${waiting.length} touches are`} saved on this device and will be sent
        when you are back online: {waiting.map((touch) => touch.description).join('; ')}.
      </p>
    );
  }
  if (lastSent.length > 0) {
    return (
      <p role="status" className="alert alert-success">
        Back online: sent {lastSent.map((touch) => touch.description).join('; ')}.
      </p>
    );
  }
  return null;
}
