import type { Day } from '../../shared/domain/kinds';
import type {
  Calibration,
  DailyEstimate,
  Finding,
  OfficialReading,
  PopulationPrior,
} from '../../shared/domain/pillars';
import type { RecalculationEvent } from '../../shared/domain/population';
import type { MembersPage, ScoresStore } from '../../shared/store/scores-store';

const findingKey = (finding: Finding) => `${finding.from}#${finding.type}#${finding.pillar}`;
const readingKey = (reading: OfficialReading) => `${reading.observedAt}#${reading.readingHash}`;
const byKey = <T>(map: ReadonlyMap<string, T>): T[] =>
  [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);

/**
 * An in-memory ScoresStore with the table's orderings (sort keys): the sweep's unit tests and the scale
 * benchmark use it. `test/support/contracts/scores-store.contract.ts` holds it to the DynamoDB adapter.
 */
export class MemoryScoresStore implements ScoresStore {
  private readonly readings = new Map<string, Map<string, OfficialReading>>();
  private readonly estimates = new Map<string, Map<Day, DailyEstimate>>();
  private readonly calibrations = new Map<string, Calibration>();
  private readonly findings = new Map<string, Map<string, { finding: Finding; published: boolean }>>();
  private readonly registry = new Set<string>();
  private readonly recalculations = new Map<string, RecalculationEvent>();
  private prior: PopulationPrior | undefined;

  private of<T>(map: Map<string, Map<string, T>>, memberId: string): Map<string, T> {
    const inner = map.get(memberId) ?? new Map<string, T>();
    map.set(memberId, inner);
    return inner;
  }

  async saveReadings(memberId: string, readings: readonly OfficialReading[]) {
    const stored = this.of(this.readings, memberId);
    const fresh: OfficialReading[] = [];
    for (const reading of readings) {
      if (stored.has(readingKey(reading))) continue;
      stored.set(readingKey(reading), structuredClone(reading));
      fresh.push(reading);
    }
    return fresh;
  }
  async listReadings(memberId: string) {
    return structuredClone(byKey(this.of(this.readings, memberId)));
  }
  async writeEstimates(memberId: string, estimates: readonly DailyEstimate[]) {
    const stored = this.of(this.estimates, memberId);
    for (const estimate of estimates) stored.set(estimate.day, structuredClone(estimate));
    return Math.ceil(estimates.length / 25);
  }
  async readEstimates(memberId: string, from: Day, to: Day) {
    return structuredClone(
      byKey(this.of(this.estimates, memberId)).filter((e) => e.day >= from && e.day <= to),
    );
  }
  async saveCalibration(calibration: Calibration) {
    this.calibrations.set(calibration.memberId, structuredClone(calibration));
  }
  async loadCalibration(memberId: string) {
    return structuredClone(this.calibrations.get(memberId));
  }
  async savePrior(prior: PopulationPrior) {
    this.prior = structuredClone(prior);
  }
  async loadPrior() {
    return structuredClone(this.prior);
  }
  async saveFindings(memberId: string, findings: readonly Finding[]) {
    const stored = this.of(this.findings, memberId);
    const fresh: Finding[] = [];
    for (const finding of findings) {
      const known = stored.get(findingKey(finding));
      if (known) known.finding = structuredClone(finding);
      else {
        stored.set(findingKey(finding), {
          finding: structuredClone(finding),
          published: finding.status === 'resolved',
        });
        fresh.push(finding);
      }
    }
    return fresh;
  }
  async listUnpublishedFindings(memberId: string) {
    return byKey(this.of(this.findings, memberId))
      .filter((item) => !item.published && item.finding.status !== 'resolved')
      .map((item) => structuredClone(item.finding));
  }
  async markPublished(memberId: string, findings: readonly Finding[]) {
    const stored = this.of(this.findings, memberId);
    for (const finding of findings) {
      const known = stored.get(findingKey(finding));
      if (known) known.published = true;
    }
  }
  async listFindings(memberId: string) {
    return byKey(this.of(this.findings, memberId)).map((item) => structuredClone(item.finding));
  }
  async registerMember(memberId: string) {
    this.registry.add(memberId);
  }
  async listMembers() {
    return [...this.registry].sort();
  }
  async listMembersPage(limit: number, cursor?: string): Promise<MembersPage> {
    const after = [...this.registry].sort().filter((memberId) => cursor === undefined || memberId > cursor);
    const memberIds = after.slice(0, limit);
    return after.length > limit ? { memberIds, cursor: memberIds.at(-1) } : { memberIds };
  }
  async listRecalculations() {
    return structuredClone(byKey(this.recalculations));
  }
  async saveRecalculations(events: readonly RecalculationEvent[]) {
    for (const event of events)
      this.recalculations.set(`${event.day}#${event.pillar}`, structuredClone(event));
  }
}
