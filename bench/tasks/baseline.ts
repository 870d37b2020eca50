/* A process that loads the core (every module the app's main process loads for the library) and opens nothing. */
import { CaseLibrary } from '../../src/core/case-library';
import { createHandlers } from '../../src/core/handlers';
import { report } from '../lib/report';

report({ loaded: typeof CaseLibrary === 'function' && typeof createHandlers === 'function' });
