package io.pme.protocol;

/**
 * Whatever can answer a logon challenge for a client: the holder of the client's secret. The secret stays with the
 * holder and goes only into the {@link SessionProof}.
 */
@FunctionalInterface
public interface SessionProver
{
    /**
     * Computes the answer to a challenge.
     *
     * @param proof the MAC to compute it with.
     * @param nonce the challenge's nonce, {@link SessionProof#NONCE_LENGTH} bytes.
     * @param out   receives the MAC, {@link SessionProof#MAC_LENGTH} bytes.
     */
    void prove(SessionProof proof, byte[] nonce, byte[] out);
}
