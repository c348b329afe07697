import { Injectable } from '@nestjs/common';
import { JobContext, JobFailure, JobName, JobPayloads, JobProcessor } from '../jobs/job-catalogue';
import { JobHandler } from '../jobs/job-handler.decorator';
import { LinkChecker } from './link-checker';

/** At most this many URLs per job: an inventory is a few hundred pages. */
export const LINK_CHECK_MAX_URLS = 5000;

/**
 * Checks a list of URLs and returns what it found; the website module enqueues
 * it with its inventory, stores the results and pre-fills the review form.
 */
@Injectable()
@JobHandler(JobName.WebsiteLinkCheck)
export class LinkCheckProcessor implements JobProcessor<JobName.WebsiteLinkCheck> {
  constructor(private readonly checker: LinkChecker) {}

  async process(data: JobPayloads[JobName.WebsiteLinkCheck], context: JobContext) {
    const urls = Array.isArray(data.urls) ? data.urls.filter((u): u is string => typeof u === 'string') : [];
    if (urls.length > LINK_CHECK_MAX_URLS)
      throw new JobFailure('LINK_CHECK_TOO_MANY', `${urls.length} URLs; at most ${LINK_CHECK_MAX_URLS} per check`);
    await context.progress(0);
    const results = await this.checker.check(urls, {
      timeoutMs: Math.min(Math.max(data.timeoutMs ?? 10_000, 100), 60_000),
      concurrency: Math.min(Math.max(data.concurrency ?? 4, 1), 16),
    });
    await context.progress(100);
    return {
      checked: results.length,
      broken: results.filter((r) => r.status === null || r.status >= 400).length,
      redirected: results.filter((r) => r.redirectedTo !== null).length,
      results,
    };
  }
}
