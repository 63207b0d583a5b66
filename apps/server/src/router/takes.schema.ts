import { z } from 'zod';

export const selectTakeInput = z.object({ beatId: z.uuid(), takeId: z.uuid() });
