import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../api/src/config/app-config';
import { CoreModule } from '../../api/src/core.module';
import { FEATURE_MODULES } from '../../api/src/features';

/** The api's feature modules without HTTP: their job processors consume the BullMQ queue. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config, 'worker'), ...FEATURE_MODULES] };
  }
}
