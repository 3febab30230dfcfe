/** The zod schema of the plain error shape ({@link AppErrorData}, ./errors.ts), apart so throwing needs no zod. */
import { z } from 'zod';

/** The plain shape's schema, for every message and record that carries an error (validated at each boundary). */
export const appErrorDataSchema = z.object({
  code: z.string(),
  message: z.string(),
  cause: z.string().optional(),
  details: z
    .record(
      z.string(),
      z.union([
        z.string(),
        z.number(),
        z.boolean(),
        z.null(),
        z.array(z.string()).readonly(),
        z.array(z.number()).readonly(),
      ]),
    )
    .optional(),
});
