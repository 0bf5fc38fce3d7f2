export default async function globalTeardown(): Promise<void> {
  // Named by each Temporal project of the run: the first call stops the server, later ones find none.
  const server = globalThis.__haobanDevServer;
  globalThis.__haobanDevServer = undefined;
  await server?.stop();
}
