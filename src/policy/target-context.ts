import type { TargetProfile } from '../target/profile.js';

/** The policy context a target is judged in: a sensitive service unless the profile says otherwise. */
export function targetContext(profile: TargetProfile): string {
  return profile.sensitiveService === false ? 'remote-access' : 'sensitive-service';
}
