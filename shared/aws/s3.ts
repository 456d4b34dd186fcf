import { S3Client } from '@aws-sdk/client-s3';
import { s3PathStyle } from '../config/clients';

/**
 * The S3 client, created once per process. Only the ingest and erase functions import it, so the API bundle
 * carries no @aws-sdk/client-s3. The local stack sets `AWS_ENDPOINT_URL_S3`; the S3 server on localhost needs
 * path-style addressing, which `PILLARWATCH_S3_PATH_STYLE=1` turns on.
 */
export const s3Client = new S3Client({ forcePathStyle: s3PathStyle() });
