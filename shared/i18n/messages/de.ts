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
  app: {
    title: 'Ihre SSI-Seite',
    localBanner:
      'Lokaler Modus ohne Anmeldung: Wer diesen Rechner erreicht, kann hier jedes Mitglied öffnen.',
    language: 'Sprache',
    memberId: 'Mitglieds-ID',
    openMember: 'Öffnen',
    signOut: 'Abmelden',
    signingIn: 'Sie werden angemeldet…',
    signInFailed: 'Anmeldung fehlgeschlagen: {detail}',
    range: 'Was sich bewegt hat, von',
    rangeTo: 'bis',
    showRange: 'Anzeigen',
    loading: 'Ihre Seite wird geladen…',
    loadFailed: 'Ihre Seite konnte nicht geladen werden: {detail}',
    chooseMember: 'Geben Sie eine Mitglieds-ID ein, um deren Seite zu öffnen.',
    readingTitle: 'Offiziellen SSI-Wert hinzufügen',
    readingHelp:
      'Fügen Sie das JSON Ihrer SSI-Seite (oder einen getippten Wert) ein oder ziehen Sie eine .json-Datei hierher.',
    readingLabel: 'SSI-Wert (JSON)',
    readingSubmit: 'Wert speichern',
    readingNotJson: 'Das ist kein JSON: Kopieren Sie die vollständige Antwort der SSI-Seite.',
    readingStored: 'Gespeichert: Ihr Wert vom {day}, gesamt {overall}.',
    readingDuplicate: 'Schon gespeichert: Dieser Wert vom {day} war bereits vorhanden.',
    readingRejected: 'Abgelehnt: {detail}',
    readingCounts: '{stored} gespeichert, {duplicates} schon vorhanden, {rejected} abgelehnt.',
    uploadTitle: 'LinkedIn-Datenexport hochladen',
    uploadHelp:
      'Wählen Sie die .zip-Datei, die LinkedIn Ihnen geschickt hat. Sie wird innerhalb einer Minute gelesen.',
    uploadLabel: 'Exportdatei (.zip)',
    uploadProgress: 'Hochladen: {percent} %',
    uploadWaiting: 'Hochgeladen. Ihr Export wird gelesen…',
    uploadFailed: 'Das Hochladen ist fehlgeschlagen: {detail}',
    uploadTimeout:
      'Ihr Export ist hochgeladen, aber noch nicht gelesen: Schauen Sie in ein paar Minuten wieder vorbei.',
    latestTitle: 'Letzter Upload',
    ingestSucceeded: 'Gelesen: {file}, {rows} Zeilen aus {files} Dateien.',
    ingestPartial: 'Teilweise gelesen: {file}, {rows} Zeilen; {rejected} Zeilen abgelehnt.',
    ingestFailed: 'Nicht gelesen: {file}. {reason}',
    ingestDuplicate: 'Derselbe Export wie ein früherer Upload: Nichts hat sich geändert.',
    noUpload: 'Noch kein Upload.',
  },
};
