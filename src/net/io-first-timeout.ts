/**
 * A timeout that reads the I/O already waiting before it fires. When our own event loop is busy (a
 * loaded machine, a whole catalogue in flight), one turn of the loop may take seconds; a connect
 * timer and the connection it guards may then both be due at once, and libuv runs timers before it
 * reads I/O, so the timer would win and blame the server for our own delay. Here the callback runs
 * after one more turn of I/O (setImmediate), and not at all if `clear()` was called meanwhile. A
 * server that really did not answer still times out, one loop turn later.
 */
export interface IoFirstTimeout {
  clear(): void;
}

export function ioFirstTimeout(ms: number, onTimeout: () => void): IoFirstTimeout {
  let cleared = false;
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(() => {
      if (!cleared) onTimeout();
    });
  }, ms);
  return {
    clear() {
      cleared = true;
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}
