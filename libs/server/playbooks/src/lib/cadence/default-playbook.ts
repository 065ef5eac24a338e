import { FollowUpChannel, FollowUpPurpose } from '@followthrough/shared-domain';
import { PlaybookStep, StepCondition, StepTrigger } from './playbook-step';

export const DEFAULT_PLAYBOOK_NAME = 'Pick up the phone';

/** Every agency starts with this cadence; admins can edit it (which makes a new version). */
export const DEFAULT_PLAYBOOK_STEPS: PlaybookStep[] = [
  {
    key: 'status-call',
    trigger: StepTrigger.APPLIED,
    condition: StepCondition.HAS_PHONE_CONTACT,
    offsetBusinessDays: 2,
    channel: FollowUpChannel.PHONE,
    purpose: FollowUpPurpose.STATUS_CHECK,
    instructions:
      'Call the hiring manager. Check that your résumé reached them, ask how their hiring process runs and what ' +
      'its next steps are, and whether they see you as a fit. Listen and take notes; do not argue with what you hear.',
  },
  {
    key: 'find-contact',
    trigger: StepTrigger.APPLIED,
    condition: StepCondition.NO_PHONE_CONTACT,
    offsetBusinessDays: 2,
    channel: FollowUpChannel.SALES_LINE,
    purpose: FollowUpPurpose.FIND_CONTACT,
    instructions:
      "No number to call yet. Open the company's website (the domain of the recruiter's e-mail address leads there), " +
      'ring the main or the Sales line, and ask who handles hiring for this role. Note their name, number and extension.',
  },
  {
    key: 'call-found-contact',
    trigger: StepTrigger.CONTACT_FOUND,
    condition: StepCondition.ALWAYS,
    offsetBusinessDays: 1,
    channel: FollowUpChannel.PHONE,
    purpose: FollowUpPurpose.STATUS_CHECK,
    instructions:
      'Call the person you were pointed to. Say who referred you, confirm your application arrived and ask about the ' +
      'hiring process and where you stand.',
  },
  {
    key: 'retry-call',
    trigger: StepTrigger.NO_ANSWER,
    condition: StepCondition.ALWAYS,
    offsetBusinessDays: 2,
    channel: FollowUpChannel.PHONE,
    purpose: FollowUpPurpose.STATUS_CHECK,
    instructions:
      'Try the call again at another time of day. If a gatekeeper answers, ask when the manager is usually reachable.',
  },
  {
    key: 'visit-or-call',
    trigger: StepTrigger.SILENCE,
    condition: StepCondition.ALWAYS,
    offsetBusinessDays: 5,
    channel: FollowUpChannel.IN_PERSON,
    purpose: FollowUpPurpose.STATUS_CHECK,
    instructions:
      'Still silence. If the office is near, drop by in person and ask to speak with the hiring manager or the recruiter; ' +
      'otherwise call a second time. People rarely turn away someone standing in front of them.',
  },
  {
    key: 'feedback-call',
    trigger: StepTrigger.REJECTED,
    condition: StepCondition.ALWAYS,
    offsetBusinessDays: 1,
    channel: FollowUpChannel.PHONE,
    purpose: FollowUpPurpose.FEEDBACK_REQUEST,
    instructions:
      'Call to thank them for considering you and ask what would have made your application stronger. ' +
      'Listen without debating; the point is to learn for the next one.',
  },
];
