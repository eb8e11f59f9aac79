/**
 * How the server is started: `npm start` runs `node <SERVER_NODE_ARGS> --import tsx src/server.ts` (a test keeps
 * package.json's start script and this list the same), and so do the bench and the crash campaign, so that they
 * measure and kill the server people run.
 *
 * A smaller young generation (V8's semi-spaces, 16 MB each by default) keeps the resident memory of a busy server
 * down: the ledger's requests allocate many short-lived objects, and V8 otherwise lets them pile up before it sweeps.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--max-semi-space-size=4']

export const SERVER_SCRIPT = 'src/server.ts'
