package io.pme.engine.session;

import io.pme.codecs.SessionRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionsFileTest
{
    private static final String SECRET = "00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void readsRolesEntitlementsAndSources()
    {
        final Properties properties = new Properties();
        properties.setProperty("client.3.role", "TRADER");
        properties.setProperty("client.3.secret", "hex:" + SECRET);
        properties.setProperty("client.3.accounts", "1001, 2000-2002");
        properties.setProperty("client.2.role", "FEED");
        properties.setProperty("client.2.secret", "base64:ABEiM0RVZneImaq7zN3u/w==");
        properties.setProperty("client.2.sources", "1,7");
        properties.setProperty("client.2.key", "4");
        properties.setProperty("client.8.role", "LIQUIDATOR");
        properties.setProperty("client.8.secret", "hex:" + SECRET);
        properties.setProperty("client.8.accounts", "9000001");

        final SessionsFile file = SessionsFile.parse(properties);

        final ClientCredentials trader = file.client(3);
        assertEquals(SessionRole.TRADER, trader.role());
        assertTrue(trader.isEntitled(1001) && trader.isEntitled(2001) && trader.isEntitled(2002));
        assertFalse(trader.isEntitled(1002));
        final ClientCredentials feed = file.client(2);
        assertEquals(4, feed.keyId());
        assertTrue(feed.isAllowedSource(7));
        assertFalse(feed.isAllowedSource(2));
        assertFalse(feed.toString().contains("ABEi"));
        final ClientCredentials liquidator = file.client(8);
        assertEquals(SessionRole.LIQUIDATOR, liquidator.role());
        assertTrue(liquidator.isEntitled(9000001));
        assertFalse(liquidator.isEntitled(1001));
    }

    @Test
    void everyRoleOfTheWireButNoneCanBeGiven()
    {
        for (final SessionRole role : SessionRole.values())
        {
            final Properties properties = new Properties();
            properties.setProperty("client.1.role", role.name());
            properties.setProperty("client.1.secret", "hex:" + SECRET);
            if (SessionRole.NONE == role || SessionRole.NULL_VAL == role)
            {
                assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(properties), role.name());
            }
            else
            {
                assertEquals(role, SessionsFile.parse(properties).client(1).role());
            }
        }
    }

    @Test
    void errorsNameTheKeyButNeverQuoteTheSecret()
    {
        final Properties properties = new Properties();
        properties.setProperty("client.1.role", "ADMIN");
        properties.setProperty("client.1.secret", "hex:zz-not-hex-SECRETVALUE");
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(properties));
        assertTrue(ex.getMessage().contains("client.1.secret"), ex.getMessage());
        assertFalse(ex.getMessage().contains("SECRETVALUE"), ex.getMessage());

        properties.setProperty("client.1.secret", "hex:0011");
        assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(properties));
        properties.setProperty("client.1.secret", "hex:" + SECRET);
        properties.setProperty("client.1.role", "ROOT");
        assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(properties));
        properties.setProperty("client.1.role", "ADMIN");
        properties.setProperty("client.1.colour", "blue");
        assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(properties));
    }

    @Test
    void negativeClientIdsAreTheEnginesOwnAndRefused()
    {
        final Properties properties = new Properties();
        properties.setProperty("client.-1.role", "ADMIN");
        properties.setProperty("client.-1.secret", "hex:" + SECRET);
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(properties));
        assertTrue(ex.getMessage().contains("client.-1."), ex.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsLinesNeverItsValue() throws IOException
    {
        // the file is the security boundary: a second secret or role for a client must not silently win
        final Path file = dir.resolve("sessions.properties");
        Files.writeString(file, String.join("\n",
            "client.3.role=TRADER",
            "client.3.secret=hex:" + SECRET,
            "client.3.accounts=1001",
            "# pasted from another engine's file",
            "client.3.secret=hex:ffeeddccbbaa99887766554433221100",
            ""));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> SessionsFile.load(file));
        assertEquals("sessions file " + file + ": client.3.secret: given twice, at lines 2 and 5", ex.getMessage());
        assertFalse(ex.getMessage().contains("ffeedd") || ex.getMessage().contains(SECRET), ex.getMessage());

        Files.writeString(file, "client.3.role=TRADER\nclient.3.role=ADMIN\nclient.3.secret=hex:" + SECRET + "\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionsFile.load(file)).getMessage()
            .endsWith("client.3.role: given twice, at lines 1 and 2"));

        Files.writeString(file, "client.3.role=TRADER\nclient.3.secret=hex:" + SECRET + "\n");
        assertEquals(SessionRole.TRADER, SessionsFile.load(file).client(3).role());
    }
}
