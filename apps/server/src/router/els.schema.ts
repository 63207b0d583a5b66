import { z } from 'zod';

export const scriptInput = z.object({ source: z.string() });
