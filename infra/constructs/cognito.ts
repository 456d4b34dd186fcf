import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { MANAGERS_GROUP } from '../../shared/api/authorize';

/**
 * The API's users in Cognito mode (`-c authMode=cognito`): a user per member, named by member id (an admin
 * creates them; no self sign-up), MFA by authenticator app, a CLI client using SRP, and the `managers` group
 * that reads every member and team (`shared/api/authorize.ts`).
 *
 * `Api` creates it with the id `Default`, which CDK leaves out of logical IDs: the pool, its client and the
 * group keep the IDs they had before this construct existed, so a deployed pool (and its users) is kept.
 */
export class MemberUserPool extends Construct {
  public readonly userPool: UserPool;
  /** The CLI's client (SRP sign-in; `PILLARWATCH_TOKEN` carries its ID token). */
  public readonly cliClient: UserPoolClient;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      signInAliases: { username: true, email: true },
      selfSignUpEnabled: false,
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // The members' sign-ins: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.cliClient = this.userPool.addClient('Cli', { authFlows: { userSrp: true } });
    new CfnUserPoolGroup(this, 'Managers', {
      userPoolId: this.userPool.userPoolId,
      groupName: MANAGERS_GROUP,
      description: 'Reads every member and every team',
    });
  }
}
