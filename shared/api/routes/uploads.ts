import {
  DEFAULT_UPLOAD_LIMITS,
  grantUpload,
  type PresignPut,
  type UploadLimits,
  type UploadSigner,
} from '../../uploads/uploads';
import { UploadRequestSchema } from '../contract';
import { json } from '../http';
import { badRequest, type RouteTable } from '../router';

/** `POST /members/{memberId}/uploads`: a presigned PUT (or multipart upload) into the member's own folder (the router authorizes). */
export const uploadRoutes = (
  signer: UploadSigner | PresignPut,
  now: () => Date,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): RouteTable<'uploads'> => ({
  createUpload: async ({ memberId, body }) => {
    const parsed = UploadRequestSchema.safeParse(body);
    if (!parsed.success) throw badRequest(parsed.error);
    return json(201, await grantUpload(signer, memberId, parsed.data, now(), limits));
  },
});
