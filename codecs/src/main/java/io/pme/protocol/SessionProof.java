package io.pme.protocol;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The logon proof, the {@code mac} of a {@code SessionLogonResponse}: HMAC-SHA256 under a client's secret of the
 * challenge's nonce (16 bytes, as they are on the wire) followed by the client id (4 bytes, little-endian).
 * <p>
 * The one definition both sides of the wire use: the engine's session layer verifies with it what a client
 * computes with it. Used on logons only, never on the per-frame path. Not thread-safe: one instance per thread.
 */
public final class SessionProof
{
    /**
     * The JCA name of the MAC.
     */
    public static final String ALGORITHM = "HmacSHA256";

    /**
     * Length of the MAC in bytes.
     */
    public static final int MAC_LENGTH = 32;

    /**
     * Length of a challenge's nonce in bytes.
     */
    public static final int NONCE_LENGTH = 16;

    /**
     * Shortest secret a client may hold (32 bytes recommended).
     */
    public static final int MIN_SECRET_LENGTH = 16;

    private final Mac mac;
    private final byte[] clientIdBytes = new byte[4];
    private final byte[] expected = new byte[MAC_LENGTH];

    /**
     * Looks up the JCA's HMAC-SHA256, which every Java runtime has.
     *
     * @throws IllegalStateException if the runtime has none.
     */
    public SessionProof()
    {
        try
        {
            mac = Mac.getInstance(ALGORITHM);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " unavailable", ex);
        }
    }

    /**
     * Computes the proof of {@code clientId} for a challenge.
     *
     * @param secret   the client's secret, not empty.
     * @param nonce    the challenge's nonce, {@link #NONCE_LENGTH} bytes.
     * @param clientId the client logging on.
     * @param out      receives the MAC, {@link #MAC_LENGTH} bytes.
     */
    public void compute(final byte[] secret, final byte[] nonce, final int clientId, final byte[] out)
    {
        try
        {
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update(nonce, 0, NONCE_LENGTH);
            clientIdBytes[0] = (byte)clientId;
            clientIdBytes[1] = (byte)(clientId >>> 8);
            clientIdBytes[2] = (byte)(clientId >>> 16);
            clientIdBytes[3] = (byte)(clientId >>> 24);
            mac.update(clientIdBytes);
            mac.doFinal(out, 0);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " failed", ex);
        }
    }

    /**
     * Checks a client's answer to a challenge, in constant time.
     *
     * @param secret    the client's secret, not empty.
     * @param nonce     the challenge's nonce, {@link #NONCE_LENGTH} bytes.
     * @param clientId  the client logging on.
     * @param candidate the MAC the client answered, {@link #MAC_LENGTH} bytes.
     * @return true when {@code candidate} is the proof.
     */
    public boolean verify(final byte[] secret, final byte[] nonce, final int clientId, final byte[] candidate)
    {
        compute(secret, nonce, clientId, expected);
        final boolean proven = MessageDigest.isEqual(expected, candidate);
        Arrays.fill(expected, (byte)0);
        return proven;
    }

    /**
     * A prover for a client that holds its own secret, such as the client library.
     *
     * @param clientId the client id the proof is computed for.
     * @param secret   the client's secret, not empty; copied.
     * @return a prover that keeps a copy of the secret and never shows it.
     */
    public static SessionProver prover(final int clientId, final byte[] secret)
    {
        if (0 == secret.length)
        {
            throw new IllegalArgumentException("empty secret");
        }
        final byte[] copy = secret.clone();
        return (proof, nonce, out) -> proof.compute(copy, nonce, clientId, out);
    }
}
