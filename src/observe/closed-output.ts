/**
 * Lets the process go on when a reader closes its stdout or stderr (`medallion run data | head -3`):
 * the writes after that are dropped, instead of an unhandled EPIPE aborting a run half-way
 * and leaving its lock and staging behind.
 */
export function tolerateClosedOutput(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}
