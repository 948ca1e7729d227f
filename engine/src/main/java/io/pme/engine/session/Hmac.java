package io.pme.engine.session;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 of {@code nonce || clientId (4 bytes, little-endian)} under a client's secret: the logon proof.
 * Used on logons only, never on the per-frame path.
 */
public final class Hmac
{
    /** Length of the MAC in bytes. */
    public static final int MAC_LENGTH = 32;
    /** Length of a challenge nonce in bytes. */
    public static final int NONCE_LENGTH = 16;

    private final Mac mac;
    private final byte[] clientIdBytes = new byte[4];

    public Hmac()
    {
        try
        {
            mac = Mac.getInstance("HmacSHA256");
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }

    /**
     * Computes the proof into {@code out} (32 bytes).
     */
    public void compute(final byte[] secret, final byte[] nonce, final int clientId, final byte[] out)
    {
        try
        {
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
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
            throw new IllegalStateException("HMAC failed", ex);
        }
    }

    boolean verify(final byte[] secret, final byte[] nonce, final int clientId, final byte[] candidate)
    {
        final byte[] expected = new byte[MAC_LENGTH];
        compute(secret, nonce, clientId, expected);
        return MessageDigest.isEqual(expected, candidate);
    }
}
