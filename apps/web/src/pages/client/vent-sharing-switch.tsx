import { useMutation } from 'urql';
import { SetVentSharingDocument, VentFieldsFragment as Vent } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { SwitchField } from '../../components/switch-field';

/** Shares an existing vent with the coach, or takes it back. */
export function VentSharingSwitch({ vent, onChanged }: { vent: Vent; onChanged(): void }) {
  const [setSharingState, setSharing] = useMutation(SetVentSharingDocument);
  const toggle = async (shared: boolean) => {
    if ((await setSharing({ input: { ventId: vent.id, shared } })).data) onChanged();
  };
  return (
    <>
      <SwitchField
        label="Shared with my coach"
        checked={vent.sharedWithCoach}
        disabled={setSharingState.fetching}
        onChange={toggle}
      />
      <ErrorAlert error={setSharingState.error} />
    </>
  );
}
