import { useState } from 'preact/hooks';
import type { T } from '../i18n';
import { ROLES, type Role } from './token-row';

/**
 * A name and a role, each role explained in a sentence under the select (and read with it by a screen
 * reader). The name is trimmed; the server accepts 1 to 200 characters.
 */
export function NewTokenForm({ t, busy, onCreate }: { t: T; busy: boolean; onCreate: (name: string, role: Role) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('pilot');
  const submit = (e: Event) => {
    e.preventDefault();
    if (name.trim()) onCreate(name.trim(), role);
  };
  return (
    <form class="new-token" onSubmit={submit} aria-labelledby="new-token-title">
      <h2 id="new-token-title">{t('tokens.new')}</h2>
      <div class="fields">
        <div>
          <label for="token-name">{t('tokens.name')}</label>
          <input id="token-name" type="text" required maxLength={200} autoComplete="off" value={name}
            aria-describedby="token-name-help" onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          <p id="token-name-help" class="muted help">{t('tokens.nameHelp')}</p>
        </div>
        <div>
          <label for="token-role">{t('tokens.role')}</label>
          <select id="token-role" value={role} aria-describedby="token-role-help"
            onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
          <p id="token-role-help" class="muted help" aria-live="polite">{t(`tokens.about.${role}`)}</p>
        </div>
      </div>
      <button type="submit" disabled={busy}>{busy ? t('tokens.creating') : t('tokens.create')}</button>
    </form>
  );
}
