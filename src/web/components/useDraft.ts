import { useCallback, useEffect, useRef, useState } from 'react';

const PREFIX = 'liminal:draft:';

function read<T>(key: string, initial: T): T {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    if (raw === null) return initial;
    return JSON.parse(raw) as T;
  } catch {
    return initial;
  }
}

function write(key: string, value: unknown): void {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the draft still lives in memory.
  }
}

/** Removes every draft kept in this tab (used when a person signs out on purpose). */
export function clearAllDrafts(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.sessionStorage.length; i++) {
      const k = window.sessionStorage.key(i);
      if (k && k.startsWith(PREFIX)) keys.push(k);
    }
    for (const k of keys) window.sessionStorage.removeItem(k);
  } catch {
    // nothing to clear
  }
}

/**
 * State mirrored to sessionStorage under `liminal:draft:<key>`, so what a person typed survives
 * the sign-in overlay, a reload or an idle time-out. The third element clears the draft (call it
 * after a successful save); it resets the state to `initial`.
 */
export function useDraft<T>(
  key: string,
  initial: T,
): [T, (next: T | ((prev: T) => T)) => void, () => void] {
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const [state, setState] = useState<T>(() => read(key, initial));
  const keyRef = useRef(key);

  // When the key changes (another record), load that record's draft.
  useEffect(() => {
    if (keyRef.current !== key) {
      keyRef.current = key;
      setState(read(key, initialRef.current));
    }
  }, [key]);

  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      setState((prev) => {
        const value = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        write(keyRef.current, value);
        return value;
      });
    },
    [],
  );

  const clear = useCallback(() => {
    try {
      window.sessionStorage.removeItem(PREFIX + keyRef.current);
    } catch {
      // ignore
    }
    setState(initialRef.current);
  }, []);

  return [state, set, clear];
}
