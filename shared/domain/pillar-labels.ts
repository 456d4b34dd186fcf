import type { Pillar } from './pillars';

/** Languages whose SSI page wording pillarwatch knows (docs/readings.md says which are verified). */
export type PageLanguage = 'en' | 'de' | 'pl' | 'pt' | 'es' | 'fr';

/** The four pillar labels as the page shows them, per language. en and de are LinkedIn's wording. */
export const PILLAR_LABELS: Record<PageLanguage, Record<Pillar, string>> = {
  en: {
    brand: 'Establish your professional brand',
    people: 'Find the right people',
    insights: 'Engage with insights',
    relationships: 'Build relationships',
  },
  de: {
    brand: 'Ihre professionelle Marke aufbauen',
    people: 'Gezielt die richtigen Personen finden',
    insights: 'Durch Einblicke Interesse wecken',
    relationships: 'Beziehungen aufbauen',
  },
  pl: {
    brand: 'Zbuduj swoją markę zawodową',
    people: 'Znajdź właściwe osoby',
    insights: 'Angażuj się dzięki wnioskom',
    relationships: 'Buduj relacje',
  },
  pt: {
    brand: 'Estabeleça sua marca profissional',
    people: 'Encontre as pessoas certas',
    insights: 'Interaja oferecendo insights',
    relationships: 'Cultive relacionamentos',
  },
  es: {
    brand: 'Establecer tu marca profesional',
    people: 'Encontrar a las personas adecuadas',
    insights: 'Interactuar con información',
    relationships: 'Establecer relaciones',
  },
  fr: {
    brand: 'Construire votre marque professionnelle',
    people: 'Trouver les bonnes personnes',
    insights: 'Échanger des informations',
    relationships: 'Établir des relations',
  },
};
