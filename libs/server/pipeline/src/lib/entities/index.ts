import { Application } from './application.entity';
import { ApplicationStageChange } from './application-stage-change.entity';
import { Company } from './company.entity';
import { Contact } from './contact.entity';
import { FollowUp } from './follow-up.entity';

export { Application, ApplicationStageChange, Company, Contact, FollowUp };

export const PIPELINE_ENTITIES = [Company, Contact, Application, ApplicationStageChange, FollowUp];
