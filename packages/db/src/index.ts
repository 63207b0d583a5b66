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
  beatNeighbours,
  beatsToVoice,
  deleteBeats,
  getBeat,
  insertBeats,
  replaceBeatsFromScript,
  setBeatStatus,
  updateBeatFromScript,
  type BeatScriptUpdate,
  type BeatToVoice,
  type NeighbourBeat,
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
  getPronunciationDictionary,
  lexiconEntryInputSchema,
  listLexicon,
  listVoicedProjectBeats,
  markBeatsStale,
  removeLexiconEntry,
  saveLexiconEntry,
  savePronunciationDictionary,
  type LexiconEntryInput,
  type ProjectBeat,
} from './queries/lexicon.js';
export {
  addCharactersSpent,
  getSessionLedger,
  setSessionBudget,
  createSessionFromScript,
  deleteSession,
  getBeatsWithTakes,
  getSession,
  getSessionQcListening,
  getSessionVoicing,
  getSessionOutline,
  getSessionRow,
  getSessionTally,
  listSessions,
  renameSession,
  setSessionDialogueMode,
  setSessionError,
  setSessionQcListening,
  setSessionStatus,
  type BeatOutline,
  type BeatWithTakes,
  type NewSessionFromScript,
  type ReviewedTake,
  type ReviewTally,
  type SessionOutline,
  type SessionDetail,
  type SessionSummary,
  type SessionTally,
} from './queries/sessions.js';
export {
  addTakeNote,
  approveTake,
  clearDecision,
  deleteTakeNote,
  rejectTake,
  setNoteResolved,
  takeOwner,
  type ApprovedTake,
  type NewTakeNote,
  type RejectedTake,
} from './queries/reviews.js';
export {
  addTake,
  deleteTake,
  getTake,
  selectTake,
  setTakeQc,
  storageKeysInUse,
  type AddedTake,
  type NewTake,
} from './queries/takes.js';
export { sessionQcNorms, type QcNorm, type SessionQcNorms } from './queries/qc-norms.js';
export {
  getVoiceProfile,
  listVoiceProfiles,
  updateVoiceProfile,
  voiceProfilePatchSchema,
  type VoiceProfilePatch,
} from './queries/voice-profiles.js';
