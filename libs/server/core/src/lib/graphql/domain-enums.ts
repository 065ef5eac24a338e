import { registerEnumType } from '@nestjs/graphql';
import {
  ActionSource,
  ActionStatus,
  ApplicationStage,
  ContactRole,
  ContactSource,
  FollowUpChannel,
  FollowUpDirection,
  FollowUpOutcome,
  FollowUpPurpose,
  ReminderStatus,
  Role,
  StepStatus,
  VentState,
} from '@followthrough/shared-domain';

// The shared vocabulary, registered once so every context's schema uses the same GraphQL enums.
const DOMAIN_ENUMS = {
  Role,
  ApplicationStage,
  ContactRole,
  ContactSource,
  FollowUpChannel,
  FollowUpDirection,
  FollowUpPurpose,
  FollowUpOutcome,
  VentState,
  ActionStatus,
  ActionSource,
  StepStatus,
  ReminderStatus,
};

for (const [name, enumRef] of Object.entries(DOMAIN_ENUMS)) {
  registerEnumType(enumRef, { name });
}
