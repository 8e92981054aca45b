// A warm `outbox serve` checks its saved index part by part as the requests read it (OpenOptions.checkCacheWhenRead):
// a part found damaged fails that read with 'damaged-cache' (the file already removed). This service wrapper turns
// that into a re-open from the archive itself and answers the request again from it: never from the damaged part.
import type { Result } from '../../preload/contract.js';
import type { Service } from '../engine/service/index.js';
import { ArchiveError } from '../engine/service/index.js';

const damaged = (result: Result<unknown>): boolean => !result.ok && result.code === 'damaged-cache';

/**
 * `service` whose answers survive a damaged saved index: a request answered 'damaged-cache' starts `recover` (once for
 * every request that meets the damage meanwhile) and is asked again once it is over. Asked twice at most: a second
 * 'damaged-cache' is the answer. An export streams its rows after its headers: damage midway still cuts it short
 * (there is no honest way to take back rows sent), but the archive is re-opened for the next request.
 */
export function recoveringService(service: Service, recover: () => Promise<void>): Service {
  let running: Promise<void> | null = null;
  const recovered = (): Promise<void> =>
    (running ??= recover().finally(() => {
      running = null;
    }));
  const again = async <T>(ask: () => Promise<Result<T>>): Promise<Result<T>> => {
    const first = await ask();
    if (!damaged(first)) return first;
    await recovered();
    return ask();
  };
  return {
    ...service,
    request: (name, request) => again(() => service.request(name, request)),
    media: (request) => again(() => service.media(request)),
    exportRows: (request) =>
      again(async () => {
        const answer = await service.exportRows(request);
        if (!answer.ok) return answer;
        const { chunks } = answer.value;
        return {
          ok: true as const,
          value: {
            ...answer.value,
            chunks: {
              *[Symbol.iterator]() {
                try {
                  yield* chunks;
                } catch (error) {
                  if (error instanceof ArchiveError && error.code === 'damaged-cache') void recovered();
                  throw error;
                }
              },
            },
          },
        };
      }),
  };
}
