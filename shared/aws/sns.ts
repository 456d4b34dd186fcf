import { SNSClient } from '@aws-sdk/client-sns';

/** The SNS client, created once per process; only functions that publish findings import this module. */
export const snsClient = new SNSClient({});
