import { PILLAR_LABELS } from '../../domain/pillar-labels';

/**
 * The English catalogue, and the shape every other language must fill (a missing key is a type error; the
 * catalogue test also checks that every text keeps the same `{placeholders}`). Namespaces: `common` and
 * `pillars` for everything, then one per page or surface (member page, web app, team page, findings,
 * manifests) — add yours as a new namespace in all three files.
 */
export const en = {
  languageName: 'English',
  pillars: PILLAR_LABELS.en,
  common: {
    overall: 'Overall SSI',
    calibrated: 'calibrated',
    raw: 'raw model',
    official: 'official',
  },
};

/** The catalogue's shape: every language has every key, each a string (templates use `{name}`). */
export type Messages = typeof en;
