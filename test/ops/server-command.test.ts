import { readFileSync } from 'node:fs'
import t from 'tap'
import { SERVER_NODE_ARGS, SERVER_SCRIPT } from '../../scripts/lib/server-command.js'

// The bench and the crash campaign start the server as `npm start` does; this keeps the two from drifting apart.
t.test('npm start runs the server with the node flags the bench and the crash campaign use', async t => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }
  t.equal(pkg.scripts.start, ['node', ...SERVER_NODE_ARGS, '--import', 'tsx', SERVER_SCRIPT].join(' '))
})
