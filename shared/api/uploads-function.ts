import type { PresignPut } from '../uploads/uploads';
import type { AuthMode } from './authorize';
import { createRouter } from './router';
import { uploadRoutes } from './routes/uploads';

/** The uploads function's routes (contract `target: 'uploads'`). */
export const createUploadsApi = (
  presign: PresignPut,
  { authMode = 'iam', now = () => new Date() }: { authMode?: AuthMode; now?: () => Date },
) => createRouter('uploads', uploadRoutes(presign, now), { authMode });
