import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Forbidden } from '../domain/errors';
import { problemFor } from './problems';

/**
 * Who may call what. In IAM mode (the default) API Gateway has already checked a SigV4 signature of the
 * deploying account: every caller is trusted. In Cognito mode (`PILLARWATCH_AUTH_MODE=cognito`, read by `shared/config/auth-mode.ts`) a member
 * reads only their own data — their Cognito user name is their member id — and the `managers` group reads
 * everyone's and every team's. Locally auth is off.
 */
export type AuthMode = 'iam' | 'cognito' | 'off';
export const MANAGERS_GROUP = 'managers';
/** `manager:<teamId>`: manages that one team (a Cognito group per team; group names allow the colon). */
export const TEAM_MANAGER_GROUP_PREFIX = 'manager:';

/**
 * Who manages a team: the `managers` group manages every team (and members' profiles); a member of
 * `manager:<teamId>` manages that team only: its leaderboard, tables, settings and page.
 */
export const managesTeam = (groups: readonly string[], teamId: string): boolean =>
  groups.includes(MANAGERS_GROUP) || groups.includes(`${TEAM_MANAGER_GROUP_PREFIX}${teamId}`);

interface Caller {
  username?: string;
  groups: string[];
}

/** "[managers, admins]", "managers,admins" or "managers" → the group names. */
const groupList = (groups: unknown): string[] =>
  Array.isArray(groups)
    ? groups.map(String)
    : typeof groups === 'string'
      ? groups
          .replace(/^\[|\]$/g, '')
          .split(/[,\s]+/)
          .filter(Boolean)
      : [];

/**
 * The caller as API Gateway passes it: from the stack's Lambda authorizer (`functions/authorizer.ts`, its
 * context `username` and comma-separated `groups`), or from a Cognito user pool authorizer's `claims`.
 */
const callerOf = (event: APIGatewayProxyEvent): Caller => {
  const authorizer = (event.requestContext?.authorizer ?? {}) as Record<string, unknown>;
  if (typeof authorizer.username === 'string') {
    return { username: authorizer.username, groups: groupList(authorizer.groups) };
  }
  const claims = (authorizer.claims ?? {}) as Record<string, unknown>;
  return {
    username: typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : undefined,
    // API Gateway passes a list claim as a string: "[managers, admins]" or "managers".
    groups: groupList(claims['cognito:groups']),
  };
};

/** A 403 problem when the caller may not act on `memberId` (undefined: a route about no single member). */
export const authorize = (
  mode: AuthMode,
  event: APIGatewayProxyEvent,
  memberId: string | undefined,
  { managersOnly = false, teamId }: { managersOnly?: boolean; teamId?: string } = {},
): APIGatewayProxyResult | undefined => {
  if (mode !== 'cognito') return undefined;
  const caller = callerOf(event);
  if (caller.groups.includes(MANAGERS_GROUP)) return undefined;
  if (teamId !== undefined && managesTeam(caller.groups, teamId)) return undefined;
  if (!managersOnly && (memberId === undefined || caller.username === memberId)) return undefined;
  return problemFor(
    new Forbidden(
      teamId !== undefined
        ? `Only the '${MANAGERS_GROUP}' or '${TEAM_MANAGER_GROUP_PREFIX}${teamId}' group may see this team.`
        : managersOnly
          ? `Only the '${MANAGERS_GROUP}' group may do this.`
          : `You may only access your own data (signed in as '${caller.username ?? 'unknown'}', asked for '${memberId}').`,
    ),
  );
};
