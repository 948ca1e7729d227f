package io.pme.gateway;

/**
 * How a blocking request ended. Only ACCEPTED, REJECTED and ANSWERED mean the engine answered; every other value is
 * the client's own explicit refusal or a missing answer: a request is never dropped silently.
 */
public enum Status
{
    /** A check the engine accepted. */
    ACCEPTED,
    /** Refused by the engine or its session boundary; the reason says why. */
    REJECTED,
    /** A query the engine answered. */
    ANSWERED,
    /** Not sent: the client's in-flight limit is reached. */
    OVERLOADED,
    /** Not sent: the engine's input stream stayed back-pressured through every retry. */
    BACK_PRESSURED,
    /** Not sent: no engine is connected. */
    NOT_CONNECTED,
    /** Not sent: the client has not logged on (or was refused). */
    NOT_LOGGED_ON,
    /** Not sent: the client is closed. */
    CLOSED,
    /** Sent, but no answer came within the request timeout. */
    TIMED_OUT;

    static Status ofOfferResult(final long result)
    {
        if (PmeClient.OVERLOADED == result)
        {
            return OVERLOADED;
        }
        if (PmeClient.BACK_PRESSURED == result)
        {
            return BACK_PRESSURED;
        }
        if (PmeClient.NOT_CONNECTED == result)
        {
            return NOT_CONNECTED;
        }
        if (PmeClient.NOT_LOGGED_ON == result)
        {
            return NOT_LOGGED_ON;
        }
        return CLOSED;
    }
}
