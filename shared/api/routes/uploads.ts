import { grantUpload, type PresignPut } from '../../uploads/uploads';
import { UploadRequestSchema } from '../contract';
import { json } from '../http';
import { badRequest, type RouteTable } from '../router';

/** `POST /members/{memberId}/uploads`: a presigned PUT URL into the member's own folder (the router authorizes). */
export const uploadRoutes = (presign: PresignPut, now: () => Date): RouteTable<'uploads'> => ({
  createUpload: async ({ memberId, body }) => {
    const parsed = UploadRequestSchema.safeParse(body);
    if (!parsed.success) throw badRequest(parsed.error);
    return json(201, await grantUpload(presign, memberId, parsed.data, now()));
  },
});
