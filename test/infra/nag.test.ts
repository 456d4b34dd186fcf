import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './build';

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

/** Acknowledgements as `Validations.of(x).acknowledge()` records them (ids carry an `Annotation::` prefix). */
function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** Findings as they would be without any acknowledgement (cdk-nag's private check, switched off). */
function unacknowledgedFindings(root: IConstruct) {
  const checks = new AwsSolutionsChecks();
  (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return checks.validateScope(root).violations;
}

const variants = {
  default: {},
  'with API execution logs': { apiExecutionLogs: 'true' },
};

describe.each(Object.entries(variants))('cdk-nag AwsSolutions (%s)', (_name, context) => {
  const { app, stack } = buildTestApp(context);

  it('reports no unacknowledged error or warning', () => {
    // cdk-nag v3 reports through CDK's Validations; validateScope runs the same pack directly.
    const report = new AwsSolutionsChecks().validateScope(stack);
    const summary = report.violations.map(
      (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(summary).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only on named resources, each with a specific reason', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(
        ack.path.split('/').length,
        `${ack.id} must sit on a resource, not the app or stack`,
      ).toBeGreaterThan(1);
      expect(ack.reason.length, `${ack.id} at ${ack.path} needs a real reason`).toBeGreaterThan(60);
    }
  });

  it('has no stale acknowledgement: each one silences a finding on its own resource', () => {
    const findings = unacknowledgedFindings(stack);
    for (const ack of acknowledgements(app)) {
      const silenced = findings.some(
        (finding) =>
          finding.ruleName === ack.id &&
          finding.violatingResources.some(
            (r) => r.constructPath === ack.path || r.constructPath?.startsWith(`${ack.path}/`),
          ),
      );
      expect(silenced, `${ack.id} at ${ack.path} matches no finding`).toBe(true);
    }
  });
});

describe('cdk-nag wiring', () => {
  it('flags a regression: an unacknowledged finding makes the report fail', () => {
    const { stack } = buildTestApp();
    const findings = unacknowledgedFindings(stack);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.ruleName)).toContain('AwsSolutions-APIG3');
  });
});
