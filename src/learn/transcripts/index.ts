import type { TranscriptFormat } from '../types.js';
import { aiderTranscripts } from './aider.js';
import { claudeTranscripts } from './claude.js';
import { codexTranscripts } from './codex.js';
import { copilotTranscripts } from './copilot.js';
import { geminiTranscripts } from './gemini.js';
import { opencodeTranscripts } from './opencode.js';

/** Every transcript format, in the order `--from` tries them. */
export const FORMATS: readonly TranscriptFormat[] = [claudeTranscripts, codexTranscripts, geminiTranscripts, copilotTranscripts, opencodeTranscripts, aiderTranscripts];
