package io.pme.gateway;

import io.pme.protocol.LogonHandshake;
import io.pme.protocol.ProtocolConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's settings: defaults from {@link PmeClientConfiguration} (the engine's channels and streams from
 * {@link ProtocolConfiguration}), system properties over defaults, and a conclude that refuses, once and clearly,
 * whatever cannot work.
 */
class PmeClientContextTest
{
    private static final String SECRET = "07".repeat(32);

    @AfterEach
    void clearProperties()
    {
        System.clearProperty(PmeClientConfiguration.MAX_IN_FLIGHT_PROP_NAME);
        System.clearProperty(PmeClientConfiguration.LOGON_TIMEOUT_PROP_NAME);
        System.clearProperty(ProtocolConfiguration.INPUT_STREAM_ID_PROP_NAME);
    }

    @Test
    void defaultsAreTheConfigurationsAndTheProtocols()
    {
        final PmeClient.Context context = new PmeClient.Context();
        assertEquals(ProtocolConfiguration.INPUT_CHANNEL_DEFAULT, context.inputChannel());
        assertEquals(ProtocolConfiguration.INPUT_STREAM_ID_DEFAULT, context.inputStreamId());
        assertEquals(ProtocolConfiguration.OUTPUT_CHANNEL_DEFAULT, context.outputChannel());
        assertEquals(ProtocolConfiguration.OUTPUT_STREAM_ID_DEFAULT, context.outputStreamId());
        assertEquals(PmeClientConfiguration.CONNECT_TIMEOUT_DEFAULT_NS, context.connectTimeoutNs());
        assertEquals(PmeClientConfiguration.LOGON_TIMEOUT_DEFAULT_NS, context.logonTimeoutNs());
        assertEquals(LogonHandshake.DEFAULT_RESEND_INTERVAL_NS, context.logonResendIntervalNs());
        assertEquals(PmeClientConfiguration.REQUEST_TIMEOUT_DEFAULT_NS, context.requestTimeoutNs());
        assertEquals(PmeClientConfiguration.MAX_IN_FLIGHT_DEFAULT, context.maxInFlight());
        assertEquals(PmeClientConfiguration.OFFER_RETRIES_DEFAULT, context.offerRetries());
        assertFalse(context.embeddedMediaDriver());
        assertEquals(1, context.keyId());
    }

    @Test
    void systemPropertiesOverrideTheDefaults()
    {
        System.setProperty(PmeClientConfiguration.MAX_IN_FLIGHT_PROP_NAME, "17");
        System.setProperty(PmeClientConfiguration.LOGON_TIMEOUT_PROP_NAME, "250ms");
        System.setProperty(ProtocolConfiguration.INPUT_STREAM_ID_PROP_NAME, "4001");
        final PmeClient.Context context = new PmeClient.Context();
        assertEquals(17, context.maxInFlight());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), context.logonTimeoutNs());
        assertEquals(4001, context.inputStreamId());
        assertEquals(5, context.maxInFlight(5).maxInFlight(), "a setter overrides the property");
    }

    @Test
    void concludeRunsOnce()
    {
        final PmeClient.Context context = new PmeClient.Context().clientId(7).secretHex(SECRET);
        assertFalse(context.isConcluded());
        assertSame(context, context.conclude());
        assertTrue(context.isConcluded());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, context::conclude);
        assertTrue(ex.getMessage().contains("already concluded"), ex.getMessage());
    }

    @Test
    void concludeRefusesWhatCannotWork()
    {
        refused("maxInFlight must be positive: 0", c -> c.maxInFlight(0));
        refused("offerRetries must not be negative: -1", c -> c.offerRetries(-1));
        refused("connectTimeoutNs must be positive: 0", c -> c.connectTimeoutNs(0));
        refused("logonTimeoutNs must be positive: -5", c -> c.logonTimeoutNs(-5));
        refused("logonResendIntervalNs must be positive: 0", c -> c.logonResendIntervalNs(0));
        refused("requestTimeoutNs must be positive: 0", c -> c.requestTimeoutNs(0));
        refused("idleStrategy must not be null", c -> c.idleStrategy(null));
        refused("clock must not be null", c -> c.clock(null));
        refused("listener must not be null", c -> c.listener(null));
        refused("errorHandler must not be null", c -> c.errorHandler(null));
        refused("inputChannel must be an Aeron channel", c -> c.inputChannel(""));
        refused("outputChannel must be an Aeron channel", c -> c.outputChannel(null));
        refused("aeronDirectoryName required", c -> c.aeronDirectoryName(null));
        refused("initialCorrelationId must not be negative", c -> c.initialCorrelationId(-1));
        refused("clientId 7 needs a secret of at least 16 bytes, has 0", c -> c.secret(new byte[0]));
        refused("clientId 7 needs a secret of at least 16 bytes, has 15", c -> c.secret(new byte[15]));
    }

    @Test
    void aClientIdOfZeroNeedsNoSecretAndTheSecretIsNeverPrinted()
    {
        new PmeClient.Context().conclude();
        final PmeClient.Context context = new PmeClient.Context().clientId(7).secretHex("hex:" + SECRET).conclude();
        assertFalse(context.toString().contains("0707"), context.toString());
    }

    private static void refused(final String message, final UnaryOperator<PmeClient.Context> setting)
    {
        final PmeClient.Context context = setting.apply(new PmeClient.Context().clientId(7).secretHex(SECRET));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertTrue(ex.getMessage().contains(message), ex.getMessage());
        assertFalse(context.isConcluded(), "a refused conclude may be retried once fixed");
    }
}
