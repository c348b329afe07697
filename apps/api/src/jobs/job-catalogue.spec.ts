import { checkCatalogue, jobId, JobName } from './job-catalogue';

describe('job catalogue', () => {
  it('accepts exactly one processor per job name', () => {
    const one = Object.values(JobName).map((name) => ({ name, processor: `${name}-processor` }));
    expect(() => checkCatalogue(one)).not.toThrow();
  });

  it('fails when a job name has no processor', () => {
    expect(() =>
      checkCatalogue([{ name: JobName.SystemSelfTest, processor: 'SelfTestProcessor' }], [JobName.SystemSelfTest, 'report-import']),
    ).toThrow('job "report-import" has no processor');
  });

  it('fails when a job name has two processors, naming both', () => {
    expect(() =>
      checkCatalogue([
        { name: JobName.SystemSelfTest, processor: 'A' },
        { name: JobName.SystemSelfTest, processor: 'B' },
      ]),
    ).toThrow('has 2 processors: A, B');
  });

  it('fails when a processor names a job that is not in the catalogue', () => {
    expect(() =>
      checkCatalogue([
        { name: JobName.SystemSelfTest, processor: 'A' },
        { name: 'ghost', processor: 'G' },
      ]),
    ).toThrow('unknown job "ghost"');
  });

  it('derives ids from what the job is about, safe for Redis keys', () => {
    expect(jobId(JobName.SystemSelfTest, 'import-42')).toBe('system-self-test.import-42');
    expect(jobId(JobName.SystemSelfTest, 'a:b/c')).toBe('system-self-test.a_b_c');
    expect(jobId(JobName.SystemSelfTest, 'x')).toBe(jobId(JobName.SystemSelfTest, 'x'));
  });
});
