// PGlite is one Postgres backend shared by every socket client. pglite-socket's query queue hands
// the backend to another client between any two protocol messages unless a transaction block is
// open, so one client's Bind can meet another client's Parse ("bind message supplies 2 parameters,
// but prepared statement "" requires 1"), and a failed message stalls the queue for good.
//
// This policy keeps the backend with one client for a whole protocol cycle: from its first message
// until the backend answers ReadyForQuery with status idle ('I'). Inside a transaction ('T') or a
// failed one ('E'), after a Parse/Bind without Sync, or during COPY, the same client keeps it.

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
const TERMINATE = 0x58; // 'X'
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]); // 'S', length 4

/**
 * Follows a stream of backend messages across chunk boundaries and remembers the last complete
 * message's type and, for ReadyForQuery, its transaction status.
 */
export function createBackendMessageTracker() {
  const header = new Uint8Array(5);
  let headerFilled = 0;
  let bodyLeft = 0;
  let currentType = 0;
  let lastType = 0;
  let lastStatus = 0;
  return {
    push(chunk) {
      let offset = 0;
      while (offset < chunk.length) {
        if (bodyLeft > 0) {
          const take = Math.min(bodyLeft, chunk.length - offset);
          // ReadyForQuery's body is a single status byte: record it when it is the final byte.
          if (currentType === READY_FOR_QUERY && take === bodyLeft) lastStatus = chunk[offset + take - 1];
          offset += take;
          bodyLeft -= take;
          if (bodyLeft === 0) lastType = currentType;
          continue;
        }
        header[headerFilled++] = chunk[offset++];
        if (headerFilled === 5) {
          headerFilled = 0;
          currentType = header[0];
          const length = ((header[1] << 24) | (header[2] << 16) | (header[3] << 8) | header[4]) >>> 0;
          bodyLeft = length - 4;
          if (bodyLeft <= 0) {
            bodyLeft = 0;
            lastType = currentType;
          }
        }
      }
    },
    /** True when the stream so far ends with ReadyForQuery(idle): the cycle is over. */
    get endedIdle() {
      return lastType === READY_FOR_QUERY && lastStatus === IDLE && headerFilled === 0 && bodyLeft === 0;
    },
    get endedWithReadyForQuery() {
      return lastType === READY_FOR_QUERY && headerFilled === 0 && bodyLeft === 0;
    },
  };
}

/**
 * Replaces the processing policy of a PGLiteSocketServer's query queue (an internal object of
 * @electric-sql/pglite-socket 0.2.x: fields `queue`, `processing`, `db`, `lastHandlerId`).
 */
export function installSessionQueue(server) {
  const queue = server.queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== "function") {
    throw new Error("unexpected pglite-socket internals: cannot install the session-aware queue");
  }
  const db = queue.db;
  let owner = null;

  async function exec(message, onData) {
    await db.runExclusive(() => db.execProtocolRawStream(message, { onRawData: onData }));
  }

  queue.processQueue = async function processQueue() {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let index = 0;
        if (owner !== null) {
          index = this.queue.findIndex((item) => item.handlerId === owner);
          // The owner has not sent its next message yet; it will call processQueue when it does.
          if (index === -1) break;
        }
        const [item] = this.queue.splice(index, 1);
        const tracker = createBackendMessageTracker();
        let bytes = 0;
        try {
          await exec(item.message, (data) => {
            bytes += data.length;
            tracker.push(data);
            item.onData(data);
          });
        } catch (error) {
          owner = null;
          item.reject(error);
          continue;
        }
        // A startup packet is answered with ReadyForQuery too, so it needs no special case;
        // Terminate ('X') gets no answer at all and ends the client's session.
        owner = tracker.endedIdle || item.message[0] === TERMINATE ? null : item.handlerId;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  // When the owner disconnects mid-cycle, end its cycle so the next client gets a clean backend.
  const originalClearTransaction = queue.clearTransactionIfNeeded.bind(queue);
  queue.clearTransactionIfNeeded = async function clearTransactionIfNeeded(handlerId) {
    if (owner !== handlerId) return originalClearTransaction(handlerId);
    owner = null;
    try {
      await exec(SYNC, () => {});
      if (db.isInTransaction()) await db.exec("ROLLBACK");
    } catch {
      // the backend is reset by the next client's own Sync at worst
    }
    this.lastHandlerId = null;
    await this.processQueue();
  };
}
