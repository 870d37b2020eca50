/*
 * The HTTPS token a sync sends to the git host. The desktop app keeps it in the operating system's
 * keychain (refused, in words, where there is none); in a browser through the bridge it can only come from
 * CASEFOLIO_GIT_TOKEN, and this says so. The token itself never comes back to the window.
 */
import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { GitCredentialStatus } from '../../../../shared/git-credentials';
import { api } from '../../api';
import { messageOf } from '../../app/actions';

/** Local paths and file:// addresses need no token: only a git host over http(s) asks for one. */
export const needsToken = (remote: string) => /^https?:\/\//i.test(remote.trim());

export function AccessToken({ remote }: { remote: string }) {
  const [status, setStatus] = useState<GitCredentialStatus>();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    setStatus(undefined);
    if (!needsToken(remote)) return;
    api['credentials:status']({ remote }).then(
      (s) => live && setStatus(s),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [remote]);

  if (!needsToken(remote)) return null;

  const act = async (call: () => Promise<GitCredentialStatus>) => {
    setSaving(true);
    setError(undefined);
    try {
      setStatus(await call());
      setToken('');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap={6} className="access-token">
      <Group gap={6}>
        <IconKey size={15} stroke={1.7} aria-hidden />
        <Text size="sm" fw={600}>
          Access token
        </Text>
      </Group>
      {status && (
        <Text size="sm" c="dimmed" className="access-token-status">
          {status.message}
        </Text>
      )}
      {status?.canSave && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (token.trim()) void act(() => api['credentials:save']({ remote, token }));
          }}
        >
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <PasswordInput
              label={status.store === 'keychain' ? 'Replace the kept token' : 'Token from your git host'}
              value={token}
              onChange={(e) => {
                setToken(e.currentTarget.value);
                setError(undefined);
              }}
              error={error}
              autoComplete="off"
              className="access-token-input"
              flex={1}
            />
            <Button type="submit" variant="light" loading={saving} disabled={!token.trim()}>
              Keep in keychain
            </Button>
          </Group>
        </form>
      )}
      {!status?.canSave && error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
      {status?.store === 'keychain' && (
        <Group>
          <Button size="xs" variant="subtle" color="red" onClick={() => void act(() => api['credentials:forget']({ remote }))}>
            Forget the kept token
          </Button>
        </Group>
      )}
    </Stack>
  );
}
