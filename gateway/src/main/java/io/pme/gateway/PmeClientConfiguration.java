package io.pme.gateway;

import io.pme.protocol.LogonHandshake;
import io.pme.protocol.ProtocolConfiguration;
import org.agrona.SystemUtil;

import java.util.concurrent.TimeUnit;

/**
 * The defaults of a {@link PmeClient}, in Aeron's form: every setting has a system property ({@code *_PROP_NAME}),
 * a default ({@code *_DEFAULT}) and a static accessor that reads the one or falls back to the other. A
 * {@link PmeClient.Context} starts from these, and what it is given overrides them.
 * <p>
 * Where the engine listens and answers is not declared here: the channels and stream ids are those of
 * {@link ProtocolConfiguration}, which the engine reads too, so an engine and a client started with no settings on
 * one machine find each other. Durations are read with {@link SystemUtil#getDurationInNanos(String, long)}, so
 * {@code 500ms} or {@code 10s} as well as plain nanoseconds.
 */
public final class PmeClientConfiguration
{
    /**
     * How long {@link PmeClient#connect(PmeClient.Context)} waits for both streams to connect.
     */
    public static final String CONNECT_TIMEOUT_PROP_NAME = "pme.client.connect.timeout";

    /**
     * Default for {@link #CONNECT_TIMEOUT_PROP_NAME}: 10 seconds.
     */
    public static final long CONNECT_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(10);

    /**
     * How long {@link PmeClient#logon()} may take in all.
     */
    public static final String LOGON_TIMEOUT_PROP_NAME = "pme.client.logon.timeout";

    /**
     * Default for {@link #LOGON_TIMEOUT_PROP_NAME}: 5 seconds, the engine's own default window for a logon.
     */
    public static final long LOGON_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(5);

    /**
     * How long a logon waits for its challenge before it is sent again.
     */
    public static final String LOGON_RESEND_INTERVAL_PROP_NAME = "pme.client.logon.resend.interval";

    /**
     * Default for {@link #LOGON_RESEND_INTERVAL_PROP_NAME}: the protocol's, half a second.
     */
    public static final long LOGON_RESEND_INTERVAL_DEFAULT_NS = LogonHandshake.DEFAULT_RESEND_INTERVAL_NS;

    /**
     * How long a request may wait for its answer before it is reported timed out.
     */
    public static final String REQUEST_TIMEOUT_PROP_NAME = "pme.client.request.timeout";

    /**
     * Default for {@link #REQUEST_TIMEOUT_PROP_NAME}: 5 seconds.
     */
    public static final long REQUEST_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(5);

    /**
     * Requests awaiting answers at most; beyond it an offer returns {@link PmeClient#OVERLOADED}.
     */
    public static final String MAX_IN_FLIGHT_PROP_NAME = "pme.client.max.in.flight";

    /**
     * Default for {@link #MAX_IN_FLIGHT_PROP_NAME}.
     */
    public static final int MAX_IN_FLIGHT_DEFAULT = 1024;

    /**
     * Retries of a back-pressured offer, one idle each, before it returns {@link PmeClient#BACK_PRESSURED}.
     */
    public static final String OFFER_RETRIES_PROP_NAME = "pme.client.offer.retries";

    /**
     * Default for {@link #OFFER_RETRIES_PROP_NAME}.
     */
    public static final int OFFER_RETRIES_DEFAULT = 100;

    /**
     * Whether the client launches a media driver of its own (for UDP to an engine on another machine).
     */
    public static final String EMBEDDED_MEDIA_DRIVER_PROP_NAME = "pme.client.embedded.media.driver";

    /**
     * Default for {@link #EMBEDDED_MEDIA_DRIVER_PROP_NAME}: use the media driver already running.
     */
    public static final boolean EMBEDDED_MEDIA_DRIVER_DEFAULT = false;

    private PmeClientConfiguration()
    {
    }

    /**
     * @return the engine's input channel: {@link ProtocolConfiguration#inputChannel()}.
     */
    public static String inputChannel()
    {
        return ProtocolConfiguration.inputChannel();
    }

    /**
     * @return the engine's input stream id: {@link ProtocolConfiguration#inputStreamId()}.
     */
    public static int inputStreamId()
    {
        return ProtocolConfiguration.inputStreamId();
    }

    /**
     * @return the engine's output channel: {@link ProtocolConfiguration#outputChannel()}.
     */
    public static String outputChannel()
    {
        return ProtocolConfiguration.outputChannel();
    }

    /**
     * @return the engine's output stream id: {@link ProtocolConfiguration#outputStreamId()}.
     */
    public static int outputStreamId()
    {
        return ProtocolConfiguration.outputStreamId();
    }

    /**
     * @return the {@link #CONNECT_TIMEOUT_PROP_NAME} system property or {@link #CONNECT_TIMEOUT_DEFAULT_NS}.
     */
    public static long connectTimeoutNs()
    {
        return SystemUtil.getDurationInNanos(CONNECT_TIMEOUT_PROP_NAME, CONNECT_TIMEOUT_DEFAULT_NS);
    }

    /**
     * @return the {@link #LOGON_TIMEOUT_PROP_NAME} system property or {@link #LOGON_TIMEOUT_DEFAULT_NS}.
     */
    public static long logonTimeoutNs()
    {
        return SystemUtil.getDurationInNanos(LOGON_TIMEOUT_PROP_NAME, LOGON_TIMEOUT_DEFAULT_NS);
    }

    /**
     * @return the {@link #LOGON_RESEND_INTERVAL_PROP_NAME} system property or
     * {@link #LOGON_RESEND_INTERVAL_DEFAULT_NS}.
     */
    public static long logonResendIntervalNs()
    {
        return SystemUtil.getDurationInNanos(LOGON_RESEND_INTERVAL_PROP_NAME, LOGON_RESEND_INTERVAL_DEFAULT_NS);
    }

    /**
     * @return the {@link #REQUEST_TIMEOUT_PROP_NAME} system property or {@link #REQUEST_TIMEOUT_DEFAULT_NS}.
     */
    public static long requestTimeoutNs()
    {
        return SystemUtil.getDurationInNanos(REQUEST_TIMEOUT_PROP_NAME, REQUEST_TIMEOUT_DEFAULT_NS);
    }

    /**
     * @return the {@link #MAX_IN_FLIGHT_PROP_NAME} system property or {@link #MAX_IN_FLIGHT_DEFAULT}.
     */
    public static int maxInFlight()
    {
        return Integer.getInteger(MAX_IN_FLIGHT_PROP_NAME, MAX_IN_FLIGHT_DEFAULT);
    }

    /**
     * @return the {@link #OFFER_RETRIES_PROP_NAME} system property or {@link #OFFER_RETRIES_DEFAULT}.
     */
    public static int offerRetries()
    {
        return Integer.getInteger(OFFER_RETRIES_PROP_NAME, OFFER_RETRIES_DEFAULT);
    }

    /**
     * @return the {@link #EMBEDDED_MEDIA_DRIVER_PROP_NAME} system property or
     * {@link #EMBEDDED_MEDIA_DRIVER_DEFAULT}.
     */
    public static boolean embeddedMediaDriver()
    {
        final String value = System.getProperty(EMBEDDED_MEDIA_DRIVER_PROP_NAME);
        return null == value ? EMBEDDED_MEDIA_DRIVER_DEFAULT : Boolean.parseBoolean(value);
    }
}
