import { inject } from 'vitest';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { activityStoreContract } from '../support/contracts/activity-store.contract';
import { localDocumentClient } from '../support/table-dump';

activityStoreContract(
  'DynamoDbActivityStore on DynamoDB Local',
  () => new DynamoDbActivityStore(localDocumentClient(inject('dynamoEndpoint')), inject('tableName')),
);
