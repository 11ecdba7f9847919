import type { ReadRepositories, Repositories } from '../repositories.ts';
import {
  activitiesAwaitingAnswers,
  conflictSharing,
  deconflictionCandidates,
  findActivity,
  insertActivity,
  queryActivities,
  updateActivity,
} from './activities.ts';
import {
  countAlertRules,
  findAlertRule,
  insertAlertRule,
  listAlertRules,
  removeAlertRule,
  updateAlertRule,
} from './alert-rules.ts';
import {
  alertEngineCursor,
  alertExists,
  alertReadAt,
  findAlert,
  insertAlert,
  listAlertsFor,
  markAlertsRead,
  setAlertEngineCursor,
} from './alerts.ts';
import { auditAfter, queryAudit } from './audit-log.ts';
import {
  boundariesInBox,
  boundaryFingerprint,
  deleteBoundaryLevel,
  insertBoundary,
  listBoundaries,
  listBoundariesOfLevel,
  listBoundarySummaries,
} from './boundaries.ts';
import { changeLogGaps, changesAfter, lastSeq, lastSeqOf, recordChanges } from './change-log.ts';
import { insertCoordinationLine, listCoordinationLines } from './coordination-lines.ts';
import {
  clearLoginFailures,
  countLoginFailures,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findApiTokenByHash,
  findSession,
  insertApiToken,
  insertLoginFailure,
  insertSession,
  retireSession,
  touchSession,
} from './credentials.ts';
import type { Database } from './database.ts';
import { listGapSnapshots, saveGapSnapshot } from './gap-snapshots.ts';
import { insertGeoChat, recentGeoChat } from './geochat.ts';
import { scanIncidentPoints } from './incident-points.ts';
import { queryIncidents } from './incident-queries.ts';
import {
  countIncidents,
  findIncident,
  findIncidentSharing,
  incidentFromSourceExists,
  incidentIdFromSource,
  incidentsNear,
  insertIncident,
  updateIncident,
} from './incidents.ts';
import { findJcc, insertJcc, listJccs, updateJccNames } from './jccs.ts';
import { loadMemberships } from './memberships.ts';
import { findOrganisation, insertOrganisation, listOrganisations } from './organisations.ts';
import { deleteAllPlaces, insertPlace, listPlaces } from './places.ts';
import { insertPresence, queryPresence } from './presence.ts';
import {
  findReleasabilityDefault,
  listReleasabilityDefaults,
  upsertReleasabilityDefault,
} from './releasability-defaults.ts';
import { getSetting, setSetting } from './settings.ts';
import {
  findSharingGroup,
  insertSharingGroup,
  listSharingGroups,
  updateSharingGroupMembers,
} from './sharing-groups.ts';
import {
  findSitrep,
  findSitrepRendition,
  insertSitrep,
  lastSitrepNumber,
  querySitreps,
  saveSitrepRendition,
  sitrepSlotTaken,
  updateSitrep,
} from './sitreps.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import {
  findSupportRequest,
  insertSupportRequest,
  querySupportRequests,
  supportRequestsDueForEscalation,
  updateSupportRequest,
} from './support-requests.ts';
import {
  dataPackageContent,
  dataPackagesByHash,
  findTakCertificate,
  insertDataPackage,
  insertTakCertificate,
  listDataPackages,
  listTakCertificates,
  revokedTakSerials,
  revokeTakCertificate,
} from './tak.ts';
import { findUserById, findUserByName, insertUser, listUsers, updateUser } from './users.ts';

// node:sqlite is synchronous: each method does its work at once and hands back a settled promise,
// so the repositories keep the asynchronous shape a network database needs.

/** The read repositories over one connection. */
export function sqliteReads(db: Database): ReadRepositories {
  return {
    organisations: {
      list: async () => listOrganisations(db),
      find: async (code) => findOrganisation(db, code),
    },
    memberships: { load: async () => loadMemberships(db) },
    users: {
      findByName: async (username) => findUserByName(db, username),
      findById: async (id) => findUserById(db, id),
      list: async (org) => listUsers(db, org),
    },
    credentials: {
      findApiTokenByHash: async (hash) => findApiTokenByHash(db, hash),
      findSession: async (hash) => findSession(db, hash),
      countLoginFailures: async (username, userSince, ip, ipSince) =>
        countLoginFailures(db, username, userSince, ip, ipSince),
    },
    jccs: { list: async () => listJccs(db), find: async (code) => findJcc(db, code) },
    lines: { list: async () => listCoordinationLines(db) },
    presence: { query: async (filter, afterId, limit) => queryPresence(db, filter, afterId, limit) },
    places: { list: async () => listPlaces(db) },
    incidents: {
      find: async (id) => findIncident(db, id),
      sharing: async (id) => findIncidentSharing(db, id),
      count: async () => countIncidents(db),
      existsFromSource: async (source, sourceId) => incidentFromSourceExists(db, source, sourceId),
      idFromSource: async (source, sourceId) => incidentIdFromSource(db, source, sourceId),
      near: async (q) => incidentsNear(db, q),
      query: async (filter, after, limit, tearlines) => queryIncidents(db, filter, after, limit, tearlines),
      scanPoints: async (filter, tearlines, visit) => scanIncidentPoints(db, filter, tearlines, visit),
    },
    boundaries: {
      summaries: async (level) => listBoundarySummaries(db, level),
      list: async () => listBoundaries(db),
      ofLevel: async (level) => listBoundariesOfLevel(db, level),
      inBox: async (box, level) => boundariesInBox(db, box, level),
      fingerprint: async () => boundaryFingerprint(db),
    },
    sharingGroups: { list: async () => listSharingGroups(db), find: async (name) => findSharingGroup(db, name) },
    releasabilityDefaults: {
      find: async (org, recordType) => findReleasabilityDefault(db, org, recordType),
      list: async (org) => listReleasabilityDefaults(db, org),
    },
    settings: { get: async (key) => getSetting(db, key) },
    gapSnapshots: { list: async (org, from, to) => listGapSnapshots(db, org, from, to) },
    changeLog: {
      lastSeq: async () => lastSeq(db),
      lastSeqOf: async (types) => lastSeqOf(db, types),
      after: async (seq, limit) => changesAfter(db, seq, limit),
      gaps: async () => changeLogGaps(db),
      ofRecord: async (type, id) => recordChanges(db, type, id),
    },
    auditLog: {
      after: async (seq, batch) => auditAfter(db, seq, batch),
      query: async (f, limit) => queryAudit(db, f, limit),
    },
    activities: {
      find: async (id) => findActivity(db, id),
      query: async (filter, afterId, limit) => queryActivities(db, filter, afterId, limit),
      candidates: async (q) => deconflictionCandidates(db, q),
      conflictSharing: async (refs) => conflictSharing(db, refs),
      awaitingAnswers: async (startsBefore, limit) => activitiesAwaitingAnswers(db, startsBefore, limit),
    },
    alertRules: {
      find: async (id) => findAlertRule(db, id),
      list: async (org) => listAlertRules(db, org),
      count: async (org) => countAlertRules(db, org),
    },
    alerts: {
      find: async (id) => findAlert(db, id),
      readAt: async (alertId, userId) => alertReadAt(db, alertId, userId),
      listFor: async (org, userId, unreadOnly, after, limit) =>
        listAlertsFor(db, org, userId, unreadOnly, after, limit),
      exists: async (ruleId, subjectType, subjectId, occurrence) =>
        alertExists(db, ruleId, subjectType, subjectId, occurrence),
      engineCursor: async () => alertEngineCursor(db),
    },
    supportRequests: {
      find: async (id) => findSupportRequest(db, id),
      query: async (filter, asOf, after, limit) => querySupportRequests(db, filter, asOf, after, limit),
      dueForEscalation: async (asOf, limit) => supportRequestsDueForEscalation(db, asOf, limit),
    },
    sitreps: {
      find: async (id) => findSitrep(db, id),
      query: async (filter, after, limit) => querySitreps(db, filter, after, limit),
      lastNumber: async (jcc) => lastSitrepNumber(db, jcc),
      slotTaken: async (slot) => sitrepSlotTaken(db, slot),
      rendition: async (id, lang, format) => findSitrepRendition(db, id, lang, format),
    },
    takCertificates: {
      find: async (serial) => findTakCertificate(db, serial),
      list: async (userId) => listTakCertificates(db, userId),
      revokedSerials: async () => revokedTakSerials(db),
    },
    dataPackages: {
      byHash: async (hash) => dataPackagesByHash(db, hash),
      content: async (id) => dataPackageContent(db, id),
      list: async (limit) => listDataPackages(db, limit),
    },
    geochat: { recent: async (room, limit) => recentGeoChat(db, room, limit) },
  };
}

/** The repositories of one transaction: reads on its connection (seeing its own writes) and the writes. */
export function sqliteRepositories(tx: SqliteTx): Repositories {
  const r = sqliteReads(tx.db);
  const db = tx.db;
  return {
    ...r,
    organisations: { ...r.organisations, insert: async (org) => insertOrganisation(tx, org) },
    users: {
      ...r.users,
      insert: async (u) => insertUser(tx, u),
      update: async (u, action, detail) => updateUser(tx, u, action, detail),
    },
    credentials: {
      ...r.credentials,
      insertApiToken: async (token, hash, ownerOrg) => insertApiToken(tx, token, hash, ownerOrg),
      insertSession: async (hash, s) => insertSession(db, hash, s),
      touchSession: async (hash, at) => touchSession(db, hash, at),
      retireSession: async (hash, until) => retireSession(db, hash, until),
      insertLoginFailure: async (username, ip, at) => insertLoginFailure(db, username, ip, at),
      clearLoginFailures: async (username, before) => clearLoginFailures(db, username, before),
      deleteSession: async (hash) => deleteSession(db, hash),
      deleteUserSessions: async (userId) => deleteUserSessions(db, userId),
      deleteExpiredSessions: async (nowIso) => deleteExpiredSessions(db, nowIso),
    },
    jccs: { ...r.jccs, insert: async (jcc) => insertJcc(tx, jcc), rename: async (jcc) => updateJccNames(tx, jcc) },
    lines: { ...r.lines, insert: async (line) => insertCoordinationLine(tx, line) },
    presence: { ...r.presence, insert: async (p) => insertPresence(tx, p) },
    places: { ...r.places, insert: async (p) => insertPlace(tx, p), deleteAll: async () => deleteAllPlaces(tx) },
    incidents: {
      ...r.incidents,
      insert: async (i) => insertIncident(tx, i),
      update: async (i, audit) => updateIncident(tx, i, audit),
    },
    boundaries: {
      ...r.boundaries,
      insert: async (b) => insertBoundary(tx, b),
      deleteLevel: async (level) => deleteBoundaryLevel(tx, level),
    },
    sharingGroups: {
      ...r.sharingGroups,
      insert: async (group) => insertSharingGroup(tx, group),
      updateMembers: async (group, before) => updateSharingGroupMembers(tx, group, before),
    },
    releasabilityDefaults: {
      ...r.releasabilityDefaults,
      upsert: async (org, recordType, releasability) => upsertReleasabilityDefault(tx, org, recordType, releasability),
    },
    settings: { ...r.settings, set: async (key, value) => setSetting(db, key, value) },
    gapSnapshots: { ...r.gapSnapshots, save: async (s) => saveGapSnapshot(tx, s) },
    activities: {
      ...r.activities,
      insert: async (a, audit) => insertActivity(tx, a, audit),
      update: async (a, audit) => updateActivity(tx, a, audit),
    },
    alertRules: {
      ...r.alertRules,
      insert: async (rule) => insertAlertRule(tx, rule),
      update: async (rule) => updateAlertRule(tx, rule),
      remove: async (rule) => removeAlertRule(tx, rule),
    },
    alerts: {
      ...r.alerts,
      insert: async (a) => insertAlert(tx, a),
      setEngineCursor: async (seq) => setAlertEngineCursor(db, seq),
      markRead: async (userId, ids, at) => markAlertsRead(db, userId, ids, at),
    },
    supportRequests: {
      ...r.supportRequests,
      insert: async (s) => insertSupportRequest(tx, s),
      update: async (s, audit) => updateSupportRequest(tx, s, audit),
    },
    sitreps: {
      ...r.sitreps,
      insert: async (s, audit, scheduled = false) => insertSitrep(tx, s, audit, scheduled),
      update: async (s, audit) => updateSitrep(tx, s, audit),
      saveRendition: async (id, lang, format, body, at) => saveSitrepRendition(db, id, lang, format, body, at),
    },
    takCertificates: {
      ...r.takCertificates,
      insert: async (c) => insertTakCertificate(tx, c),
      revoke: async (c) => revokeTakCertificate(tx, c),
    },
    dataPackages: { ...r.dataPackages, insert: async (p, content) => insertDataPackage(tx, p, content) },
    geochat: { ...r.geochat, insert: async (m) => insertGeoChat(tx, m) },
  };
}
