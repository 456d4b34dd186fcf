import type { Day, DayActivity } from '../../shared/domain/kinds';
import { type IngestManifest, manifestPosition, type ScoringStage } from '../../shared/domain/manifest';
import type { Coverage } from '../../shared/domain/merge';
import type { ProfileSnapshot } from '../../shared/domain/profile';
import type {
  BusinessGoalRow,
  CompetitionDefinition,
  KpiDefinition,
  TierThresholds,
} from '../../shared/domain/team-settings';
import type { ActivityStore } from '../../shared/store/activity-store';
import type { TeamSettingsStore } from '../../shared/store/team-settings-store';

/** An in-memory ActivityStore for unit tests of the ingest use case; it counts writes like the real one. */
export class MemoryStore implements ActivityStore {
  readonly days = new Map<string, Map<Day, DayActivity>>();
  readonly coverage = new Map<string, Coverage>();
  readonly profiles = new Map<string, ProfileSnapshot>();
  readonly manifests: IngestManifest[] = [];
  writes = 0;

  /** Like the table: a member exists once any of its items does. */
  async memberExists(memberId: string) {
    return (
      (this.days.get(memberId)?.size ?? 0) > 0 ||
      this.coverage.has(memberId) ||
      this.profiles.has(memberId) ||
      this.manifests.some((m) => m.memberId === memberId)
    );
  }
  async readDays(memberId: string, from: Day, to: Day, limit?: number) {
    return [...(this.days.get(memberId)?.values() ?? [])]
      .filter((d) => d.day >= from && d.day <= to)
      .sort((a, b) => (a.day < b.day ? -1 : 1))
      .slice(0, limit);
  }
  async writeDays(memberId: string, puts: readonly DayActivity[], deletes: readonly Day[]) {
    const days = this.days.get(memberId) ?? new Map<Day, DayActivity>();
    this.days.set(memberId, days);
    for (const day of deletes) days.delete(day);
    for (const put of puts) days.set(put.day, structuredClone(put));
    const batches = Math.ceil((puts.length + deletes.length) / 25);
    this.writes += batches;
    return batches;
  }
  async loadCoverage(memberId: string) {
    return structuredClone(this.coverage.get(memberId) ?? { exports: [] });
  }
  async saveCoverage(memberId: string, coverage: Coverage) {
    this.writes += 1;
    this.coverage.set(memberId, structuredClone(coverage));
  }
  async loadProfile(memberId: string) {
    return this.profiles.get(memberId);
  }
  async saveProfile(memberId: string, profile: ProfileSnapshot) {
    this.writes += 1;
    this.profiles.set(memberId, profile);
  }
  async saveManifest(manifest: IngestManifest) {
    this.writes += 1;
    this.manifests.push(structuredClone(manifest));
  }
  async updateManifestScoring(memberId: string, position: string, scoring: ScoringStage) {
    const manifest = this.manifests.find((m) => m.memberId === memberId && manifestPosition(m) === position);
    if (!manifest) return false;
    this.writes += 1;
    manifest.scoring = structuredClone(scoring);
    return true;
  }
  async listManifests(memberId: string, limit: number, before?: string) {
    // Newest first by position (`startedAt#objectKey`), the order of the table's sort key.
    const position = (m: IngestManifest) => `${m.startedAt}#${m.objectKey}`;
    return this.manifests
      .filter((m) => m.memberId === memberId && (!before || position(m) < before))
      .sort((a, b) => (position(a) < position(b) ? 1 : -1))
      .slice(0, limit);
  }
}

/** The team settings port in memory (`shared/store/team-settings-store.ts`). */
export class MemoryTeamSettingsStore implements TeamSettingsStore {
  readonly competitions = new Map<string, CompetitionDefinition>();
  readonly tiers = new Map<string, TierThresholds>();
  readonly kpis = new Map<string, KpiDefinition>();
  readonly goals = new Map<string, BusinessGoalRow>();

  async saveCompetition(teamId: string, competition: CompetitionDefinition) {
    this.competitions.set(`${teamId}\n${competition.name}`, structuredClone(competition));
  }
  async loadCompetition(teamId: string, name: string) {
    return structuredClone(this.competitions.get(`${teamId}\n${name}`));
  }
  async listCompetitions(teamId: string) {
    return [...this.competitions.entries()]
      .filter(([key]) => key.startsWith(`${teamId}\n`))
      .map(([, value]) => structuredClone(value));
  }
  async deleteCompetition(teamId: string, name: string) {
    return this.competitions.delete(`${teamId}\n${name}`);
  }
  async saveTiers(teamId: string, thresholds: TierThresholds) {
    this.tiers.set(teamId, { ...thresholds });
  }
  async loadTiers(teamId: string) {
    return this.tiers.get(teamId);
  }
  async saveKpi(teamId: string, definition: KpiDefinition) {
    this.kpis.set(teamId, structuredClone(definition));
  }
  async loadKpi(teamId: string) {
    return structuredClone(this.kpis.get(teamId));
  }
  async saveBusinessGoals(teamId: string, rows: readonly BusinessGoalRow[]) {
    for (const row of rows) this.goals.set(`${teamId}\n${row.week}\n${row.memberId}`, structuredClone(row));
    return rows.length;
  }
  async readBusinessGoals(teamId: string, memberIds: readonly string[], fromWeek: string, toWeek: string) {
    return [...this.goals.entries()]
      .filter(
        ([key, row]) =>
          key.startsWith(`${teamId}\n`) &&
          memberIds.includes(row.memberId) &&
          row.week >= fromWeek &&
          row.week <= toWeek,
      )
      .map(([, row]) => structuredClone(row));
  }
}
