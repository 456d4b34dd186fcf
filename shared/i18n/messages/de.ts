import { PILLAR_LABELS } from '../../domain/pillar-labels';
import type { Messages } from './en';

export const de: Messages = {
  languageName: 'Deutsch',
  pillars: PILLAR_LABELS.de,
  common: {
    overall: 'SSI gesamt',
    calibrated: 'kalibriert',
    raw: 'Rohmodell',
    official: 'offiziell',
  },
};
