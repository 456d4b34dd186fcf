import type { PresignPut, UploadLimits, UploadSigner } from '../uploads/uploads';
import type { AuthMode } from './authorize';
import { createRouter } from './router';
import { uploadRoutes } from './routes/uploads';

/** The uploads function's routes (contract `target: 'uploads'`). */
export const createUploadsApi = (
  signer: UploadSigner | PresignPut,
  {
    authMode = 'iam',
    now = () => new Date(),
    limits,
  }: { authMode?: AuthMode; now?: () => Date; limits?: UploadLimits },
) => createRouter('uploads', uploadRoutes(signer, now, limits), { authMode });
