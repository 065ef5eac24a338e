import { describeDeliveryPath } from './testing/delivery-path';

describeDeliveryPath('postgres');
