package io.pme.protocol;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers of the logon proof, computed outside Java, so that a change of what is MAC'd (the order, the
 * client id's width or byte order) cannot pass unnoticed while both sides still agree with each other.
 * <p>
 * The expected MACs were computed with OpenSSL 3 and checked with Python's hmac module:
 * <pre>
 * KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
 * NONCE=f0e1d2c3b4a5968778695a4b3c2d1e0f
 * printf '%s' "${NONCE}07000000" | xxd -r -p | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY
 * printf '%s' "${NONCE}04030201" | xxd -r -p | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY
 * python3 -c "import hmac,hashlib; print(hmac.new(bytes.fromhex('$KEY'),
 *     bytes.fromhex('$NONCE') + (7).to_bytes(4, 'little'), hashlib.sha256).hexdigest())"
 * </pre>
 */
class SessionProofTest
{
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] NONCE = HEX.parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f");
    private static final byte[] MAC_CLIENT_7 =
        HEX.parseHex("fd945e51aed9635cd1a47187d51ad160ce25933c1ab623894ff404e1ebeb331e");
    private static final byte[] MAC_CLIENT_01020304 =
        HEX.parseHex("b5eb54bc60d0bf8794b7d81c90fbda84b588796874e4bc86874ca42a5ae19445");

    private final SessionProof proof = new SessionProof();

    @Test
    void macIsHmacSha256OfTheNonceThenTheClientIdLittleEndian()
    {
        final byte[] out = new byte[SessionProof.MAC_LENGTH];
        proof.compute(KEY, NONCE, 7, out);
        assertArrayEquals(MAC_CLIENT_7, out);

        // every byte of the client id distinct: pins its width and byte order
        proof.compute(KEY, NONCE, 0x01020304, out);
        assertArrayEquals(MAC_CLIENT_01020304, out);
    }

    @Test
    void aProverComputesTheSameAnswer()
    {
        final byte[] out = new byte[SessionProof.MAC_LENGTH];
        SessionProof.prover(7, KEY).prove(proof, NONCE, out);
        assertArrayEquals(MAC_CLIENT_7, out);
    }

    @Test
    void verifyAcceptsTheProofAndRefusesAnyFlippedBit()
    {
        assertTrue(proof.verify(KEY, NONCE, 7, MAC_CLIENT_7.clone()));
        for (int i = 0; i < SessionProof.MAC_LENGTH * 8; i++)
        {
            final byte[] flipped = MAC_CLIENT_7.clone();
            flipped[i >>> 3] ^= (byte)(1 << (i & 7));
            assertFalse(proof.verify(KEY, NONCE, 7, flipped), "bit " + i);
        }
        assertFalse(proof.verify(KEY, NONCE, 8, MAC_CLIENT_7.clone()), "another client id");
        final byte[] otherNonce = NONCE.clone();
        otherNonce[15] ^= 1;
        assertFalse(proof.verify(KEY, otherNonce, 7, MAC_CLIENT_7.clone()), "another nonce");
        assertFalse(proof.verify(new byte[32], NONCE, 7, MAC_CLIENT_7.clone()), "another secret");
        assertFalse(proof.verify(KEY, NONCE, 7, new byte[SessionProof.MAC_LENGTH - 1]), "a short MAC");
    }

    @Test
    void aProverNeedsASecret()
    {
        assertThrows(IllegalArgumentException.class, () -> SessionProof.prover(7, new byte[0]));
    }
}
