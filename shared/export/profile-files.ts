import type { ProfileCounter, ProfileSnapshot } from '../domain/profile';
import type { CsvFileType } from './csv-file-type';

const at = (fields: readonly string[], index: number): string =>
  (index < 0 ? '' : (fields[index] ?? '')).trim();

/** A profile file whose rows are only counted (Skills, Education, …). */
const counted = (
  type: string,
  names: string[],
  required: string[],
  counter: ProfileCounter,
): CsvFileType => ({
  type,
  names,
  required,
  reads: required.slice(0, 1),
  kinds: [],
  early: true,
  byNameOnly: true,
  parser: (columns, ctx) => {
    const first = columns.of(required[0] as string);
    return {
      row(fields) {
        if (at(fields, first) !== '') ctx.profile[counter] += 1;
      },
    };
  },
});

/** Profile files: read first, because the owner's name and employer are needed to classify activity. */
export const PROFILE_FILE_TYPES: readonly CsvFileType[] = [
  {
    type: 'Profile',
    names: ['profile'],
    required: ['first name', 'last name', 'headline'],
    reads: ['first name', 'last name', 'headline', 'summary'],
    kinds: [],
    early: true,
    byNameOnly: true,
    parser: (columns, ctx) => {
      const [first, last, headline, summary] = ['first name', 'last name', 'headline', 'summary'].map((n) =>
        columns.of(n),
      ) as [number, number, number, number];
      return {
        row(fields) {
          const fullName = `${at(fields, first)} ${at(fields, last)}`.trim();
          if (fullName !== '' && ctx.owner.fullName === undefined) ctx.owner.fullName = fullName;
          ctx.profile.hasHeadline ||= at(fields, headline) !== '';
          ctx.profile.hasSummary ||= at(fields, summary) !== '';
        },
      };
    },
  },
  {
    type: 'Profile Summary',
    names: ['profilesummary'],
    required: ['profile summary'],
    reads: ['profile summary'],
    kinds: [],
    early: true,
    byNameOnly: true,
    parser: (columns, ctx) => {
      const summary = columns.of('profile summary');
      return {
        row(fields) {
          ctx.profile.hasSummary ||= at(fields, summary) !== '';
        },
      };
    },
  },
  {
    type: 'Positions',
    names: ['positions'],
    required: ['company name', 'title'],
    reads: ['company name', 'title', 'finished on'],
    kinds: [],
    early: true,
    byNameOnly: true,
    parser: (columns, ctx) => {
      const [company, title, finished] = ['company name', 'title', 'finished on'].map((n) =>
        columns.of(n),
      ) as [number, number, number];
      return {
        row(fields) {
          const profile: ProfileSnapshot = ctx.profile;
          profile.positions += 1;
          if (at(fields, finished) !== '') return;
          profile.currentPositions += 1;
          // The first current position listed is the main one (LinkedIn lists newest first).
          if (profile.currentCompany === undefined && at(fields, company) !== '') {
            profile.currentCompany = at(fields, company);
            profile.currentTitle = at(fields, title) || undefined;
            ctx.owner.company = profile.currentCompany.toLowerCase();
          }
        },
      };
    },
  },
  counted('Education', ['education'], ['school name'], 'education'),
  counted('Skills', ['skills'], ['name'], 'skills'),
  counted('Languages', ['languages'], ['name', 'proficiency'], 'languages'),
  counted('Certifications', ['certifications'], ['name', 'authority'], 'certifications'),
  counted('Projects', ['projects'], ['title', 'description'], 'projects'),
  counted('Courses', ['courses'], ['name'], 'courses'),
  counted('Honors', ['honors'], ['title'], 'honors'),
  counted('Publications', ['publications'], ['name'], 'publications'),
  counted('Volunteering', ['volunteering'], ['company name', 'role'], 'volunteering'),
];
