import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';

const PROTO_FILE = 'spark-connect.proto';
const SERVICE = 'spark.connect.SparkConnectService';

/** The RPCs of `SparkConnectService` that our .proto declares. */
export type SparkConnectRpc = 'ExecutePlan' | 'AnalyzePlan' | 'Config' | 'ReattachExecute' | 'ReleaseExecute' | 'ReleaseSession' | 'Interrupt';

/**
 * Where our .proto is at run time. It lives in `src/engines/spark/proto/`, which ships with the
 * package; the compiled module sits in `dist/src/engines/spark/`, so we look next to this module
 * first (a build that copies it) and then in `src/engines/spark/proto` of each ancestor directory.
 */
export function protoPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'proto', PROTO_FILE)];
  for (let dir = here; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'src', 'engines', 'spark', 'proto', PROTO_FILE));
    if (dir === parse(dir).root) break;
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Spark Connect protocol file ${PROTO_FILE} not found; looked in:\n  ${candidates.join('\n  ')}`);
  return found;
}

let cached: PackageDefinition | undefined;

/** Our Spark Connect .proto, loaded once, with field names kept as written (snake_case). */
export function sparkConnectPackage(): PackageDefinition {
  cached ??= loadSync(protoPath(), {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: false,
    arrays: true,
    oneofs: true,
  });
  return cached;
}

/** The service definition, for a client (`makeUnaryRequest`) or a test server (`addService`). */
export function sparkConnectService(): ServiceDefinition {
  return sparkConnectPackage()[SERVICE] as ServiceDefinition;
}

/** One RPC's path and (de)serializers. */
export function rpc<Request, Response>(name: SparkConnectRpc): MethodDefinition<Request, Response> {
  const method = sparkConnectService()[name];
  if (!method) throw new Error(`${SERVICE} has no RPC ${name}`);
  return method as MethodDefinition<Request, Response>;
}
