package io.pme.engine.session;

import io.pme.codecs.SessionRole;
import io.pme.protocol.SessionProof;
import io.pme.protocol.SessionProver;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongHashSet;

/**
 * One client of a sessions file: its secret, role, the accounts it may act for and the price sources it may
 * publish as. The secret never leaves this class except into the {@link SessionProof}: the session layer verifies
 * a logon with it, and an in-process client (the built-in simulation, tests) answers a challenge with it.
 */
public final class ClientCredentials implements SessionProver
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

    /**
     * @return the client id the sessions file names this client by.
     */
    public int clientId()
    {
        return clientId;
    }

    /**
     * @return which of the client's keys the secret is; a logon naming another key id is refused.
     */
    public int keyId()
    {
        return keyId;
    }

    /**
     * @return the role a logon as this client grants.
     */
    public SessionRole role()
    {
        return role;
    }

    /**
     * @param accountId an account a frame acts for.
     * @return whether this client may act for it.
     */
    public boolean isEntitled(final long accountId)
    {
        return allAccounts || accounts.contains(accountId);
    }

    /**
     * @param sourceId a price source a frame publishes as.
     * @return whether this client may publish as it.
     */
    public boolean isAllowedSource(final int sourceId)
    {
        return sources.contains(sourceId);
    }

    /**
     * Computes this client's answer to a challenge, for an in-process client such as the built-in simulation.
     *
     * @param proof the MAC to compute it with.
     * @param nonce the challenge's nonce.
     * @param out   receives the MAC.
     */
    public void prove(final SessionProof proof, final byte[] nonce, final byte[] out)
    {
        proof.compute(secret, nonce, clientId, out);
    }

    boolean verify(final SessionProof proof, final byte[] nonce, final byte[] mac)
    {
        return proof.verify(secret, nonce, clientId, mac);
    }

    /**
     * Never prints the secret.
     *
     * @return the client id and role.
     */
    public String toString()
    {
        return "ClientCredentials{clientId=" + clientId + ", role=" + role + ", secret=<hidden>}";
    }
}
