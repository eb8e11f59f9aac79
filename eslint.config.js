import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const only = (message, ...patterns) => ({ patterns: [{ group: patterns, message }] })

export default tseslint.config(
  // src/client/generated/: written by npm run client:generate from openapi/openapi.json, never by hand.
  { ignores: ['node_modules/', 'coverage/', '.tap/', 'data/', 'openapi/', 'dist/', 'src/client/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }]
    }
  },
  {
    // Small files and functions (STYLE.md): a reader takes in a function at once and a file in one sitting. Tests
    // are exempt (a scenario reads best as one story); strings, templates and URLs may run past the line limit.
    files: ['src/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'max-len': ['error', { code: 180, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }]
    }
  },
  {
    // Layer rules (STYLE.md): dependencies point inwards.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', only('src/domain is pure: it imports only decimal.js, node:crypto (hashing) and itself.',
        'fastify', 'fastify/*', '@fastify/*', 'kysely', 'better-sqlite3', 'pg', 'pino', 'node:fs', 'node:fs/*', 'node:net', 'node:http',
        '../services/*', '../../services/*', '../data/*', '../../data/*', '../http/*', '../../http/*')]
    }
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', only('services own transactions through src/data and know nothing of HTTP or SQL.',
        'fastify', 'fastify/*', '@fastify/*', 'kysely', 'better-sqlite3', 'pg', '../http/*')]
    }
  },
  {
    files: ['src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', only('src/data knows nothing of HTTP or services.', 'fastify', 'fastify/*', '@fastify/*', '../http/*', '../services/*')]
    }
  },
  {
    files: ['src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', only('routes reach the database only through services.', 'kysely', 'better-sqlite3', 'pg', '../data/*', '../../data/*')]
    }
  },
  {
    // Renderers and the offline verifier work on domain data only: they can run without the server.
    files: ['src/render/**/*.ts', 'src/verifier/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', only('src/render and src/verifier take domain data and know nothing of HTTP, services or SQL.',
        'fastify', 'fastify/*', '@fastify/*', 'kysely', 'better-sqlite3', 'pg', '../http/*', '../services/*', '../data/*')]
    }
  },
  {
    // The web pages read and write only through /v1 (in-process), like any other client.
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', only('src/web speaks to /v1 (app.inject), never to the database.', 'kysely', 'better-sqlite3', 'pg', '../data/*', '../../data/*')]
    }
  },
  {
    // The one script sent to the phone: plain browser JavaScript, no build step.
    files: ['src/web/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(['window', 'document', 'setTimeout', 'HTMLFormElement', 'HTMLInputElement', 'navigator', 'fetch', 'FormData', 'URLSearchParams',
        'Promise', 'self', 'caches', 'Response', 'URL'].map(g => [g, 'readonly']))
    }
  },
  {
    // Plain Node scripts that run before anything is compiled (the verifier's build).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: Object.fromEntries(['process', 'URL', 'console'].map(g => [g, 'readonly'])) }
  },
  {
    files: ['db/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', only('migrations are frozen in time: never import from src/.', '../../src/*', '../../src/**')]
    }
  }
)
