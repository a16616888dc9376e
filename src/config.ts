import { resolve } from 'node:path';

/** Everything ODP reads from its environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  /** Folder for the embedded database and blobs. */
  dataDir: string;
  /** PostgreSQL connection string; empty = embedded node:sqlite file in dataDir. */
  databaseUrl: string;
  /** Public base URL (absolute links in APIs, DCAT, help URLs), without trailing slash. */
  baseUrl: string;
  /** Largest upload accepted, in bytes. */
  uploadMaxBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the demo catalog of real government datasets when the catalog is empty. */
  demo: boolean;
  /** Let link checks and harvests reach loopback addresses (tests only). */
  allowLoopbackFetch: boolean;
  /** Mark session cookies Secure (on by default when baseUrl is https). */
  secureCookies: boolean;
  /**
   * Background jobs (datastore loads, quality checks, harvests) this process runs at once; 0 makes
   * `odp serve` a web-only node, with the jobs left to `odp worker` processes on the same store.
   */
  jobWorkers: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

function bool(env: Env, key: string, fallback: boolean, problems: string[]): boolean {
  const v = env[key];
  if (v === undefined || v === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
  problems.push(`${key} must be true or false, got "${v}"`);
  return fallback;
}

function int(env: Env, key: string, fallback: number, min: number, max: number, problems: string[]): number {
  const v = env[key];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${key} must be a whole number from ${min} to ${max}, got "${v}"`);
    return fallback;
  }
  return n;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const port = int(env, 'PORT', 3000, 0, 65535, problems);
  const databaseUrl = env.DATABASE_URL ?? '';
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must be a postgres:// URL, got "${databaseUrl}"`);
  }
  let baseUrl = (env.ODP_BASE_URL ?? '').replace(/\/+$/, '');
  if (baseUrl) {
    try {
      const u = new URL(baseUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.push('ODP_BASE_URL must be http(s)');
    } catch {
      problems.push(`ODP_BASE_URL must be an absolute URL, got "${baseUrl}"`);
    }
  } else {
    baseUrl = `http://localhost:${port}`;
  }
  const logLevel = (env.ODP_LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`ODP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const config: Config = {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.ODP_DATA_DIR ?? './data'),
    databaseUrl,
    baseUrl,
    uploadMaxBytes: int(env, 'ODP_UPLOAD_MAX_BYTES', 1024 * 1024 * 1024, 1, 1024 ** 4, problems),
    logLevel,
    demo: bool(env, 'ODP_DEMO', true, problems),
    allowLoopbackFetch: bool(env, 'ODP_ALLOW_LOOPBACK_FETCH', false, problems),
    secureCookies: bool(env, 'ODP_SECURE_COOKIES', baseUrl.startsWith('https:'), problems),
    jobWorkers: int(env, 'ODP_JOB_WORKERS', 1, 0, 32, problems),
    ...overrides,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
