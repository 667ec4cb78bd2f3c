export { runCli, type RunCliOptions } from './cli';
export {
  generateCommand,
  resumeCommand,
  statusCommand,
  cancelCommand,
  modelsCommand,
  emulatorCommand,
  DEFAULT_MODEL,
  DEFAULT_EMULATOR_PORT,
  type EmulatorOptions,
  type CommandContext,
  type GenerateOptions,
  type ResumeOptions,
  type SavedVideo,
} from './commands';
export { CliError, EXIT_CODES, describeError, type ExitCode } from './errors';
export { ProgressReporter, fitLine, type OutputStream } from './progress';
export {
  PROVIDERS,
  PROVIDER_NAMES,
  getProvider,
  parseModelSpec,
  loadKey,
  type ProviderEntry,
  type ProviderName,
  type ProviderConnection,
  type ModelListing,
} from './providers';
export { connectEmulator, emulatorBaseURLsAt, EMULATOR_API_KEY, type EmulatorConnection } from './emulate';
export { openTarget, type Target, type TargetOptions } from './target';
export { readJobFile } from './job-file';
export { getJobId, formatBytes, formatSeconds } from './format';
export { VERSION } from './version';
