import { FormEvent, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FollowUpChannel, FollowUpPurpose, Role } from '@followthrough/shared-domain';
import {
  AssignPlaybookDocument,
  MembersDocument,
  PlaybookFieldsFragment as Playbook,
  PlaybooksDocument,
  PlaybookStepInput,
  SavePlaybookDocument,
  StepCondition,
  StepTrigger,
} from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { PageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { StatusMessage } from '../../components/status-message';
import { SwitchField } from '../../components/switch-field';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import { useFieldError } from '../../components/use-field-error';
import { CHANNEL_LABELS, PURPOSE_LABELS } from '../../format/domain-labels';

const TRIGGER_LABELS: Record<StepTrigger, string> = {
  APPLIED: 'After applying',
  NO_ANSWER: 'After a call nobody answered',
  CONTACT_FOUND: 'Once a contact is found',
  SILENCE: 'After days of silence',
  REJECTED: 'After a rejection',
};

const CONDITION_LABELS: Record<StepCondition, string> = {
  ALWAYS: 'Always',
  HAS_PHONE_CONTACT: 'Only with a phone contact',
  NO_PHONE_CONTACT: 'Only without a phone contact',
};

const optionsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** A step as the form keeps it: the number of days stays text while it is typed. */
type StepForm = Omit<PlaybookStepInput, 'offsetBusinessDays' | 'condition'> & {
  condition: StepCondition;
  offsetBusinessDays: string;
};

interface Draft {
  playbookId: string | null;
  name: string;
  makeDefault: boolean;
  steps: StepForm[];
}

const draftOf = (playbook: Playbook): Draft => ({
  playbookId: playbook.id,
  name: playbook.name,
  makeDefault: false,
  steps: playbook.steps.map((step) => ({ ...step, offsetBusinessDays: String(step.offsetBusinessDays) })),
});

const stepsInput = (steps: Array<StepForm | Playbook['steps'][number]>): PlaybookStepInput[] =>
  steps.map((step) => ({
    key: step.key,
    trigger: step.trigger,
    condition: step.condition,
    offsetBusinessDays: Number(step.offsetBusinessDays),
    channel: step.channel,
    purpose: step.purpose,
    instructions: step.instructions,
  }));

const newStep = (): StepForm => ({
  key: '',
  trigger: 'SILENCE',
  condition: 'ALWAYS',
  offsetBusinessDays: '3',
  channel: FollowUpChannel.PHONE,
  purpose: FollowUpPurpose.STATUS_CHECK,
  instructions: '',
});

/** The agency's playbooks: which one is the default, their steps to edit, and which client follows which. */
export function PlaybooksPage() {
  const [playbooks] = useQuery({ query: PlaybooksDocument });
  const [saving, save] = useMutation(SavePlaybookDocument);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = playbooks.data?.playbooks ?? [];

  const makeDefault = async (playbook: Playbook) => {
    setDone(null);
    // The API makes a playbook the default as it saves it: the same steps, as a new version.
    const input = {
      playbookId: playbook.id,
      name: playbook.name,
      steps: stepsInput(playbook.steps),
      makeDefault: true,
    };
    if ((await save({ input })).data) setDone(`${playbook.name} is now the agency default.`);
  };

  return (
    <main className="page">
      <PageTitle title="Playbooks" />
      <h1>Playbooks</h1>
      <p className="muted">
        The follow-up steps planned for each application. Clients follow the default unless they are given another;
        running follow-ups keep the version they started with.
      </p>
      <section className="card stack" aria-labelledby="playbooks-heading">
        <div className="section-header">
          <h2 id="playbooks-heading">Your playbooks</h2>
          <button
            type="button"
            onClick={() => {
              setDone(null);
              setDraft({ playbookId: null, name: '', makeDefault: false, steps: [newStep()] });
            }}
          >
            New playbook
          </button>
        </div>
        <ErrorAlert error={playbooks.error ?? (draft ? undefined : saving.error)} />
        <StatusMessage>{done}</StatusMessage>
        {playbooks.fetching && list.length === 0 ? (
          <LoadingState what="playbooks" />
        ) : (
          <ul className="plain-list stack" aria-label="Playbooks">
            {list.map((playbook) => (
              <li key={playbook.id} className="step">
                <div>
                  <strong>{playbook.name}</strong> {playbook.isDefault && <span className="badge">Default</span>}
                </div>
                <div className="small muted">
                  version {playbook.version} · {playbook.steps.length} {playbook.steps.length === 1 ? 'step' : 'steps'}
                </div>
                <div className="action-buttons">
                  <button
                    type="button"
                    aria-label={`Edit ${playbook.name}`}
                    onClick={() => {
                      setDone(null);
                      setDraft(draftOf(playbook));
                    }}
                  >
                    Edit
                  </button>
                  {!playbook.isDefault && (
                    <button
                      type="button"
                      aria-label={`Make default: ${playbook.name}`}
                      disabled={saving.fetching}
                      onClick={() => makeDefault(playbook)}
                    >
                      Make default
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {draft && (
        <PlaybookEditor
          key={draft.playbookId ?? 'new'}
          initial={draft}
          onSaved={(saved) => {
            setDraft(null);
            setDone(`${saved.name} is saved (version ${saved.version}).`);
          }}
          onCancel={() => setDraft(null)}
        />
      )}
      <AssignPlaybookForm playbooks={list} />
    </main>
  );
}

interface PlaybookEditorProps {
  initial: Draft;
  onSaved(playbook: Playbook): void;
  onCancel(): void;
}

/** The steps of one playbook: each field the API takes, in order, with add, remove and move. */
function PlaybookEditor({ initial, onSaved, onCancel }: PlaybookEditorProps) {
  const [draft, setDraft] = useState(initial);
  const [saving, save] = useMutation(SavePlaybookDocument);
  const { formRef, invalid } = useFieldError(saving.error);
  const title = draft.playbookId ? `Edit ${initial.name}` : 'New playbook';

  const setStep = (index: number, change: Partial<StepForm>) =>
    setDraft((current) => ({
      ...current,
      steps: current.steps.map((step, i) => (i === index ? { ...step, ...change } : step)),
    }));
  const move = (index: number, by: number) =>
    setDraft((current) => {
      const steps = [...current.steps];
      const [step] = steps.splice(index, 1);
      steps.splice(index + by, 0, step);
      return { ...current, steps };
    });

  const fieldLabels: Record<string, string> = { name: 'Name', steps: 'Steps' };
  draft.steps.forEach((_, i) => {
    fieldLabels[`steps.${i}.key`] = `The key of step ${i + 1}`;
    fieldLabels[`steps.${i}.offsetBusinessDays`] = `The business days of step ${i + 1}`;
    fieldLabels[`steps.${i}.instructions`] = `The instructions of step ${i + 1}`;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      ...(draft.playbookId ? { playbookId: draft.playbookId } : {}),
      name: draft.name,
      makeDefault: draft.makeDefault,
      steps: stepsInput(draft.steps),
    };
    const saved = (await save({ input })).data?.savePlaybook;
    if (saved) onSaved(saved);
  };

  return (
    <section className="card" aria-labelledby="editor-heading">
      <form ref={formRef} className="stack" aria-labelledby="editor-heading" onSubmit={submit} noValidate>
        <h2 id="editor-heading">{title}</h2>
        <TextField
          label="Name"
          name="name"
          value={draft.name}
          aria-invalid={invalid('name')}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        <ol className="plain-list stack" aria-label="Steps">
          {draft.steps.map((step, i) => (
            <li key={i}>
              <fieldset className="playbook-step stack">
                <legend>Step {i + 1}</legend>
                <div className="grid-2">
                  <TextField
                    label="Key"
                    name={`steps.${i}.key`}
                    hint="Lower-case letters, digits and dashes"
                    value={step.key}
                    aria-invalid={invalid(`steps.${i}.key`)}
                    onChange={(e) => setStep(i, { key: e.target.value })}
                  />
                  <TextField
                    label="Business days after the trigger"
                    name={`steps.${i}.offsetBusinessDays`}
                    type="number"
                    min={0}
                    max={60}
                    value={step.offsetBusinessDays}
                    aria-invalid={invalid(`steps.${i}.offsetBusinessDays`)}
                    onChange={(e) => setStep(i, { offsetBusinessDays: e.target.value })}
                  />
                  <SelectField
                    label="Trigger"
                    value={step.trigger}
                    options={optionsOf(TRIGGER_LABELS)}
                    onChange={(e) => setStep(i, { trigger: e.target.value as StepTrigger })}
                  />
                  <SelectField
                    label="Condition"
                    value={step.condition}
                    options={optionsOf(CONDITION_LABELS)}
                    onChange={(e) => setStep(i, { condition: e.target.value as StepCondition })}
                  />
                  <SelectField
                    label="Channel"
                    value={step.channel}
                    options={optionsOf(CHANNEL_LABELS)}
                    onChange={(e) => setStep(i, { channel: e.target.value as FollowUpChannel })}
                  />
                  <SelectField
                    label="Purpose"
                    value={step.purpose}
                    options={optionsOf(PURPOSE_LABELS)}
                    onChange={(e) => setStep(i, { purpose: e.target.value as FollowUpPurpose })}
                  />
                </div>
                <TextAreaField
                  label="Instructions"
                  name={`steps.${i}.instructions`}
                  rows={2}
                  value={step.instructions}
                  aria-invalid={invalid(`steps.${i}.instructions`)}
                  onChange={(e) => setStep(i, { instructions: e.target.value })}
                />
                <div className="action-buttons">
                  <button
                    type="button"
                    aria-label={`Move up step ${i + 1}`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    Move up
                  </button>
                  <button
                    type="button"
                    aria-label={`Move down step ${i + 1}`}
                    disabled={i === draft.steps.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    Move down
                  </button>
                  <button
                    type="button"
                    aria-label={`Remove step ${i + 1}`}
                    disabled={draft.steps.length === 1}
                    onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <div>
          <button type="button" onClick={() => setDraft({ ...draft, steps: [...draft.steps, newStep()] })}>
            Add a step
          </button>
        </div>
        <SwitchField
          label="Make it the agency default"
          checked={draft.makeDefault}
          onChange={(makeDefault) => setDraft({ ...draft, makeDefault })}
        />
        <ErrorAlert error={saving.error} fieldLabels={fieldLabels} />
        <div className="action-buttons">
          <button type="submit" className="primary" disabled={saving.fetching}>
            Save playbook
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

/** Gives one client a playbook of their own for the follow-ups that start from now on. */
function AssignPlaybookForm({ playbooks }: { playbooks: Playbook[] }) {
  const [members] = useQuery({ query: MembersDocument });
  const clients = useMemo(
    () => (members.data?.members ?? []).filter((member) => member.role === Role.CLIENT),
    [members.data],
  );
  const [assigning, assign] = useMutation(AssignPlaybookDocument);
  const [playbookId, setPlaybookId] = useState('');
  const [clientUserId, setClientUserId] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const assigned = (await assign({ input: { playbookId, clientUserId } })).data?.assignPlaybook;
    if (assigned) {
      const client = clients.find((member) => member.userId === clientUserId)?.name ?? 'The client';
      setDone(`${client} now follows ${assigned.name}.`);
    }
  };

  return (
    <section className="card" aria-labelledby="assign-heading">
      <form className="stack" aria-labelledby="assign-heading" onSubmit={submit}>
        <h2 id="assign-heading">Give a client a playbook</h2>
        <div className="inline-form">
          <SelectField
            label="Playbook"
            value={playbookId}
            placeholder="Choose a playbook…"
            options={playbooks.map((playbook) => ({ value: playbook.id, label: playbook.name }))}
            onChange={(e) => setPlaybookId(e.target.value)}
          />
          <SelectField
            label="Client"
            value={clientUserId}
            placeholder="Choose a client…"
            options={clients.map((client) => ({ value: client.userId, label: `${client.name} (${client.email})` }))}
            onChange={(e) => setClientUserId(e.target.value)}
          />
          <button type="submit" disabled={!playbookId || !clientUserId || assigning.fetching}>
            Assign playbook
          </button>
        </div>
        <ErrorAlert error={members.error ?? assigning.error} />
        <StatusMessage>{done}</StatusMessage>
      </form>
    </section>
  );
}
