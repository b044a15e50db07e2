/**
 * Gathers the keys asked for until the current promise jobs have run and answers them with one call of `loadMany`, remembering each answer:
 * a list of fifty people asks the database once whether their emails may be shown, not fifty times. Make one per
 * request (see {@link perRequest}), so that nothing is remembered longer than the request.
 */
export function batchLoader<V>(loadMany: (keys: string[]) => Promise<Map<string, V>>, missing: V) {
  const answers = new Map<string, Promise<V>>();
  let pending: { key: string; resolve: (value: V) => void; reject: (error: unknown) => void }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      const found = await loadMany([...new Set(batch.map((p) => p.key))]);
      for (const p of batch) p.resolve(found.get(p.key) ?? missing);
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };
  return (key: string): Promise<V> => {
    let answer = answers.get(key);
    if (!answer) {
      answer = new Promise<V>((resolve, reject) => {
        // After the promise jobs of this tick, when every sibling resolver has asked.
        if (pending.length === 0) setImmediate(() => void flush());
        pending.push({ key, resolve, reject });
      });
      answers.set(key, answer);
    }
    return answer;
  };
}

/** One value per request object (an HTTP request's or a websocket operation's context), made on first use. */
export function perRequest<T>(make: (request: object) => T): (request: object) => T {
  const values = new WeakMap<object, T>();
  return (request) => {
    let value = values.get(request);
    if (value === undefined) {
      value = make(request);
      values.set(request, value);
    }
    return value;
  };
}
