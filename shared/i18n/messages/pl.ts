import { PILLAR_LABELS } from '../../domain/pillar-labels';
import type { Messages } from './en';

export const pl: Messages = {
  languageName: 'Polski',
  pillars: PILLAR_LABELS.pl,
  common: {
    overall: 'SSI ogółem',
    calibrated: 'skalibrowany',
    raw: 'surowy model',
    official: 'oficjalny',
  },
};
