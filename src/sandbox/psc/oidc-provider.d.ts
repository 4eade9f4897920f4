/** The small part of oidc-provider@8 the sandbox uses (the package ships no type declarations). */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface KoaContextLike {
    path: string;
    method: string;
    status: number;
    body: unknown;
    /** Koa: the response Content-Type (set from a short name such as 'text/html'). */
    type?: string;
    remove?(header: string): void;
    oidc?: { params?: Record<string, unknown>; entities: Record<string, any> };
  }

  export class GrantModel {
    constructor(init: { accountId?: string; clientId?: string });
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    readonly issuer: string;
    Grant: typeof GrantModel;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(fn: (ctx: KoaContextLike, next: () => Promise<void>) => Promise<void>): void;
    backchannelResult(request: string, result: GrantModel | Error, options?: { acr?: string; amr?: string[]; authTime?: number }): Promise<void>;
    on(event: string, listener: (...args: any[]) => void): this;
    registerGrantType(name: string, handler: (ctx: any, next: () => Promise<void>) => Promise<void>, params?: string | string[]): void;
  }

  export const errors: {
    AccessDenied: new (description?: string) => Error;
    InvalidRequest: new (description?: string) => Error;
    InvalidTarget: new (description?: string) => Error;
    InvalidBindingMessage: new (description?: string) => Error;
    [name: string]: new (description?: string) => Error;
  };
}
