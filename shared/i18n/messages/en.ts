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
  app: {
    title: 'Your SSI page',
    localBanner: 'Local mode: no sign-in. Anyone who can reach this computer can open every member here.',
    language: 'Language',
    memberId: 'Member id',
    openMember: 'Open',
    signOut: 'Sign out',
    signingIn: 'Signing you in…',
    signInFailed: 'Sign-in failed: {detail}',
    range: 'What moved, from',
    rangeTo: 'to',
    showRange: 'Show',
    loading: 'Loading your page…',
    loadFailed: 'Your page could not be loaded: {detail}',
    chooseMember: 'Enter a member id to open their page.',
    readingTitle: 'Add an official SSI reading',
    readingHelp: 'Paste the JSON of your SSI page (or a typed reading), or drop a .json file here.',
    readingLabel: 'SSI reading (JSON)',
    readingSubmit: 'Save reading',
    readingNotJson: 'This is not JSON: copy the whole response of the SSI page.',
    readingStored: 'Stored: your reading of {day}, {overall} overall.',
    readingDuplicate: 'Already stored: this reading of {day} was saved before.',
    readingRejected: 'Rejected: {detail}',
    readingCounts: '{stored} stored, {duplicates} already stored, {rejected} rejected.',
    uploadTitle: 'Upload your LinkedIn data export',
    uploadHelp: 'Choose the .zip file LinkedIn sent you. It is read within a minute.',
    uploadLabel: 'Export (.zip)',
    uploadProgress: 'Uploading {percent} %',
    uploadWaiting: 'Uploaded. Reading your export…',
    uploadFailed: 'The upload failed: {detail}',
    uploadTimeout: 'Your export is uploaded but not read yet: look again in a few minutes.',
    latestTitle: 'Latest upload',
    ingestSucceeded: 'Read: {file}, {rows} rows from {files} files.',
    ingestPartial: 'Partly read: {file}, {rows} rows; {rejected} rows rejected.',
    ingestFailed: 'Not read: {file}. {reason}',
    ingestDuplicate: 'The same export as an earlier upload: nothing changed.',
    noUpload: 'No upload yet.',
  },
};

/** The catalogue's shape: every language has every key, each a string (templates use `{name}`). */
export type Messages = typeof en;
