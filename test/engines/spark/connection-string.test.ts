import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../../src/model/errors.js';
import {
  describeRemote,
  parseConnectionString,
  redactConnectionString,
} from '../../../src/engines/spark/connection-string.js';

test('host and port, with the default port 15002 and no TLS', () => {
  assert.deepEqual(parseConnectionString('sc://spark-host:15010'), { host: 'spark-host', port: 15010, useSsl: false, headers: {} });
  assert.deepEqual(parseConnectionString('sc://localhost'), { host: 'localhost', port: 15002, useSsl: false, headers: {} });
  assert.deepEqual(parseConnectionString('sc://10.0.0.7:443/'), { host: '10.0.0.7', port: 443, useSsl: false, headers: {} });
  assert.equal(parseConnectionString('sc://[::1]:15002').host, '[::1]');
});

test('parameters: token, user_id, use_ssl, session_id, user_agent, grpc_max_message_size and x- headers', () => {
  const remote = parseConnectionString(
    'sc://spark.example.com:15002/;token=abc%3D%3D;user_id=alice;use_ssl=TRUE;session_id=0F8FAD5B-D9CB-469F-A165-70867728950E;user_agent=ci;grpc_max_message_size=1048576;x-tenant=t1',
  );
  assert.deepEqual(remote, {
    host: 'spark.example.com',
    port: 15002,
    useSsl: true,
    token: 'abc==',
    userId: 'alice',
    sessionId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    userAgent: 'ci',
    maxMessageBytes: 1048576,
    headers: { 'x-tenant': 't1' },
  });
});

test("TLS follows PySpark's rule: use_ssl=true, or a token to any host but localhost", () => {
  const noEnv = {};
  const tls = (text: string) => parseConnectionString(text, 'SPARK_REMOTE', noEnv).useSsl;
  assert.equal(tls('sc://h/;token=t'), true);
  // PySpark sends a token over TLS to any other host, whatever use_ssl says.
  assert.equal(tls('sc://h/;token=t;use_ssl=false'), true);
  assert.equal(tls('sc://127.0.0.1/;token=t'), true);
  // To localhost, without use_ssl, a token travels in plain text: Spark 4's token authentication has no TLS.
  assert.equal(tls('sc://localhost:15002/;token=t'), false);
  assert.equal(tls('sc://localhost:15002/;token=t;use_ssl=true'), true);
  assert.equal(tls('sc://h/;use_ssl=true'), true);
  assert.equal(tls('sc://h/;use_ssl=false'), false);
  assert.equal(tls('sc://h'), false);
});

test('SPARK_CONNECT_AUTHENTICATE_TOKEN is the token when the connection string has none, as in PySpark', () => {
  const env = { SPARK_CONNECT_AUTHENTICATE_TOKEN: 'from-env' };
  assert.equal(parseConnectionString('sc://localhost:15002', 'SPARK_REMOTE', env).token, 'from-env');
  assert.equal(parseConnectionString('sc://localhost:15002/;token=given', 'SPARK_REMOTE', env).token, 'given');
  assert.equal(parseConnectionString('sc://localhost:15002', 'SPARK_REMOTE', {}).token, undefined);
  assert.equal(parseConnectionString('sc://spark-host', 'SPARK_REMOTE', env).useSsl, true);
});

test('the remote is described without secrets', () => {
  assert.equal(describeRemote(parseConnectionString('sc://h:1/;token=t')), 'sc://h:1 (TLS)');
  assert.equal(
    redactConnectionString('sc://h:1/;token=s3cret;user_id=bob;x-key=k;tokn=typo;loose'),
    'sc://h:1/;token=***;user_id=bob;x-key=***;tokn=***;***',
  );
  // Credentials before the host, and what follows host:port when it is not '/' (a ';' missing).
  assert.equal(redactConnectionString('sc://bob:S3CRETPW@127.0.0.1:15002'), 'sc://***@127.0.0.1:15002');
  assert.equal(redactConnectionString('sc://a@b:c@h:1/;use_ssl=true'), 'sc://***@h:1/;use_ssl=true');
  assert.equal(redactConnectionString('sc://127.0.0.1:15002/token=S3CRETTOKEN'), 'sc://127.0.0.1:15002/***');
  assert.equal(redactConnectionString('sc://h:1/'), 'sc://h:1/');
});

const BAD: ReadonlyArray<[string, RegExp]> = [
  ['', /is empty/],
  ['   ', /is empty/],
  ['http://spark:15002', /must start with sc:\/\//],
  ['spark-host:15002', /must start with sc:\/\//],
  ['sc://', /has no host/],
  ['sc://:15002', /has no host/],
  ['sc://spark host', /host 'spark host' is not a host name/],
  ['sc://user:pw@spark:15002', /must not carry credentials/],
  ['sc://spark:port', /port 'port' is not a number from 1 to 65535/],
  ['sc://spark:0', /port '0'/],
  ['sc://spark:70000', /port '70000'/],
  ['sc://spark:', /port ''/],
  ['sc://spark:15002/db', /'sc:\/\/spark:15002\/\*\*\*': has something after host:port other than '\/' \(not shown: it may hold a secret\)/],
  ['sc://spark:15002;token=x', /parameters must follow '\/'/],
  ['sc://spark/;token', /parameter 1 after '\/' is not key=value/],
  ['sc://spark/;=x', /parameter 1 after '\/' is not key=value/],
  ['sc://spark/;use_ssl=yes', /use_ssl must be true or false, got 'yes'/],
  ['sc://spark/;token=', /token is empty/],
  ['sc://spark/;user_id=', /user_id is empty/],
  ['sc://spark/;session_id=abc', /session_id must be a UUID, got 'abc'/],
  ['sc://spark/;grpc_max_message_size=-1', /grpc_max_message_size must be a positive whole number/],
  ['sc://spark/;tokn=abc', /unknown parameter 'tokn' \(known: token, user_id, use_ssl/],
  ['sc://spark/;user_id=a;user_id=b', /parameter 'user_id' is given twice/],
  ['sc://spark/;token=%E0%A4%A', /the value of 'token' has a malformed %-escape/],
];

for (const [input, problem] of BAD) {
  test(`rejects ${JSON.stringify(input)} with a message naming the input and the expected form`, () => {
    assert.throws(
      () => parseConnectionString(input, '--remote'),
      (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.match(error.message, problem);
        assert.match(error.message, /^--remote '/);
        assert.match(error.message, /expected sc:\/\/host\[:port\]/);
        return true;
      },
    );
  });
}

test('a malformed string never shows a secret', () => {
  for (const input of [
    'sc://spark:bad/;token=hunter2',
    'sc://spark/;tokn=hunter2',
    'sc://spark/;hunter2',
    'sc://spark/;token=hunter2;use_ssl=maybe',
    'sc://bob:hunter2@127.0.0.1:15002',
    'sc://bob:hunter2@127.0.0.1:15002/;use_ssl=true',
    'sc://127.0.0.1:15002/token=hunter2',
    'http://bob:hunter2@spark:15002',
  ]) {
    assert.throws(
      () => parseConnectionString(input, 'SPARK_REMOTE'),
      (error: unknown) => error instanceof UserError && !error.message.includes('hunter2') && error.message.startsWith('SPARK_REMOTE'),
      input,
    );
  }
});
