/** The engine process entry (forked by {@link ./engine-host} or, in the desktop app, as a utilityProcess). */
import { createDefaultComponents } from '../runner/default-components';
import { serveEngine } from './engine-entry';

serveEngine(createDefaultComponents);
