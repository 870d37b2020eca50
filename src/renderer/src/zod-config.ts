/*
 * Imported first by main.tsx, before any schema exists: zod probes for eval (new Function) to speed up
 * parsing, and the CSP forbids eval (the probe's failure is caught, but still reported as a violation).
 */
import { z } from 'zod';

z.config({ jitless: true });
