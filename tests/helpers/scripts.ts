import path from 'path';
import { execFile } from 'child_process';
import { APP_DIR } from '../setup/env';

/** A script under scripts/ run as a child process, as an operator runs it: its exit code, output and time. */
export type ScriptRun = { code: number; stdout: string; stderr: string; seconds: number };

export const runScript = (script: string, args: string[], env: Record<string, string | undefined>): Promise<ScriptRun> => {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join('scripts', script), ...args], { cwd: APP_DIR, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, seconds: (Date.now() - startedAt) / 1000 }),
    );
  });
};
