// Used by `npm run cli` and `npm run db:migrate`: builds the CLI when needed, quietly otherwise.
import { ensureBuilt } from './build-state.mjs';

ensureBuilt(process.argv.slice(2).length ? process.argv.slice(2) : ['cli']);
