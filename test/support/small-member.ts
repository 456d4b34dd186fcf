import { type GeneratorOptions, SAMPLE_OPTIONS } from '../../sample/generator';

/**
 * A small generated member for integration tests: the sample's quirks at a few hundred rows, so an ingest
 * takes milliseconds yet still spans several write batches, estimates, readings and findings.
 */
export const smallMember = (options: Partial<GeneratorOptions>): GeneratorOptions => ({
  ...SAMPLE_OPTIONS,
  ...options,
  scale: {
    ...SAMPLE_OPTIONS.scale,
    connections: 40,
    messages: 120,
    comments: 30,
    reactions: 80,
    shares: 15,
    searches: 30,
    invitationsPerMonth: 6,
  },
});
