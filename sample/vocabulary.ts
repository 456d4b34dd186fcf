/**
 * Word lists for the synthetic export. Every person, company and sentence here is invented; the lists only
 * mimic the shapes that trip parsers (diacritics, apostrophes, commas and credentials in names, emoji).
 */
import { Rng } from './prng';

export const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Chidi',
  'Dana',
  'Elif',
  'Farid',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kavya',
  'Lars',
  'Maja',
  'Noah',
  'Olu',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tomasz',
  'Uma',
  'Vera',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Łukasz',
  'Małgorzata',
  'Jürgen',
  'François',
  'Siobhán',
  'José',
  'Aoife',
  'Björn',
  'Camille',
  'Diego',
  'Emma',
  'Felix',
  'Grace',
  'Hannah',
  'Igor',
  'Julia',
  'Kenji',
  'Lena',
  'Marek',
  'Nadia',
  'Oskar',
  'Paula',
  'Rafael',
  'Sara',
  'Theo',
  'Ulrike',
  'Viktor',
  'Wiktoria',
  'Yara',
  'Zofia',
  'Amir',
  'Bea',
  'Cosmin',
  'Dominika',
  'Erik',
  'Fatima',
  'Gabriel',
  'Helga',
] as const;

export const LAST_NAMES = [
  'Kowalski',
  'Müller',
  'Nguyen',
  "O'Brien",
  'García',
  'Smith',
  'Nowak',
  'Schmidt',
  'Rossi',
  'Dubois',
  'Jensen',
  'Okafor',
  'Tanaka',
  'Silva',
  'Novák',
  'Wiśniewska',
  'Petrov',
  'Lindqvist',
  'Haddad',
  'Kaur',
  'Fischer',
  'Moreau',
  'Bianchi',
  'de Vries',
  'van der Berg',
  'Zieliński',
  'Horvat',
  'Ivanova',
  'Kim',
  'Larsen',
  'Mendes',
  'Popescu',
  'Quispe',
  'Romero',
  'Sato',
  'Thompson',
  'Ulloa',
  'Varga',
  'Walsh',
  'Yilmaz',
  'Zhang',
  'Andersson',
  'Becker',
  'Costa',
  'Dąbrowski',
  'Eriksen',
  'Ferrari',
  'Gómez',
  'Hansen',
  'Iglesias',
  'Jovanović',
  'Keller',
  'Lewandowska',
  'Martin',
  'Nilsen',
  'Olsen',
  'Pereira',
  'Richter',
  'Santos',
  'Tremblay',
  'Urban',
  'Vogel',
  'Weber',
  'Young',
] as const;

/** Suffixes seen in real exports: credentials after a comma, a trailing comma inside the quotes, emoji. */
export const NAME_SUFFIXES = [', MBA', ', Ph.D.', ', MPA, CPS', ', MBA,', ' 🚀', ' ', ', CFA'] as const;

/** Titles the generator declares senior. The expected `connection.senior` comes from this list, not a regex. */
export const SENIOR_TITLES = [
  'CEO',
  'Chief Revenue Officer',
  'VP Sales',
  'Vice President',
  'Director of Marketing',
  'Head of Growth',
  'Founder',
  'Co-Founder',
  'Owner',
  'Partner',
  'Managing Director',
  'Geschäftsführer',
  'Leiter Vertrieb',
  'Vorstand',
  'Prezes Zarządu',
  'Dyrektor Sprzedaży',
  'Kierownik',
  'Directeur commercial',
  'Président',
] as const;

/** Titles that are not senior, including the traps that name a senior role they assist. */
export const OTHER_TITLES = [
  'Software Engineer',
  'Account Executive',
  'Sales Development Representative',
  'Marketing Specialist',
  'Analyst',
  'Consultant',
  'Recruiter',
  'Student',
  'Product Designer',
  'Project Coordinator',
  'Assistant to the Director',
  'Assistant to the CEO',
  'Executive Assistant',
  'Customer Success Manager',
  'Data Scientist',
] as const;

export const COMPANIES = [
  'Fabrikam Logistics',
  'Contoso Retail',
  'Tailspin Toys',
  'Wide World Importers',
  'Litware, Inc.',
  'Adventure Works',
  'Proseware GmbH',
  'Lamna Healthcare',
  'Alpine Ski House',
  'Coho Winery',
  "Margie's Travel",
  'Blue Yonder Airlines',
  'Trey Research',
  'Woodgrove Bank',
  'Humongous Insurance',
  'Graphic Design Institute',
  'Fourth Coffee',
  'Bellows College',
  'Relecloud',
  'VanArsdel, Ltd.',
] as const;

export const SKILLS = [
  'Sales',
  'Social Selling',
  'B2B Marketing',
  'Negotiation',
  'Salesforce.com',
  'Lead Generation',
  'Account Management',
  'Public Speaking',
  'SaaS',
  'CRM',
  'Business Development',
  'Go-to-Market Strategy',
] as const;

export const REACTION_TYPES = [
  'LIKE',
  'LIKE',
  'LIKE',
  'PRAISE',
  'EMPATHY',
  'INTEREST',
  'ENTERTAINMENT',
  'APPRECIATION',
] as const;

export const SEARCH_TERMS = [
  'vp sales',
  'head of growth berlin',
  'saas founder',
  'procurement director',
  'fabrikam logistics',
  'revops',
  'cro fintech',
  'Geschäftsführer München',
  'dyrektor sprzedaży',
  'account executive remote',
  'social selling',
  'b2b marketing',
  '"chief revenue officer"',
  'partnerships, emea',
] as const;

const WORDS = [
  'thanks',
  'for',
  'the',
  'intro',
  'quick',
  'question',
  'about',
  'pipeline',
  'next',
  'week',
  'call',
  'demo',
  'pricing',
  'proposal',
  'team',
  'would',
  'love',
  'to',
  'connect',
  'great',
  'post',
  'agree',
  'with',
  'your',
  'point',
  'on',
  'outbound',
  'let',
  'me',
  'know',
  'if',
  'works',
  'calendar',
  'link',
  'budget',
  'quarter',
  'renewal',
  'contract',
  'follow',
  'up',
  'happy',
  'share',
  'deck',
  'notes',
  'meeting',
  'tomorrow',
  'coffee',
  'conference',
  'see',
  'you',
  'there',
  'best',
  'regards',
  'cheers',
  'and',
  'a',
  'we',
  'our',
  'customers',
  'onboarding',
  'feedback',
  'roadmap',
  'hiring',
  'interesting',
  'idea',
  'sounds',
  'good',
  'perfect',
] as const;

/** Words without commas or quotes, for unquoted multi-line Comments rows (a parser must not split them). */
export const plainSentence = (rng: Rng, words: number): string => {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rng.pick(WORDS));
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** Free text with the punctuation that matters to CSV: commas, quotes, apostrophes. */
export const sentence = (rng: Rng, words: number): string => {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    let word: string = rng.pick(WORDS);
    const roll = rng.next();
    if (roll < 0.06) word += ',';
    else if (roll < 0.08) word = `"${word}"`;
    else if (roll < 0.09) word = `${word}'s`;
    out.push(word);
  }
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
};

/**
 * A fixed block of text that message bodies are sliced from. Slicing is what makes 400k message rows
 * affordable; the corpus is built once from a fixed key, so it never depends on the caller's seed.
 */
export const MESSAGE_CORPUS: string = (() => {
  const rng = new Rng('pillarwatch message corpus v1');
  const parts: string[] = [];
  let length = 0;
  while (length < 256 * 1024) {
    const s = sentence(rng, rng.between(4, 18));
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join(' ');
})();
