/**
 * Every QC threshold in one place. Each says why it sits where it does: the aim is no flag on
 * clean speech from either provider (the false-positive test voices every example script) and a
 * flag on each fault the tests inject.
 */
export const QC_THRESHOLDS = {
  /** Energy windows: 10 ms resolves a syllable's end and a pause edge to well within ±30 ms. */
  windowMs: 10,
  /** Below this a window is silence: speech sits 20–40 dB higher; codec and dither noise below. */
  silenceDb: -50,
  /** |sample| at or above this is full scale (−0.2 dBFS): a clean voice peaks a few dB lower. */
  clipSample: 32_500,
  /** A run this long at full scale is clipping; an isolated peak sample is not audible. */
  clipRunSamples: 6,
  /** A silence this long inside one line's speech is a dropout (the 700 ms). */
  dropoutMs: 700,
  /** Alignment running this far past the audio's end means text was not voiced (fail). */
  truncationOverrunMs: 20,
  /**
   * Speech in the last window before a segment's cut within this many dB of the line's typical
   * level: the voice was still going when the audio stopped (a natural end decays well below).
   */
  truncationEnergyDb: 6,
  /**
   * ...in each of this many windows before the cut (30 ms): a consonant's burst at a natural end
   * is shorter; a vowel cut mid-way is not.
   */
  truncationWindows: 3,
  /** Written pauses must be found within this tolerance (the issue's ±30 ms). */
  pauseToleranceMs: 30,
  /**
   * ms per character against the same character's session median: slower than 1.8× or faster
   * than 0.55× is a garbled or skipped stretch; natural delivery, already normalised for the
   * script's pace, stays within about ±35 %.
   */
  rateSlow: 1.8,
  rateFast: 0.55,
  /** Short lines ("Hi.") vary too much per character to judge. */
  rateMinChars: 12,
  /** A median needs a few lines behind it before a line can be far from it. */
  rateMinLines: 5,
  /** A take this many dB from the session's median speech level is a loudness outlier. */
  loudnessDb: 9,
  /** Takes needed before the session has a loudness median worth comparing with. */
  loudnessMinTakes: 4,
  /** A word error rate above this fails the take (a single substitution in a long line does not). */
  werFail: 0.25,
} as const;

/** Directions that explain a quiet or loud take: those takes are not loudness outliers. */
export const LOUDNESS_DIRECTIONS =
  /\b(whisper\w*|murmur\w*|quiet\w*|soft\w*|hush\w*|shout\w*|yell\w*|scream\w*|loud\w*)\b/i;
