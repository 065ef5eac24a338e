import { Cadence } from './cadence.entity';
import { PlaybookAssignment } from './playbook-assignment.entity';
import { PlaybookVersion } from './playbook-version.entity';
import { Playbook } from './playbook.entity';
import { StepInstance } from './step-instance.entity';

export { Cadence, Playbook, PlaybookAssignment, PlaybookVersion, StepInstance };

export const PLAYBOOKS_ENTITIES = [Playbook, PlaybookVersion, PlaybookAssignment, Cadence, StepInstance];
