export {
  createDatabase,
  type CreateDatabaseOptions,
  type Database,
  type DatabaseKind,
  type StudioDb,
} from './client.js';
export { DbError, type DbErrorCode } from './errors.js';
export { migrate, MIGRATIONS_FOLDER } from './migrate.js';
export { DEFAULT_VOICE_PROFILES, seedVoiceProfiles } from './seed.js';
export * from './schema/index.js';
export {
  createAuthSession,
  deleteAuthSession,
  isAuthSessionLive,
} from './queries/auth-sessions.js';
export {
  deleteBeats,
  getBeat,
  insertBeats,
  replaceBeatsFromScript,
  setBeatStatus,
  updateBeatFromScript,
  type BeatScriptUpdate,
  type PlacedBeat,
  type ScriptReplacementPlan,
} from './queries/beats.js';
export {
  createExport,
  failExport,
  failInterruptedExports,
  finishExport,
  getExport,
  listExports,
} from './queries/exports.js';
export {
  cancelJobs,
  claimJobs,
  completeJob,
  enqueueJobs,
  failJob,
  hasOpenJobs,
  listSessionJobs,
  openJobIds,
  renewLeases,
  requeueInterrupted,
  type ClaimOptions,
  type CompletedJob,
  type JobFailure,
  type JobRequest,
  type RenewOptions,
} from './queries/jobs.js';
export {
  addCharactersSpent,
  createSessionFromScript,
  deleteSession,
  getBeatsWithTakes,
  getSession,
  getSessionOutline,
  getSessionRow,
  listSessions,
  renameSession,
  setSessionError,
  setSessionStatus,
  type BeatOutline,
  type BeatWithTakes,
  type NewSessionFromScript,
  type SessionOutline,
  type SessionDetail,
  type SessionSummary,
} from './queries/sessions.js';
export {
  addTake,
  deleteTake,
  getTake,
  selectTake,
  storageKeysInUse,
  type AddedTake,
  type NewTake,
} from './queries/takes.js';
export {
  getVoiceProfile,
  listVoiceProfiles,
  updateVoiceProfile,
  voiceProfilePatchSchema,
  type VoiceProfilePatch,
} from './queries/voice-profiles.js';
