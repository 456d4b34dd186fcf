import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { thresholdsFromEnv } from '../../shared/scores/deps';

describe('thresholdsFromEnv', () => {
  it('overrides the defaults from PILLARWATCH_THRESHOLDS and refuses unknown or invalid values', () => {
    expect(thresholdsFromEnv({})).toEqual(DEFAULT_THRESHOLDS);
    expect(thresholdsFromEnv({ PILLARWATCH_THRESHOLDS: '{"staleDays":21,"minDelta":0.5}' })).toEqual({
      ...DEFAULT_THRESHOLDS,
      staleDays: 21,
      minDelta: 0.5,
    });
    expect(() => thresholdsFromEnv({ PILLARWATCH_THRESHOLDS: '{"staleDayz":21}' })).toThrow(
      /staleDayz|Unrecognized/,
    );
    expect(() => thresholdsFromEnv({ PILLARWATCH_THRESHOLDS: '{"staleDays":-1}' })).toThrow(/staleDays/);
    expect(() => thresholdsFromEnv({ PILLARWATCH_THRESHOLDS: 'fourteen' })).toThrow(/not JSON/);
  });
});
