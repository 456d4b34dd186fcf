import { PILLARS, type Pillar } from '../domain/pillars';
import { foldLabel } from './cells';

/**
 * LinkedIn's words on linkedin.com/sales/ssi and the column names people give a readings spreadsheet, in the
 * page's languages. docs/readings.md says which labels were verified; where one is not (or LinkedIn rewords
 * it), the page's fixed order of the four pillars decides (`long-csv.ts`).
 */

/**
 * Word stems that tell a pillar in any of those languages (folded: no accents, lower case). They also catch
 * short spreadsheet headers (`Marke`, `Relacje`, `insights`) and LinkedIn's API names (`PROFESSIONAL_BRAND`).
 */
const PILLAR_STEMS: Record<Pillar, RegExp> = {
  brand: /\b(brand|marke|marque|marca|marka|marke)/,
  people: /\b(people|personen|personnes|personas|pessoas|osob|ludzi|find right)/,
  insights: /\b(insight|einblick|informa|wnios|spostrzez|analiz|analise)/,
  relationships: /\b(relation|beziehung|relacj|relacion|relacionamento|relationship)/,
};

/** The pillar a label or header names; undefined when it names none (or more than one). */
export const pillarOfLabel = (label: string): Pillar | undefined => {
  const folded = foldLabel(label).replace(/_/g, ' ');
  const named = PILLARS.filter((pillar) => PILLAR_STEMS[pillar].test(folded));
  return named.length === 1 ? named[0] : undefined;
};

/** Where on the page a figure sits: the member's own score, or the industry's or the network's averages. */
export type Section = 'member' | 'industry' | 'network';

const INDUSTRY = /\b(industr|branche|branz|setor|sector|secteur)/;
const NETWORK = /\b(network|netzwerk|siec|sieci|rede|red|reseau)\b|\bnetzwerk|\bnetwork/;

/** The group a section heading (or a header like `industry_rank`) names; undefined for the member's own. */
export const groupOfLabel = (label: string): Exclude<Section, 'member'> | undefined => {
  const folded = foldLabel(label).replace(/_/g, ' ');
  if (INDUSTRY.test(folded)) return 'industry';
  if (NETWORK.test(folded)) return 'network';
  return undefined;
};

/** A rank label: `Industry SSI rank`, `Branchen-SSI-Rang`, `Pozycja`, `Classificação`, `Classement`. */
export const isRankLabel = (label: string): boolean =>
  /\b(rank|rang|ranking|pozycj|klasyfik|classifica|clasifica|classement|posicion|posicao)/.test(
    foldLabel(label),
  );

/** A group's stated average: `…have an average SSI of`, `Durchschnitt`, `średnia`, `média`, `promedio`, `moyenne`. */
export const isAverageLabel = (label: string): boolean =>
  /\b(average|durchschnitt|sredni|media|promedio|moyenne)/.test(foldLabel(label));

/** The overall score or a group's average: `Social Selling Index`, `SSI`, `Gesamt`, `Moyenne`, `Promedio`. */
export const isOverallLabel = (label: string): boolean =>
  /\b(social selling|ssi|overall|total|gesamt|ogol|wynik|global|general|geral|score|average|durchschnitt|sredni|media|promedio|moyenne|indice|indeks)/.test(
    foldLabel(label),
  );

/** Column names of the readings spreadsheets, folded, per role (en, de, pl, pt, es, fr). */
const COLUMN_NAMES = {
  member: [
    'member',
    'member id',
    'memberid',
    'seller',
    'email',
    'e mail',
    'mitglied',
    'czlonek',
    'membro',
    'miembro',
    'membre',
    'vendedor',
    'verkaufer',
    'handlowiec',
    'vendeur',
  ],
  date: ['date', 'day', 'datum', 'tag', 'data', 'dzien', 'dia', 'fecha', 'jour', 'observedat', 'observed at'],
  time: ['time', 'uhrzeit', 'zeit', 'godzina', 'czas', 'hora', 'heure'],
  section: [
    'section',
    'bereich',
    'abschnitt',
    'sekcja',
    'secao',
    'seccion',
    'group',
    'gruppe',
    'grupa',
    'grupo',
    'groupe',
  ],
  label: [
    'label',
    'metric',
    'name',
    'bezeichnung',
    'kennzahl',
    'etykieta',
    'nazwa',
    'rotulo',
    'etiqueta',
    'metrica',
    'libelle',
    'nom',
    'metrique',
  ],
  value: ['value', 'wert', 'wartosc', 'valor', 'valeur'],
} as const;

export type ColumnRole = keyof typeof COLUMN_NAMES;

/** The role a header names exactly (folded), e.g. `Datum` → date; undefined otherwise. */
export const columnRoleOf = (header: string): ColumnRole | undefined => {
  const folded = foldLabel(header).replace(/_/g, ' ');
  return (Object.keys(COLUMN_NAMES) as ColumnRole[]).find((role) =>
    (COLUMN_NAMES[role] as readonly string[]).includes(folded),
  );
};
