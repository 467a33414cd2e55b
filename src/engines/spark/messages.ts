/**
 * The Spark Connect messages this client builds and reads, as plain objects in the shape
 * `@grpc/proto-loader` gives them (field names as in the .proto; int64 as decimal strings;
 * for a oneof, a property named after the oneof says which member is set).
 */

export interface UserContext {
  user_id: string;
  user_name: string;
}

export interface Relation {
  sql?: { query: string };
  rel_type?: string;
}

export interface Command {
  sql_command?: { sql: string };
  command_type?: string;
}

export interface Plan {
  root?: Relation;
  command?: Command;
  op_type?: string;
}

/** The fields every request to a session carries. */
export interface SessionFields {
  session_id: string;
  user_context: UserContext;
  client_type?: string;
  client_observed_server_side_session_id?: string;
}

export interface ExecutePlanRequest extends SessionFields {
  plan: Plan;
  operation_id?: string;
  request_options?: Array<{ reattach_options?: { reattachable: boolean } }>;
  tags?: string[];
}

export interface ReattachExecuteRequest extends SessionFields {
  operation_id: string;
  last_response_id?: string;
}

export interface ReleaseExecuteRequest extends SessionFields {
  operation_id: string;
  release_all?: Record<string, never>;
  release_until?: { response_id: string };
}

export interface InterruptRequest extends SessionFields {
  interrupt_type: 'INTERRUPT_TYPE_ALL' | 'INTERRUPT_TYPE_TAG' | 'INTERRUPT_TYPE_OPERATION_ID';
  operation_tag?: string;
  operation_id?: string;
}

export interface InterruptResponse {
  session_id?: string;
  server_side_session_id?: string;
  interrupted_ids?: string[];
}

export interface ReleaseSessionRequest {
  session_id: string;
  user_context: UserContext;
  client_type?: string;
}

export interface ExecutePlanResponse {
  session_id?: string;
  server_side_session_id?: string;
  operation_id?: string;
  response_id?: string;
  response_type?: string;
  arrow_batch?: { row_count?: string; data?: Uint8Array; start_offset?: string };
  sql_command_result?: { relation?: Relation };
  result_complete?: Record<string, never>;
  execution_progress?: { num_inflight_tasks?: string };
  schema?: DataType;
}

export type ExplainMode =
  | 'EXPLAIN_MODE_SIMPLE'
  | 'EXPLAIN_MODE_EXTENDED'
  | 'EXPLAIN_MODE_CODEGEN'
  | 'EXPLAIN_MODE_COST'
  | 'EXPLAIN_MODE_FORMATTED';

export interface AnalyzePlanRequest extends SessionFields {
  schema?: { plan: Plan };
  explain?: { plan: Plan; explain_mode: ExplainMode };
  spark_version?: Record<string, never>;
}

export interface AnalyzePlanResponse {
  session_id?: string;
  server_side_session_id?: string;
  result?: string;
  schema?: { schema?: DataType };
  explain?: { explain_string?: string };
  spark_version?: { version?: string };
}

export interface KeyValue {
  key: string;
  value?: string;
}

export interface ConfigRequest extends SessionFields {
  operation: { set?: { pairs: KeyValue[]; silent?: boolean }; get?: { keys: string[] } };
}

export interface ConfigResponse {
  session_id?: string;
  server_side_session_id?: string;
  pairs?: KeyValue[];
  warnings?: string[];
}

/** Spark's description of a column type; exactly one member is set, named by `kind`. */
export interface DataType {
  kind?: string;
  decimal?: { scale?: number; precision?: number };
  char?: { length?: number };
  var_char?: { length?: number };
  array?: { element_type?: DataType; contains_null?: boolean };
  map?: { key_type?: DataType; value_type?: DataType };
  struct?: { fields?: StructField[] };
  [simpleKind: string]: unknown;
}

export interface StructField {
  name: string;
  data_type?: DataType;
  nullable?: boolean;
}
