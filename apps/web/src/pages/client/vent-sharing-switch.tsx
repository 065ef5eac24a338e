import { SET_VENT_SHARING, Vent } from '../../api/vent-operations';
import { useMutation } from '../../api/use-mutation';
import { ErrorAlert } from '../../components/error-alert';
import { SwitchField } from '../../components/switch-field';

/** Shares an existing vent with the coach, or takes it back. */
export function VentSharingSwitch({ vent, onChanged }: { vent: Vent; onChanged(): void }) {
  const setSharing = useMutation<unknown>(SET_VENT_SHARING);
  const toggle = async (shared: boolean) => {
    if (await setSharing.run({ input: { ventId: vent.id, shared } })) onChanged();
  };
  return (
    <>
      <SwitchField
        label="Shared with my coach"
        checked={vent.sharedWithCoach}
        disabled={setSharing.running}
        onChange={toggle}
      />
      <ErrorAlert error={setSharing.error} />
    </>
  );
}
