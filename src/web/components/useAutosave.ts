/**
 * useAutosave — nothing typed is lost.
 *
 * Keeps an edited value, saves it to the server a moment after the person stops typing
 * (debounced, 2.5 s by default) and at once when the page is hidden or left (visibilitychange,
 * pagehide, leaving the page inside the app: sent with fetch keepalive). Every save sends the
 * version the edit started from (null = create). The unsaved value is mirrored to sessionStorage
 * (the useDraft pattern) so a reload restores what was typed in the last seconds.
 *
 *   const autosave = useAutosave<Fields, Note>({
 *     draftKey: `progress-note:${sessionId}`,      // sessionStorage key (liminal:draft:<key>)
 *     record: query.data?.note,                     // undefined while loading, null when none yet
 *     valueOf: (note) => note.fields,               // the editable part of a record
 *     versionOf: (note) => note.version,
 *     empty: emptyFields,                           // the value to start from when there is no record
 *     save: (value, version, opts) => api.put<Note>(url, { version, ...value }, opts),
 *     updatedAtOf: (note) => note.updatedAt,        // optional: "Saved 14:02" when reopened
 *     onSaved: (note) => queryClient.setQueryData(...),   // optional
 *     enabled: !locked,                             // optional: false stops all saving
 *   });
 *
 * Returns:
 * - `value`, `setValue(next | prev => next)`: the edited value (restored from the mirror when newer).
 * - `status`: 'loading' | 'idle' | 'pending' | 'saving' | 'saved' | 'retrying' | 'conflict' | 'error' | 'disabled';
 *   `statusText`: the calm words for it ("Saved 14:02", "Saving…", "Not saved yet — retrying",
 *   "Changed elsewhere"); `savedAt`; `dirty` (something is not on the server yet).
 * - `record` / `version`: the latest record the server gave back (after a save, it is the saved one).
 * - `conflict`: null, or `{ mine, theirs }` after a 409: autosaving stops; `theirs` is the server's
 *   `current` record from the 409 body. Resolve with `keepMine()` (saves mine over their version
 *   explicitly), `takeTheirs()` (drops mine), or `resolveWith(value)` (a merged value, saved over
 *   their version).
 * - `error`: the last error that retrying cannot fix (400 invalid, 403, 404, 423 locked), shown as is;
 *   the next edit tries again.
 * - `flush()`: saves now if anything is unsaved and resolves with the saved record (use before
 *   signing); rejects on conflict or error.
 * - `adopt(record)`: take a record the page got some other way (after signing, a refetch) as the
 *   saved state.
 *
 * Network failures, 5xx, 429 and 401 (the sign-in overlay is up) retry with backoff (2 s doubling
 * to 60 s) and never drop the text. A create (version null) carries an Idempotency-Key made once
 * and kept (also in the mirror) until the create succeeds, so a retried create never makes two.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, newIdempotencyKey, type RequestOptions } from '../api';
import { formatDateTime, formatTime } from './dates';
import { useDraft } from './useDraft';

export type AutosaveStatus = 'loading' | 'idle' | 'pending' | 'saving' | 'saved' | 'retrying' | 'conflict' | 'error' | 'disabled';

export interface AutosaveOptions<V, R> {
  draftKey: string;
  record: R | null | undefined;
  valueOf: (record: R) => V;
  versionOf: (record: R) => number;
  empty: V;
  save: (value: V, version: number | null, options: RequestOptions) => Promise<R>;
  /** When the record was last saved (ISO), so a reopened draft says "Saved 14:02" too. */
  updatedAtOf?: (record: R) => string;
  onSaved?: (record: R) => void;
  delayMs?: number;
  enabled?: boolean;
}

export interface AutosaveConflict<V, R> {
  mine: V;
  theirs: R;
}

export interface Autosave<V, R> {
  value: V;
  setValue: (next: V | ((prev: V) => V)) => void;
  status: AutosaveStatus;
  statusText: string;
  savedAt: Date | null;
  dirty: boolean;
  record: R | null;
  version: number | null;
  conflict: AutosaveConflict<V, R> | null;
  keepMine: () => void;
  takeTheirs: () => void;
  resolveWith: (value: V) => void;
  error: ApiError | null;
  flush: () => Promise<R | null>;
  adopt: (record: R) => void;
}

/** What is kept in sessionStorage while something is unsaved. */
interface Mirror<V> {
  value: V;
  baseVersion: number | null;
  createKey: string | null;
}

/** Plain-data equality (values are JSON: strings, numbers, arrays, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Reads the mirror straight from storage, so a new draft key never sees the previous record's draft. */
function readMirror<V>(key: string): Mirror<V> | null {
  try {
    const raw = window.sessionStorage.getItem(`liminal:draft:${key}`);
    return raw === null ? null : (JSON.parse(raw) as Mirror<V> | null);
  } catch {
    return null;
  }
}

/** Worth trying again unchanged: no connection, signed out (the overlay is up), busy, a server fault, or a 409 without a record (the same request still running). */
const retryable = (e: unknown) =>
  !(e instanceof ApiError) || e.status === 0 || e.status === 401 || e.status === 409 || e.status === 429 || e.status >= 500;

export function useAutosave<V, R>(options: AutosaveOptions<V, R>): Autosave<V, R> {
  const { draftKey, record: incoming, delayMs = 2500, enabled = true } = options;
  const opts = useRef(options);
  opts.current = options;

  const [mirror, setMirror, clearMirror] = useDraft<Mirror<V> | null>(draftKey, null);
  const [value, setValueState] = useState<V>(() => mirror?.value ?? options.empty);
  const [status, setStatus] = useState<AutosaveStatus>(incoming === undefined ? 'loading' : 'idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [record, setRecord] = useState<R | null>(null);
  const recordRef = useRef<R | null>(null);
  const [conflict, setConflict] = useState<AutosaveConflict<V, R> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  // The truth for async code lives in refs; state mirrors it for rendering.
  const valueRef = useRef(value);
  const baseVersion = useRef<number | null>(null);
  const createKey = useRef<string | null>(null);
  const serverValue = useRef<V | null>(null); // what the server holds at baseVersion
  const inFlight = useRef<Promise<R | null> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const attempt = useRef(0);
  const stopped = useRef<'conflict' | 'error' | null>(null);
  const initialised = useRef<string | null>(null);
  const mounted = useRef(true);

  const isDirty = () => serverValue.current === null ? !sameValue(valueRef.current, opts.current.empty) : !sameValue(valueRef.current, serverValue.current);

  const writeMirror = useCallback(() => {
    if (isDirty()) setMirror({ value: valueRef.current, baseVersion: baseVersion.current, createKey: createKey.current });
    else clearMirror();
  }, [setMirror, clearMirror]);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const takeRecord = useCallback((r: R) => {
    const o = opts.current;
    setRecord(r);
    recordRef.current = r;
    baseVersion.current = o.versionOf(r);
    serverValue.current = o.valueOf(r);
    createKey.current = null;
  }, []);

  // Load: once per draft key, when the server's record has arrived, decide between it and the mirror.
  useEffect(() => {
    if (incoming === undefined || initialised.current === draftKey) return;
    initialised.current = draftKey;
    const o = opts.current;
    const saved = incoming === null ? null : o.valueOf(incoming);
    if (incoming !== null) takeRecord(incoming);
    else {
      setRecord(null);
      recordRef.current = null;
      baseVersion.current = null;
      serverValue.current = null;
    }
    setConflict(null);
    setError(null);
    stopped.current = null;
    const m = readMirror<V>(draftKey);
    if (m && !sameValue(m.value, saved ?? o.empty)) {
      // Typed in the last seconds before a reload: keep it, and save it from the version it started at.
      valueRef.current = m.value;
      setValueState(m.value);
      baseVersion.current = m.baseVersion;
      // A create that may have landed meanwhile goes out again with the same key: the server answers
      // with the first result instead of making a second record.
      createKey.current = m.createKey;
      setStatus('pending');
      schedule(300);
    } else {
      clearMirror();
      const v = saved ?? o.empty;
      valueRef.current = v;
      setValueState(v);
      setStatus(incoming === null ? 'idle' : 'saved');
      const at = incoming !== null ? o.updatedAtOf?.(incoming) : undefined;
      setSavedAt(at ? new Date(at) : null);
    }
  }, [incoming, draftKey]);

  // A newer record from outside (a refetch after signing) replaces an unchanged value.
  useEffect(() => {
    if (!incoming || initialised.current !== draftKey) return;
    const o = opts.current;
    const v = o.versionOf(incoming);
    if (baseVersion.current !== null && v > baseVersion.current && !isDirty() && !inFlight.current) {
      takeRecord(incoming);
      valueRef.current = o.valueOf(incoming);
      setValueState(valueRef.current);
    }
  }, [incoming]);

  const send = useCallback(
    (keepalive = false): Promise<R | null> => {
      clearTimer();
      if (inFlight.current) return inFlight.current;
      const o = opts.current;
      if (o.enabled === false || stopped.current === 'conflict') return Promise.resolve(null);
      if (!isDirty()) return Promise.resolve(recordRef.current);
      const sent = valueRef.current;
      const version = baseVersion.current;
      if (version === null && !createKey.current) createKey.current = newIdempotencyKey();
      const requestOptions: RequestOptions = { keepalive };
      if (version === null && createKey.current) requestOptions.idempotencyKey = createKey.current;
      writeMirror();
      if (mounted.current) setStatus('saving');
      const p = o
        .save(sent, version, requestOptions)
        .then((r) => {
          inFlight.current = null;
          attempt.current = 0;
          stopped.current = null;
          takeRecord(r);
          o.onSaved?.(r);
          if (!mounted.current) return r;
          setError(null);
          setSavedAt(new Date());
          writeMirror();
          if (isDirty()) {
            setStatus('pending');
            schedule();
          } else setStatus('saved');
          return r;
        })
        .catch((e: unknown) => {
          inFlight.current = null;
          const current = e instanceof ApiError && e.status === 409 ? (e.body as { current?: R } | undefined)?.current : undefined;
          if (current !== undefined && sameValue(opts.current.valueOf(current), valueRef.current)) {
            // The newer version is this very text (a save sent while leaving landed late): nothing to choose.
            takeRecord(current);
            o.onSaved?.(current);
            writeMirror();
            if (mounted.current) {
              setSavedAt(new Date());
              setStatus('saved');
            }
            return current;
          }
          if (current !== undefined) {
            stopped.current = 'conflict';
            setConflict({ mine: valueRef.current, theirs: current });
            setStatus('conflict');
            throw e;
          }
          if (retryable(e)) {
            attempt.current += 1;
            const wait = Math.min(60_000, 2000 * 2 ** (attempt.current - 1));
            if (mounted.current) {
              setStatus('retrying');
              schedule(wait);
            }
            throw e;
          }
          stopped.current = 'error';
          if (mounted.current) {
            setError(e as ApiError);
            setStatus('error');
          }
          throw e;
        });
      inFlight.current = p;
      return p;
    },
    [takeRecord, writeMirror],
  );
  const sendRef = useRef(send);
  sendRef.current = send;

  function schedule(ms = delayMs) {
    clearTimer();
    timer.current = setTimeout(() => {
      timer.current = null;
      sendRef.current().catch(() => undefined);
    }, ms);
  }

  const setValue = useCallback((next: V | ((prev: V) => V)) => {
    const v = typeof next === 'function' ? (next as (p: V) => V)(valueRef.current) : next;
    valueRef.current = v;
    setValueState(v);
    if (opts.current.enabled === false) return;
    if (stopped.current === 'conflict') {
      setConflict((c) => (c ? { ...c, mine: v } : c));
      writeMirror();
      return;
    }
    stopped.current = null;
    setError(null);
    writeMirror();
    if (isDirty()) {
      if (!inFlight.current) setStatus('pending');
      schedule();
    } else if (!inFlight.current) setStatus(baseVersion.current === null ? 'idle' : 'saved');
  }, [writeMirror]);

  // Leaving: save at once, with keepalive so the request outlives the page.
  useEffect(() => {
    const leave = () => {
      if (isDirty() && !stopped.current && opts.current.enabled !== false) sendRef.current(true).catch(() => undefined);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') leave();
    };
    // Back online: retry now rather than at the end of the backoff.
    const onOnline = () => {
      if (timer.current && !stopped.current) sendRef.current().catch(() => undefined);
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', leave);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('online', onOnline);
    };
  }, []);

  // Leaving the page inside the app (unmount): the same.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimer();
      if (isDirty() && !stopped.current && opts.current.enabled !== false) sendRef.current(true).catch(() => undefined);
    };
  }, []);

  useEffect(() => {
    if (!enabled) {
      clearTimer();
      setStatus('disabled');
    }
  }, [enabled]);

  const resolveWith = useCallback(
    (v: V) => {
      const c = conflict;
      if (!c) return;
      takeRecord(c.theirs);
      setConflict(null);
      stopped.current = null;
      valueRef.current = v;
      setValueState(v);
      writeMirror();
      if (isDirty()) sendRef.current().catch(() => undefined);
      else setStatus('saved');
    },
    [conflict, takeRecord, writeMirror],
  );
  const keepMine = useCallback(() => resolveWith(valueRef.current), [resolveWith]);
  const takeTheirs = useCallback(() => {
    if (conflict) resolveWith(opts.current.valueOf(conflict.theirs));
  }, [conflict, resolveWith]);

  const flush = useCallback(async (): Promise<R | null> => {
    if (stopped.current === 'conflict') throw new ApiError(409, 'conflict', 'This note was changed elsewhere. Choose which version to keep first.');
    if (inFlight.current) await inFlight.current;
    if (!isDirty()) return recordRef.current;
    return sendRef.current();
  }, []);

  const adopt = useCallback(
    (r: R) => {
      takeRecord(r);
      valueRef.current = opts.current.valueOf(r);
      setValueState(valueRef.current);
      clearMirror();
      setSavedAt(new Date());
      setStatus('saved');
    },
    [takeRecord, clearMirror],
  );

  const dirty = useMemo(() => isDirty(), [value, record]);

  const statusText = (() => {
    switch (status) {
      case 'loading':
        return 'Loading…';
      case 'idle':
        return 'Nothing written yet';
      case 'pending':
        return 'Saving soon…';
      case 'saving':
        return 'Saving…';
      case 'saved':
        if (!savedAt) return 'Saved';
        return `Saved ${new Date().toDateString() === savedAt.toDateString() ? formatTime(savedAt) : formatDateTime(savedAt)}`;
      case 'retrying':
        return 'Not saved yet — retrying';
      case 'conflict':
        return 'Changed elsewhere';
      case 'error':
        return 'Not saved';
      case 'disabled':
        return '';
    }
  })();

  return {
    value,
    setValue,
    status,
    statusText,
    savedAt,
    dirty,
    record,
    version: baseVersion.current,
    conflict,
    keepMine,
    takeTheirs,
    resolveWith,
    error,
    flush,
    adopt,
  };
}

/**
 * One Idempotency-Key per intention: `key()` makes it the first time and returns the same one on
 * every retry; `done()` forgets it once the server has answered, so the next intention gets a new one.
 */
export function useIdempotencyKey(): { key: () => string; done: () => void } {
  const ref = useRef<string | null>(null);
  return useMemo(
    () => ({
      key: () => (ref.current ??= newIdempotencyKey()),
      done: () => {
        ref.current = null;
      },
    }),
    [],
  );
}
