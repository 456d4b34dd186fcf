import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients, created once per process (module scope), never inside a handler. Endpoints for the local
 * stack come from the SDK's own `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_S3` variables; the S3
 * server on localhost needs path-style addressing, which `PILLARWATCH_S3_PATH_STYLE=1` turns on.
 */
export const dynamoDbClient = new DynamoDBClient({ maxAttempts: 8 });
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
export const s3Client = new S3Client({ forcePathStyle: process.env.PILLARWATCH_S3_PATH_STYLE === '1' });
