/**
 * Which sample files each target's plugin author writes (paths under
 * sample-plugins/), and the build steps when the file kinds do not say it.
 * A target missing here is counted from the folder its plugin runs from.
 */
export interface EffortSpec {
  files: string[];
  /** Defaults to one step per compiled file kind (tsc for .ts, ...). */
  buildSteps?: string[];
  guessed?: boolean;
}

const TYPESCRIPT_MODULE: EffortSpec = { files: ['typescript/revert-plugin.ts'], buildSteps: ['tsc'] };

export const EFFORT_BY_TARGET: Readonly<Record<string, EffortSpec>> = {
  'in-process': { files: TYPESCRIPT_MODULE.files, buildSteps: ['tsc, compiled into the host'] },
  'dynamic-import': TYPESCRIPT_MODULE,
  worker: TYPESCRIPT_MODULE,
};
