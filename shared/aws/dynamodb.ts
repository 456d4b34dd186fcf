import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The DynamoDB clients, created once per process (module scope), never inside a handler. The local stack
 * points them at DynamoDB Local through the SDK's own `AWS_ENDPOINT_URL_DYNAMODB` variable. One module per
 * service, so a function bundles only the clients it uses.
 */
export const dynamoDbClient = new DynamoDBClient({ maxAttempts: 8 });
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
