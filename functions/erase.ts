import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { authorize } from '../shared/api/authorize';
import { json, problem } from '../shared/api/http';
import { problemFor } from '../shared/api/problems';
import { documentClient } from '../shared/aws/dynamodb';
import { s3Client } from '../shared/aws/s3';
import { loadEraseConfig } from '../shared/config/erase-config';
import { FUNCTIONS } from '../shared/config/functions';
import { isMemberId, MEMBER_ID_RULE } from '../shared/domain/member';
import { eraseMember, erasureDeps } from '../shared/members/erase-member';
import { instrumentHandler } from '../shared/observability/instrument';

const logger = new Logger({ serviceName: FUNCTIONS.erase.serviceName });
const { tableName, bucketName, authMode } = loadEraseConfig();
const deps = erasureDeps(documentClient, tableName, s3Client, bucketName);

/**
 * DELETE /members/{memberId}: its own function, the only one allowed to delete uploads (and so the only
 * one that bundles the S3 client next to the API). Answers with what was removed.
 */
const erase = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  // The domain's check, not the contract's zod schema: zod would push this bundle past its budget.
  const id = event.pathParameters?.memberId ?? '';
  if (!isMemberId(id)) {
    return problem(400, 'Bad Request', `memberId: must be ${MEMBER_ID_RULE}`);
  }
  const memberId = { data: id };
  // A member may erase their own data; managers anyone's.
  const denied = authorize(authMode, event, memberId.data);
  if (denied) return denied;
  try {
    const report = await eraseMember(deps, memberId.data);
    const removed =
      Object.values(report.items).reduce((sum, n) => sum + n, 0) + report.objects + report.objectVersions;
    logger.info('member erased', { memberId: memberId.data, items: report.items, objects: report.objects });
    if (removed === 0)
      return problem(404, 'Not Found', `No data for member '${memberId.data}' (nothing to erase).`);
    return json(200, report);
  } catch (error) {
    const known = problemFor(error);
    if (known) return known;
    logger.error('erasure failed; it is safe to run again', {
      memberId: memberId.data,
      error: error as Error,
    });
    return problem(500, 'Internal Server Error', 'The erasure did not finish; it is safe to run it again.');
  }
};

export const handler = instrumentHandler({ logger }, erase);
