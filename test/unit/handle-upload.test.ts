import { describe, expect, it, vi } from 'vitest';
import { handleNotification, type UploadDeps } from '../../shared/ingest/handle-upload';

/** Deps whose stores and clients must not be touched: the messages below are acknowledged before any I/O. */
const untouchableDeps = () => {
  const logger = { info: vi.fn(), warn: vi.fn() };
  const forbidden = new Proxy(
    {},
    {
      get: () => {
        throw new Error('no I/O expected');
      },
    },
  );
  return {
    logger,
    deps: {
      scores: forbidden,
      s3: forbidden,
      lock: forbidden,
      limits: forbidden,
      metrics: forbidden,
      logger,
    } as unknown as UploadDeps,
  };
};

describe('handleNotification', () => {
  it('acknowledges a body that is not an S3 notification, with a warning', async () => {
    const { deps, logger } = untouchableDeps();
    await expect(handleNotification(deps, 'not json')).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith('ignored a message that is not an S3 event notification');
  });

  it('ignores an upload outside exports/ and scores/, naming its key', async () => {
    const { deps, logger } = untouchableDeps();
    const body = JSON.stringify({
      Records: [
        { eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key: 'elsewhere/x.zip' } } },
      ],
    });
    await handleNotification(deps, body);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('ignored an upload outside'), {
      key: 'elsewhere/x.zip',
    });
    expect(logger.info).not.toHaveBeenCalled();
  });
});
