import { FormEvent, useState } from 'react';
import { UpdateApplicationStageDocument } from '../../api/generated/graphql';
import { ApplicationStage } from '@followthrough/shared-domain';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { optionsOf, STAGE_LABELS } from '../../format/domain-labels';

interface StageFormProps {
  applicationId: string;
  stage: ApplicationStage;
  onChanged(): void;
}

export function StageForm({ applicationId, stage, onChanged }: StageFormProps) {
  const [updateState, update] = useMutation(UpdateApplicationStageDocument);
  const [next, setNext] = useState<ApplicationStage>(stage);
  const [note, setNote] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await update({ input: { applicationId, stage: next, ...(note.trim() ? { note: note.trim() } : {}) } })).data) {
      setNote('');
      onChanged();
    }
  };

  return (
    <form onSubmit={submit} className="inline-form" aria-label="Change stage">
      <SelectField
        label="Stage"
        value={next}
        onChange={(e) => setNext(e.target.value as ApplicationStage)}
        options={optionsOf(STAGE_LABELS)}
      />
      <TextField label="Note (optional)" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={updateState.fetching || next === stage}>
        Update stage
      </button>
      <ErrorAlert error={updateState.error} />
    </form>
  );
}
