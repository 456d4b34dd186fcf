/** Small readers over a synthesized CloudFormation template, for the infra tests. */

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface PolicyStatementJson {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
  Principal?: unknown;
}

export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

export function props(resource: CfnResource | undefined): Record<string, unknown> {
  if (!resource) throw new Error('resource not found');
  return resource.Properties ?? {};
}

/** `{ Ref: X }` / `{ Fn::GetAtt: [X, ...] }` → X. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/** Renders a resource ARN expression as text: GetAtt → `<Logical.Attr>`, Ref → `<Logical>`, Join → concatenated. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return `<${record.Ref}>`;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  const join = record['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) return join[1].map(flatten).join(String(join[0]));
  return JSON.stringify(value);
}

export function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** Every statement of every AWS::IAM::Policy attached to the given role. */
export function statementsOfRole(template: CfnTemplate, roleLogicalId: string): PolicyStatementJson[] {
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      asArray(props(policy).Roles as unknown[]).some((role) => referencedLogicalId(role) === roleLogicalId),
    )
    .flatMap(
      ([, policy]) => (props(policy).PolicyDocument as { Statement: PolicyStatementJson[] }).Statement,
    );
}

/** The API Gateway resource path of a Method (`/members/{memberId}/activity`), rebuilt from ParentId chains. */
export function methodPath(template: CfnTemplate, method: CfnResource): string {
  const segments: string[] = [];
  let current = referencedLogicalId(props(method).ResourceId);
  while (current) {
    const resource = template.Resources[current];
    if (resource?.Type !== 'AWS::ApiGateway::Resource') break;
    segments.unshift(String(props(resource).PathPart));
    current = referencedLogicalId(props(resource).ParentId);
  }
  return `/${segments.join('/')}`;
}
