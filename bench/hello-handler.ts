/**
 * The cold-start baseline of bench/run.ts: a hello-world Lambda handler that imports the SDK clients the audit
 * handlers use (IAM, EC2, STS, SNS, S3), built exactly like them, so the difference is our own code.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';

export const handler = async (): Promise<string[]> =>
  [new EC2Client({}), new IAMClient({}), new S3Client({}), new SNSClient({}), new STSClient({})].map((client) => client.constructor.name);
