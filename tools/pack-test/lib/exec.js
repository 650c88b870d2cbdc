// Running commands for the pack test: asynchronously (several installs at once), output kept
// for the failure message, a time limit, and a consumer's environment free of the workspace's
// npm settings (npm passes its config to scripts as npm_config_* variables).
'use strict';
const { spawn } = require('node:child_process');

/** process.env without npm's and nx's per-run variables: what a user's shell would have. */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|NX_|INIT_CWD$|NODE_OPTIONS$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Runs `command args` in `cwd`; resolves to { code, output, stdout, ms }. Rejects (with the output) on
 * a non-zero exit unless `allowFailure`.
 */
function run(command, args, { cwd, env = cleanEnv(), timeoutMs = 180_000, allowFailure = false, input } = {}) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    if (input !== undefined) {
      child.stdin.on('error', () => {}); // a child that exits without reading its input
      child.stdin.end(input);
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? 1, output, stdout, ms: Date.now() - started };
      if (result.code === 0 || allowFailure) return resolve(result);
      const why = signal ? `killed (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs / 1000} s` : ''})` : `exit ${code}`;
      reject(new Error(`${command} ${args.join(' ')} (in ${cwd}): ${why}\n${output.trim().split('\n').slice(-40).join('\n')}`));
    });
  });
}

/** Runs `tasks` (functions returning promises) with at most `limit` at a time, in order of start. */
async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

module.exports = { cleanEnv, run, pool };
