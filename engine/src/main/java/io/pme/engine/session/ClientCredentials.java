package io.pme.engine.session;

import io.pme.codecs.SessionRole;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongHashSet;

/**
 * One client of a sessions file: its secret, role, the accounts it may act for and the price sources it may
 * publish as. The secret never leaves this class except into the MAC.
 */
public final class ClientCredentials
{
    private final int clientId;
    private final int keyId;
    private final byte[] secret;
    private final SessionRole role;
    private final boolean allAccounts;
    private final LongHashSet accounts;
    private final IntHashSet sources;

    ClientCredentials(
        final int clientId,
        final int keyId,
        final byte[] secret,
        final SessionRole role,
        final boolean allAccounts,
        final LongHashSet accounts,
        final IntHashSet sources)
    {
        this.clientId = clientId;
        this.keyId = keyId;
        this.secret = secret.clone();
        this.role = role;
        this.allAccounts = allAccounts;
        this.accounts = accounts;
        this.sources = sources;
    }

    public int clientId()
    {
        return clientId;
    }

    public int keyId()
    {
        return keyId;
    }

    public SessionRole role()
    {
        return role;
    }

    public boolean isEntitled(final long accountId)
    {
        return allAccounts || accounts.contains(accountId);
    }

    public boolean isAllowedSource(final int sourceId)
    {
        return sources.contains(sourceId);
    }

    /**
     * Computes this client's answer to a challenge, for an in-process client such as the built-in simulation.
     */
    public void prove(final Hmac hmac, final byte[] nonce, final byte[] out)
    {
        hmac.compute(secret, nonce, clientId, out);
    }

    boolean verify(final Hmac hmac, final byte[] nonce, final byte[] mac)
    {
        return hmac.verify(secret, nonce, clientId, mac);
    }

    /** Never prints the secret. */
    public String toString()
    {
        return "ClientCredentials{clientId=" + clientId + ", role=" + role + ", secret=<hidden>}";
    }
}
