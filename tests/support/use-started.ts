/**
 * useStarted(): a started thing (a key store, a bus, a server) shared by every test of one
 * file: started in beforeAll, stopped in afterAll, reached through the getter it returns (the
 * thing exists only once beforeAll has run). The `useX()` helpers are built on it.
 */
import { afterAll, beforeAll } from "bun:test";

export function useStarted<T extends { stop(): void }>(what: string, start: () => T): () => T {
  let started: T | undefined;
  beforeAll(() => {
    started = start();
  });
  afterAll(() => started?.stop());
  return () => {
    if (!started) throw new Error(`${what} starts in beforeAll; use it inside a test`);
    return started;
  };
}
