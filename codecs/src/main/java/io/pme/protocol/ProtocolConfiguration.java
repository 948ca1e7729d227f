package io.pme.protocol;

/**
 * Where the engine listens and answers, as both sides of the wire default it: the engine's
 * {@code EngineConfiguration} and the client's {@code PmeClient.Configuration} read the same property names and
 * fall back to the same defaults, so an engine and a client started with no settings on one machine find each other.
 */
public final class ProtocolConfiguration
{
    /**
     * Channel the engine subscribes to for inputs.
     */
    public static final String INPUT_CHANNEL_PROP_NAME = "pme.input.channel";

    /**
     * Default for {@link #INPUT_CHANNEL_PROP_NAME}: shared memory on one machine.
     */
    public static final String INPUT_CHANNEL_DEFAULT = "aeron:ipc";

    /**
     * Stream id of the inputs on {@link #INPUT_CHANNEL_PROP_NAME}.
     */
    public static final String INPUT_STREAM_ID_PROP_NAME = "pme.input.stream.id";

    /**
     * Default for {@link #INPUT_STREAM_ID_PROP_NAME}.
     */
    public static final int INPUT_STREAM_ID_DEFAULT = 1001;

    /**
     * Channel the engine publishes its outputs on (answers, margin updates, session messages).
     */
    public static final String OUTPUT_CHANNEL_PROP_NAME = "pme.output.channel";

    /**
     * Default for {@link #OUTPUT_CHANNEL_PROP_NAME}: shared memory on one machine.
     */
    public static final String OUTPUT_CHANNEL_DEFAULT = "aeron:ipc";

    /**
     * Stream id of the outputs on {@link #OUTPUT_CHANNEL_PROP_NAME}.
     */
    public static final String OUTPUT_STREAM_ID_PROP_NAME = "pme.output.stream.id";

    /**
     * Default for {@link #OUTPUT_STREAM_ID_PROP_NAME}.
     */
    public static final int OUTPUT_STREAM_ID_DEFAULT = 1002;

    /**
     * Largest input frame the engine accepts; the protocol's largest message is far below it.
     */
    public static final int MAX_FRAME_LENGTH = 256;

    private ProtocolConfiguration()
    {
    }

    /**
     * @return the input channel: the {@link #INPUT_CHANNEL_PROP_NAME} system property or its default.
     */
    public static String inputChannel()
    {
        return System.getProperty(INPUT_CHANNEL_PROP_NAME, INPUT_CHANNEL_DEFAULT);
    }

    /**
     * @return the input stream id: the {@link #INPUT_STREAM_ID_PROP_NAME} system property or its default.
     */
    public static int inputStreamId()
    {
        return Integer.getInteger(INPUT_STREAM_ID_PROP_NAME, INPUT_STREAM_ID_DEFAULT);
    }

    /**
     * @return the output channel: the {@link #OUTPUT_CHANNEL_PROP_NAME} system property or its default.
     */
    public static String outputChannel()
    {
        return System.getProperty(OUTPUT_CHANNEL_PROP_NAME, OUTPUT_CHANNEL_DEFAULT);
    }

    /**
     * @return the output stream id: the {@link #OUTPUT_STREAM_ID_PROP_NAME} system property or its default.
     */
    public static int outputStreamId()
    {
        return Integer.getInteger(OUTPUT_STREAM_ID_PROP_NAME, OUTPUT_STREAM_ID_DEFAULT);
    }
}
