import { UserError } from '../../model/errors.js';

/** Where a Spark Connect server listens and how to talk to it, parsed from `sc://…`. */
export interface SparkRemote {
  readonly host: string;
  readonly port: number;
  readonly useSsl: boolean;
  /** Sent as `authorization: Bearer <token>`; never printed. */
  readonly token?: string;
  readonly userId?: string;
  /** A session to join instead of a fresh one (a UUID). */
  readonly sessionId?: string;
  readonly userAgent?: string;
  /** Largest message the client accepts, in bytes. */
  readonly maxMessageBytes?: number;
  /** Extra gRPC metadata from `x-…=value` parameters. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The port Spark Connect servers listen on unless told otherwise. */
export const DEFAULT_SPARK_CONNECT_PORT = 15002;

const KNOWN_PARAMETERS = ['token', 'user_id', 'use_ssl', 'session_id', 'user_agent', 'grpc_max_message_size'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$/;
const FORM = 'sc://host[:port][/;param=value;…], e.g. sc://spark-host:15002/;token=…;use_ssl=true';

/** Where the token comes from when the connection string has none, as in PySpark. */
export const TOKEN_ENVIRONMENT_VARIABLE = 'SPARK_CONNECT_AUTHENTICATE_TOKEN';

/**
 * Parses a Spark Connect connection string, the form PySpark's `SPARK_REMOTE` uses:
 * `sc://host:port/;token=…;user_id=…;use_ssl=true`. `source` names where the text came from
 * (`--remote`, `SPARK_REMOTE`) in error messages; a token never appears in them. Without a
 * `token=` parameter, `SPARK_CONNECT_AUTHENTICATE_TOKEN` of `env` is the token, as in PySpark.
 */
export function parseConnectionString(
  text: string,
  source = 'the Spark Connect remote',
  env: Readonly<Record<string, string | undefined>> = process.env,
): SparkRemote {
  const shown = redactConnectionString(text);
  const fail = (problem: string): never => {
    throw new UserError(`${source} '${shown}': ${problem}; expected ${FORM}`);
  };
  const trimmed = text.trim();
  if (!trimmed) fail('is empty');
  if (!trimmed.startsWith('sc://')) fail(`must start with sc://`);

  const rest = trimmed.slice('sc://'.length);
  const [location = '', ...parameterParts] = rest.split(';');
  const slash = location.indexOf('/');
  const authority = slash === -1 ? location : location.slice(0, slash);
  const path = slash === -1 ? '' : location.slice(slash);
  // What follows host:port is not shown: `sc://host:15002/token=…` (a ';' missing) holds a secret.
  if (path !== '' && path !== '/') {
    fail(`has something after host:port other than '/' (not shown: it may hold a secret)${path.includes('=') ? "; parameters follow '/;', as in sc://host:15002/;token=…" : ''}`);
  }
  if (parameterParts.length && slash === -1) fail(`parameters must follow '/', as in sc://host:15002/;token=…`);

  const { host, port } = parseAuthority(authority, fail);
  const parameters = parseParameters(parameterParts, fail);

  const useSslText = parameters.get('use_ssl');
  if (useSslText !== undefined && !/^(true|false)$/i.test(useSslText)) fail(`use_ssl must be true or false, got '${useSslText}'`);
  const fromEnvironment = env[TOKEN_ENVIRONMENT_VARIABLE];
  const token = parameters.get('token') ?? (fromEnvironment ? fromEnvironment : undefined);
  if (token !== undefined && token === '') fail('token is empty');
  const userId = parameters.get('user_id');
  if (userId !== undefined && userId === '') fail('user_id is empty');
  const sessionId = parameters.get('session_id');
  if (sessionId !== undefined && !UUID.test(sessionId)) fail(`session_id must be a UUID, got '${sessionId}'`);
  const maxText = parameters.get('grpc_max_message_size');
  if (maxText !== undefined && !/^[1-9][0-9]*$/.test(maxText)) fail(`grpc_max_message_size must be a positive whole number of bytes, got '${maxText}'`);

  const headers: Record<string, string> = {};
  for (const [key, value] of parameters) if (key.startsWith('x-')) headers[key] = value;

  return {
    host,
    port,
    useSsl: usesTls(host, useSslText?.toLowerCase() === 'true', token !== undefined),
    ...(token !== undefined ? { token } : {}),
    ...(userId !== undefined ? { userId } : {}),
    ...(sessionId !== undefined ? { sessionId: sessionId.toLowerCase() } : {}),
    ...(parameters.has('user_agent') ? { userAgent: parameters.get('user_agent')! } : {}),
    ...(maxText !== undefined ? { maxMessageBytes: Number(maxText) } : {}),
    headers,
  };
}

/**
 * PySpark's rule, exactly: TLS when use_ssl=true, or when a token is sent to any host but
 * `localhost`. A token to `localhost` without use_ssl travels in plain text over the loopback
 * (PySpark's local channel credentials): how Spark 4's own token authentication
 * (`spark.connect.authenticate.token`, a server without TLS) is reached.
 */
function usesTls(host: string, useSsl: boolean, hasToken: boolean): boolean {
  return useSsl || (hasToken && host !== 'localhost');
}

function parseAuthority(authority: string, fail: (problem: string) => never): { host: string; port: number } {
  if (!authority) fail('has no host');
  if (authority.includes('@')) fail('must not carry credentials before the host; pass token=… as a parameter');
  const bracketed = authority.startsWith('[');
  const colon = bracketed ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
  const host = colon === -1 ? authority : authority.slice(0, colon);
  const portText = colon === -1 ? undefined : authority.slice(colon + 1);
  if (!host) fail('has no host');
  if (!HOST.test(host)) fail(`host '${host}' is not a host name or IP address`);
  if (portText === undefined) return { host, port: DEFAULT_SPARK_CONNECT_PORT };
  if (!/^[0-9]+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    fail(`port '${portText}' is not a number from 1 to 65535`);
  }
  return { host, port: Number(portText) };
}

function parseParameters(parts: readonly string[], fail: (problem: string) => never): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const [index, part] of parts.entries()) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    // The text itself is not shown: a parameter without '=' may be a pasted secret.
    if (eq <= 0) fail(`parameter ${index + 1} after '/' is not key=value`);
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = decodeValue(part.slice(eq + 1), key, fail);
    if (!KNOWN_PARAMETERS.includes(key) && !/^x-[a-z0-9-]+$/.test(key)) {
      fail(`unknown parameter '${key}' (known: ${KNOWN_PARAMETERS.join(', ')}; custom gRPC headers start with x-)`);
    }
    if (parameters.has(key)) fail(`parameter '${key}' is given twice`);
    parameters.set(key, value);
  }
  return parameters;
}

function decodeValue(raw: string, key: string, fail: (problem: string) => never): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return fail(`the value of '${key}' has a malformed %-escape`);
  }
}

const SHOWN_PARAMETERS = new Set(['use_ssl', 'user_id', 'session_id', 'user_agent', 'grpc_max_message_size']);

/**
 * The connection string fit for messages and logs: credentials before the host
 * (`sc://user:password@host`), anything after host:port but '/' (`sc://host:15002/token=…`, a ';'
 * missing), and the values of `token`, of custom headers and of anything unrecognised (a mistyped
 * `tokn=…`) are replaced by `***`.
 */
export function redactConnectionString(text: string): string {
  const [location = '', ...parts] = text.trim().split(';');
  const shown = parts.map((part) => {
    const eq = part.indexOf('=');
    if (part === '') return part;
    if (eq <= 0) return '***';
    return SHOWN_PARAMETERS.has(part.slice(0, eq).trim().toLowerCase()) ? part : `${part.slice(0, eq)}=***`;
  });
  return [redactLocation(location), ...shown].join(';');
}

/** `sc://user:password@host:port/path` as `sc://***@host:port/***`; `sc://host:port/` as it is. */
function redactLocation(location: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(location)?.[0] ?? '';
  let rest = location.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  if (at !== -1) rest = `***@${rest.slice(at + 1)}`;
  const slash = rest.indexOf('/');
  if (slash !== -1 && rest.slice(slash) !== '/') rest = `${rest.slice(0, slash)}/***`;
  return scheme + rest;
}

/** `sc://host:port` (and the TLS flag): how a remote is named in messages, without secrets. */
export function describeRemote(remote: SparkRemote): string {
  return `sc://${remote.host}:${remote.port}${remote.useSsl ? ' (TLS)' : ''}`;
}
