// The checks a username, a role and a typed password pass before any user command touches a
// database or the catalogue, shared so both say the same thing in the same words.
import { UserError } from './common.js';
import { ROLES, isRole, isValidUsername, type Role } from '../store/users-store.js';

export const MIN_PASSWORD = 10;

/** Throws a UserError unless `name` is a valid username. */
export function checkUsername(name: string): void {
  if (!isValidUsername(name))
    throw new UserError(
      'bad_username',
      `ユーザー名は英数字と . _ - で64文字まで / a username is letters, digits, . _ - (up to 64): ${name}`,
    );
}

/** Returns `role` as a Role, or throws a UserError. */
export function checkRole(role: string): Role {
  if (!isRole(role))
    throw new UserError(
      'bad_role',
      `--role は ${ROLES.join(', ')} のいずれか / --role must be one of ${ROLES.join(', ')}`,
    );
  return role;
}

/** Throws a UserError when a password is shorter than MIN_PASSWORD. */
export function checkPasswordLength(password: string): void {
  if (password.length < MIN_PASSWORD)
    throw new UserError(
      'weak_password',
      `パスワードは${MIN_PASSWORD}文字以上にしてください / the password needs at least ${MIN_PASSWORD} characters`,
    );
}
