import { useCallback, useEffect, useRef, useState } from 'react';

/** Loads data for a page and re-loads on demand; exposes loading and error so pages can show both. */
export function useApi<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const reload = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    load()
      .then((d) => mine === seq.current && setData(d))
      .catch((e) => mine === seq.current && setError(e))
      .finally(() => mine === seq.current && setLoading(false));
  }, deps);
  useEffect(reload, [reload]);
  return { data, error, loading, reload, setData };
}
