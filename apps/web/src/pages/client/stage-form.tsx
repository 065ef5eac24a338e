import { FormEvent, useState } from 'react';
import { ApplicationStage } from '@followthrough/shared-domain';
import { UPDATE_APPLICATION_STAGE } from '../../api/pipeline-operations';
import { useMutation } from '../../api/use-mutation';
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
  const update = useMutation<unknown>(UPDATE_APPLICATION_STAGE);
  const [next, setNext] = useState<string>(stage);
  const [note, setNote] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await update.run({ input: { applicationId, stage: next, ...(note.trim() ? { note: note.trim() } : {}) } })) {
      setNote('');
      onChanged();
    }
  };

  return (
    <form onSubmit={submit} className="inline-form" aria-label="Change stage">
      <SelectField
        label="Stage"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        options={optionsOf(STAGE_LABELS)}
      />
      <TextField label="Note (optional)" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={update.running || next === stage}>
        Update stage
      </button>
      <ErrorAlert error={update.error} />
    </form>
  );
}
