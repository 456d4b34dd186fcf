/**
 * Decision-maker detection from a free-text job title, in the languages sales teams meet most (English,
 * German, Polish, French, Spanish, Dutch). LinkedIn names "connections at VP level and above" as a
 * relationship signal; titles are the only evidence the export has.
 *
 * Assistants to senior people are the classic false positive ("Assistant to the CEO"), so any title that
 * names an assistant role is not senior, whatever else it contains.
 */
const SENIOR = new RegExp(
  [
    // English C-level and VP
    String.raw`\b(ceo|cfo|coo|cto|cmo|cro|cio|ciso|cpo|chief)\b`,
    String.raw`\b(s?vp|evp|avp)\b`,
    String.raw`\bvice[\s-]?president\b`,
    String.raw`\bpresident\b`,
    String.raw`\b(director|head of|head,|founder|co-?founder|owner|partner|principal|managing director|general manager|chairman|chairwoman|chair of|board member)\b`,
    // German
    'gesch(ä|ae)ftsf(ü|ue)hr',
    String.raw`\b(leiter|leiterin|vorstand|inhaber|inhaberin|gr(ü|ue)nder|gr(ü|ue)nderin|prokurist)`,
    String.raw`\bbereichsleit|abteilungsleit|vertriebsleit`,
    // Polish
    String.raw`\b(prezes|wiceprezes|dyrektor|dyrektorka|kierownik|kierowniczka|w(ł|l)a(ś|s)ciciel|za(ł|l)o(ż|z)yciel|cz(ł|l)onek zarz(ą|a)du)`,
    // French, Spanish, Dutch, Italian
    String.raw`\b(directeur|directrice|pr(é|e)sident|pdg|g(é|e)rant|fondateur|fondatrice)`,
    String.raw`\b(director[ae]?|presidente|fundador[ae]?|gerente general|socio)\b`,
    String.raw`\b(directeur|eigenaar|oprichter|bestuurder)\b`,
    String.raw`\b(amministratore delegato|direttore|fondatore|titolare)\b`,
  ].join('|'),
  'iu',
);

const NOT_SENIOR =
  /\b(assistant|assistent|assistentin|asystent|asystentka|assistante|secretary|sekretär|sekretarka|intern|praktikant|stażysta|trainee|product owner)\b/iu;

export const isSeniorTitle = (title: string): boolean => SENIOR.test(title) && !NOT_SENIOR.test(title);
