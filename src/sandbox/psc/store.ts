import { compactVerify, type CryptoKey as JoseKey, type KeyObject } from 'jose';

type Payload = Record<string, unknown>;

interface Entry {
  payload: Payload;
  /** Epoch ms after which the record is forgotten (well after the object's own expiry). */
  keepUntil: number;
}

/** Records are kept this long after they expire, so that "expired" and "revoked" stay distinguishable. */
const GRACE_MS = 10 * 60_000;

/**
 * The sandbox provider's storage, one per sandbox instance (oidc-provider's built-in memory adapter is
 * process-wide, which would mix two sandboxes). It also lets the provider find a JWT access token by
 * its value: the value is a signed JWT whose `jti` is the storage key, so a JWT presented to the
 * introspection or revocation endpoint is looked up by that `jti` once its signature checks out.
 */
export class PscStore {
  private readonly entries = new Map<string, Entry>();
  private readonly grants = new Map<string, string[]>();
  private readonly userCodes = new Map<string, string>();
  private readonly sessionUids = new Map<string, string>();
  verifyKey?: KeyObject | JoseKey;

  constructor(private readonly now: () => number = Date.now) {}

  get(model: string, id: string): Payload | undefined {
    const e = this.entries.get(`${model}:${id}`);
    if (!e) return undefined;
    if (e.keepUntil <= this.now()) {
      this.entries.delete(`${model}:${id}`);
      return undefined;
    }
    return e.payload;
  }

  /** True when the access token with this `jti` was issued here and not revoked. */
  isAccessTokenActive(jti: string): boolean {
    return this.get('AccessToken', jti) !== undefined;
  }

  async jtiOfJwt(value: string): Promise<string | undefined> {
    if (!this.verifyKey || value.split('.').length !== 3) return undefined;
    try {
      const { payload } = await compactVerify(value, this.verifyKey);
      const jti = (JSON.parse(new TextDecoder().decode(payload)) as Payload).jti;
      return typeof jti === 'string' ? jti : undefined;
    } catch {
      return undefined;
    }
  }

  /** Records an object the provider issued without storing it (JWT access tokens). */
  record(model: string, id: string, payload: Payload, expiresInS: number): void {
    this.entries.set(`${model}:${id}`, { payload, keepUntil: this.now() + Math.max(expiresInS, 0) * 1000 + GRACE_MS });
    const grantId = payload.grantId;
    if (typeof grantId === 'string') this.grants.set(grantId, [...(this.grants.get(grantId) ?? []), `${model}:${id}`]);
  }

  adapter(model: string): object {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id: string, payload: Payload, expiresIn?: number) => {
        const ttlMs = (expiresIn ?? 3600) * 1000;
        this.entries.set(key(id), { payload, keepUntil: this.now() + ttlMs + GRACE_MS });
        const grantId = payload.grantId;
        if (typeof grantId === 'string') this.grants.set(grantId, [...(this.grants.get(grantId) ?? []), key(id)]);
        if (typeof payload.userCode === 'string') this.userCodes.set(payload.userCode, id);
        if (model === 'Session' && typeof payload.uid === 'string') this.sessionUids.set(payload.uid, id);
      },
      find: async (id: string) => {
        const direct = this.get(model, id);
        if (direct || model !== 'AccessToken') return direct;
        const jti = await this.jtiOfJwt(id);
        return jti ? this.get(model, jti) : undefined;
      },
      findByUserCode: async (code: string) => {
        const id = this.userCodes.get(code);
        return id ? this.get(model, id) : undefined;
      },
      findByUid: async (uid: string) => {
        const id = this.sessionUids.get(uid);
        return id ? this.get(model, id) : undefined;
      },
      consume: async (id: string) => {
        const p = this.get(model, id);
        if (p) p.consumed = Math.floor(this.now() / 1000);
      },
      destroy: async (id: string) => {
        this.entries.delete(key(id));
      },
      revokeByGrantId: async (grantId: string) => {
        for (const k of this.grants.get(grantId) ?? []) this.entries.delete(k);
        this.grants.delete(grantId);
      },
    };
  }
}
