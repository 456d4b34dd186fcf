import { Logger } from '@aws-lambda-powertools/logger';
import { answerUnexpectedErrors } from '../shared/api/unexpected-errors';
import { createUploadsApi } from '../shared/api/uploads-function';
import { presignPut, startMultipart } from '../shared/aws/presign';
import { environmentCredentials } from '../shared/config/clients';
import { FUNCTIONS } from '../shared/config/functions';
import { loadUploadsConfig } from '../shared/config/uploads-config';
import { instrumentHandler } from '../shared/observability/instrument';

const logger = new Logger({ serviceName: FUNCTIONS.uploads.serviceName });
const { bucketName, region, s3Endpoint, pathStyle, authMode, limits } = loadUploadsConfig();
const target = {
  bucket: bucketName,
  region,
  endpoint: s3Endpoint,
  pathStyle,
  // The execution role's credentials, read per call: Lambda refreshes them in the environment.
  credentials: async () => {
    const credentials = environmentCredentials();
    if (!credentials) throw new Error('the execution role’s credentials are not in the environment');
    return credentials;
  },
};
const api = createUploadsApi(
  {
    presign: (object) => presignPut(target, object),
    startMultipart: (object) => startMultipart(target, object),
  },
  { authMode, limits },
);

/**
 * POST /members/{memberId}/uploads: a presigned PUT URL (or a multipart upload's part URLs), so a member uploads with API access only. The URL
 * can do no more than this function's role: put objects under exports/ and scores/.
 */
export const handler = instrumentHandler(
  { logger },
  answerUnexpectedErrors(
    logger,
    { log: 'upload grant failed', detail: 'No upload URL could be made; try again later.' },
    api,
  ),
);
