import { inject } from 'vitest';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { scoresStoreContract } from '../support/contracts/scores-store.contract';
import { localDocumentClient } from '../support/table-dump';

scoresStoreContract(
  'DynamoDbScoresStore on DynamoDB Local',
  () => new DynamoDbScoresStore(localDocumentClient(inject('dynamoEndpoint')), inject('tableName')),
);
