import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, type AccessRule } from '../../apps/api/src/common/access';

export interface DeclaredRoute {
  /** e.g. "GET /api/users/:id" */
  key: string;
  controller: string;
  handler: string;
  rule: AccessRule | undefined;
}

function join(...parts: string[]): string {
  return `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}

/** Every route of every controller in the app, with the access rule it declares (if any). */
export function declaredRoutes(app: INestApplication, prefix = 'api'): DeclaredRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | string[] | undefined;
    const proto = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
      if (path === undefined || method === undefined) continue;
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler, wrapper.metatype]);
      for (const b of [base ?? ''].flat()) {
        for (const p of [path].flat()) {
          routes.push({ key: `${RequestMethod[method]} ${join(prefix, b, p)}`, controller: wrapper.metatype.name, handler: name, rule });
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
