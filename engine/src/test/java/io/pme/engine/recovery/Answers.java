package io.pme.engine.recovery;

/**
 * The direct answers one engine gave, by input: every input gets exactly one, so an input without one was not
 * acknowledged.
 */
final class Answers
{
    /** What a direct answer said about its input. */
    enum Outcome
    {
        /** Ack, accepted check, or state digest: the input changed the state. */
        APPLIED,
        /** Reject or refused check for a business reason: the state is unchanged. */
        REFUSED,
        /** Refused because the engine already had this client's correlation id. */
        DUPLICATE
    }

    private final Inputs inputs;
    private final Outcome[] outcomes;
    private final long[] digests;
    private int count;
    private int strays;

    Answers(final Inputs inputs)
    {
        this.inputs = inputs;
        outcomes = new Outcome[inputs.size()];
        digests = new long[inputs.size()];
    }

    void onAnswer(final int clientId, final long correlationId, final Outcome outcome, final long digest)
    {
        final int index = inputs.indexOf(clientId, correlationId);
        if (index < 0 || null != outcomes[index])
        {
            strays++;
            return;
        }
        outcomes[index] = outcome;
        digests[index] = digest;
        count++;
    }

    /**
     * @return how many inputs there are to answer.
     */
    int inputCount()
    {
        return outcomes.length;
    }

    /**
     * @return answers received, each to a distinct input.
     */
    int count()
    {
        return count;
    }

    /**
     * @return answers to no input, or second answers to one: there should be none.
     */
    int strays()
    {
        return strays;
    }

    boolean isAnswered(final int index)
    {
        return null != outcomes[index];
    }

    Outcome outcome(final int index)
    {
        return outcomes[index];
    }

    /**
     * @return the digest a StateDigest answer to this input reported.
     */
    long digest(final int index)
    {
        return digests[index];
    }

    /**
     * @return the first input without an answer, or the number of inputs if all have one.
     */
    int firstUnanswered()
    {
        int index = 0;
        while (index < outcomes.length && null != outcomes[index])
        {
            index++;
        }
        return index;
    }

    /**
     * @return the highest answered input, or -1 if none is.
     */
    int lastAnswered()
    {
        int index = outcomes.length - 1;
        while (index >= 0 && null == outcomes[index])
        {
            index--;
        }
        return index;
    }
}
