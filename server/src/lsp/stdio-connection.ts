import { format } from 'node:util';
import { Connection, createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { DiagnosticsEncoder } from './diagnostics-encoder';

/**
 * A connection on standard input and output whose messages are encoded by `DiagnosticsEncoder`,
 * which keeps the JSON of diagnostics an edit did not change. Made here rather than by the
 * library's `--stdio` handling, which has no way to take an encoder; what that handling also does
 * is done here too: console output goes to the client's log (on stdout it would corrupt the
 * protocol), and the server ends when its input does.
 */
export function stdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: new DiagnosticsEncoder() });
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), writer);
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  // As the library does for a stream it was given: a client gone without `shutdown` is an abnormal end.
  const end = (): never => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}
