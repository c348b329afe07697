import { InjectDataSource } from '@nestjs/typeorm';
import type { RejectedLine } from '@tunedesk/contracts';
import { Command, CommandRunner, Option } from 'nest-commander';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { systemActor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { ReportImportService } from '../reports/report-import.service';
import { TuningSettingsService } from '../tuning/tuning-settings.service';
import { CliOutput, rejectedLinesText } from './cli-output';

interface Options {
  json?: boolean;
  month?: string;
  replace?: boolean;
  profile?: string;
}

@Command({ name: 'report:import', arguments: '<file>', description: "Import the vendor's monthly report, format 1 or 2 (匯入調校報表)" })
export class ReportImportCommand extends CommandRunner {
  constructor(
    private readonly imports: ReportImportService,
    private readonly settings: TuningSettingsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async run([file]: string[], options: Options): Promise<void> {
    const out = new CliOutput(!!options.json);
    try {
      await this.dataSource.runMigrations({ transaction: 'each' });
      // The import keeps its own copy of the original; the user's file is left where it is.
      const temp = join(await mkdtemp(join(tmpdir(), 'tunedesk-cli-')), basename(file));
      await copyFile(file, temp).catch(() => {
        throw new DomainError('FILE_NOT_FOUND', { 'zh-TW': `找不到檔案：${file}`, en: `File not found: ${file}` });
      });
      let profileId: number | undefined;
      if (options.profile) {
        const wanted = options.profile.trim();
        const found = (await this.settings.listProfiles()).find((p) => String(p.id) === wanted || p.name === wanted);
        if (!found)
          throw new DomainError('VALIDATION_FAILED', {
            'zh-TW': `找不到匯入設定檔「${wanted}」`,
            en: `No import profile "${wanted}"`,
          });
        profileId = found.id;
      }
      let submitted;
      try {
        submitted = await this.imports.submit(
          systemActor('cli'),
          { tempPath: temp, fileName: basename(file) },
          { month: options.month, replace: options.replace, profileId },
        );
      } catch (error) {
        if (error instanceof DomainError && error.code === 'REPORT_DUPLICATE_FILE') {
          const id = Number(/#(\d+)/.exec(error.details?.[0]?.reason ?? '')?.[1]);
          const earlier = await this.imports.get(id);
          out.result(
            {
              importId: id,
              status: 'duplicate',
              encoding: earlier.encoding,
              accepted: earlier.accepted,
              rejected: earlier.rejected,
              rejectedLines: [],
              code: error.code,
            },
            `${error.messages['zh-TW']}\n${error.messages.en}`,
          );
          return;
        }
        throw error;
      }
      let last = -1;
      let current = submitted;
      while (current.status === 'queued' || current.status === 'processing') {
        if (!options.json && current.progress !== last) {
          process.stderr.write(`\r匯入 #${current.id} ${String(current.progress).padStart(3)}% ${current.stage ?? ''}        `);
          last = current.progress;
        }
        await sleep(200);
        current = await this.imports.get(current.id);
      }
      if (!options.json) process.stderr.write('\n');
      const rejected = await this.imports.rejected(current.id);
      const summary = {
        importId: current.id,
        status: current.status === 'completed' ? 'completed' : 'refused',
        month: current.month,
        encoding: current.encoding,
        accepted: current.accepted,
        rejected: current.rejected,
        rejectedLines: rejected.lines as RejectedLine[],
        code: current.errorCode,
      };
      out.result(
        summary,
        [
          `匯入 #${current.id} ${current.fileName} (${current.encoding ?? '?'}) ${current.month}: ${current.status}；接受 accepted ${current.accepted}、拒絕 rejected ${current.rejected}`,
          ...(current.errorMessage ? [current.errorMessage] : []),
          ...rejectedLinesText(rejected.lines.slice(0, 50)),
        ].join('\n'),
      );
      if (current.status !== 'completed') process.exitCode = 1;
    } catch (error) {
      out.failure(error);
    }
  }

  @Option({ flags: '--month <YYYY-MM>', description: 'the month of the report (inferred from the rows when omitted)' })
  parseMonth(value: string): string {
    return value;
  }

  @Option({ flags: '--replace', description: "replace the month's existing report" })
  parseReplace(): boolean {
    return true;
  }

  @Option({
    flags: '--profile <name|id>',
    description: 'read the headers with this import profile (匯入設定檔); decided from the headers when omitted',
  })
  parseProfile(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print one JSON object' })
  parseJson(): boolean {
    return true;
  }
}
